import { Badge } from "@/components/ui/badge";

const SYNC_VARIANT: Record<string, "success" | "warning" | "muted"> = {
  Synced: "success",
  OutOfSync: "warning",
};
const HEALTH_VARIANT: Record<string, "success" | "warning" | "destructive" | "muted"> = {
  Healthy: "success",
  Progressing: "muted",
  Degraded: "destructive",
  Missing: "warning",
};

/** Argo CD's sync status as a badge; null before Argo CD reported one. */
export function SyncBadge({ status }: { status: string | null }) {
  return <Badge variant={SYNC_VARIANT[status ?? ""] ?? "muted"}>{status ?? "Not reported"}</Badge>;
}

/** Argo CD's health status as a badge; null before Argo CD reported one. */
export function HealthBadge({ status }: { status: string | null }) {
  return (
    <Badge variant={HEALTH_VARIANT[status ?? ""] ?? "muted"}>{status ?? "Not reported"}</Badge>
  );
}
