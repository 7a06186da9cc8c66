import { Badge, type BadgeProps } from "@/components/ui/badge";

const VARIANT: Record<string, BadgeProps["variant"]> = {
  Pending: "muted",
  Available: "accent",
  Bound: "success",
  Released: "warning",
  Failed: "destructive",
  Lost: "destructive",
};

/** A target's or claim's phase, coloured as Kubernetes tools colour PV and PVC phases. */
export function PhaseBadge({ phase, deleting }: { phase: string; deleting?: boolean }) {
  if (deleting) return <Badge variant="muted">Deleting</Badge>;
  return <Badge variant={VARIANT[phase] ?? "outline"}>{phase}</Badge>;
}
