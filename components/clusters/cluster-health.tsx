import { Badge } from "@/components/ui/badge";
import { findCondition, isReady, type TReconcileStatus } from "@/lib/conditions";

type THealthInput = { status: TReconcileStatus; generation: number };

/** Healthy only when the last check of the current settings passed; otherwise its reason. */
export function ClusterHealthBadge({ cluster }: { cluster: THealthInput }) {
  const ready = findCondition(cluster.status, "Ready");
  if (!ready) return <Badge variant="muted">Not checked yet</Badge>;
  if (isReady(cluster.status, cluster.generation)) return <Badge variant="success">Healthy</Badge>;
  if (ready.status === "True") return <Badge variant="muted">Checking…</Badge>;
  return (
    <Badge variant="destructive" title={ready.message}>
      Unhealthy
    </Badge>
  );
}

export function EmulatedBadge() {
  return (
    <Badge
      variant="warning"
      title="The Kubernetes API test server: it answers like a cluster but runs nothing"
    >
      Emulated API — runs no workloads
    </Badge>
  );
}
