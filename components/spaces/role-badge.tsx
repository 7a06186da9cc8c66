import { Badge } from "@/components/ui/badge";
import type { TSpaceRole } from "@/lib/validators/space";

const VARIANT = { owner: "default", contributor: "secondary", viewer: "outline" } as const;

export function RoleBadge({ role }: { role: TSpaceRole }) {
  return <Badge variant={VARIANT[role]}>{role}</Badge>;
}
