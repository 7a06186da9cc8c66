import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { RouterOutputs } from "@/lib/trpc/types";
import { ConnectionActions } from "./connection-actions";
import { ConnectionStatus } from "./connection-status";

export type TEnvironmentConnectionView = NonNullable<RouterOutputs["connection"]["forEnvironment"]>;
type TClusterPart = Omit<TEnvironmentConnectionView, "hub">;

/** What Slipway does on the cluster as the person, in the words the card uses. */
export const CLUSTER_USE_TEXT: Record<TClusterPart["usedFor"][number], string> = {
  "argo-cd": "Argo CD (sync, promote)",
  namespace: "this environment's namespace (live state, events, workspace)",
};

function clusterLabel(part: TClusterPart): string {
  return part.cluster.displayName || part.cluster.name;
}

function ClusterConnection({ part, titled }: { part: TClusterPart; titled: boolean }) {
  const label = clusterLabel(part);
  return (
    <section aria-label={`Your connection to ${label}`} className="space-y-2">
      {titled ? <h3 className="font-medium">Your connection to {label}</h3> : null}
      <p className="text-muted-foreground text-sm">
        Used for {part.usedFor.map((use) => CLUSTER_USE_TEXT[use]).join(" and ")}.
      </p>
      <ConnectionStatus status={part.status} />
      <ConnectionActions view={part} />
    </section>
  );
}

/**
 * "Your connection to <cluster>" on an environment page; in hub topology, one part for the
 * environment's own cluster and one for the hub (where Sync and promote act).
 */
export function EnvironmentConnectionCard({ view }: { view: TEnvironmentConnectionView }) {
  const parts = view.hub ? [view, view.hub] : [view];
  return (
    <Card data-testid="environment-connection">
      <CardHeader>
        <CardTitle>
          {view.hub
            ? "Your connections for this environment"
            : `Your connection to ${clusterLabel(view)}`}
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {parts.map((part) => (
          <ClusterConnection key={part.cluster.name} part={part} titled={parts.length > 1} />
        ))}
      </CardContent>
    </Card>
  );
}
