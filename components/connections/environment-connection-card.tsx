import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConnectionActions, type TConnectionView } from "./connection-actions";
import { ConnectionStatus } from "./connection-status";

/** "Your connection to <cluster>" on an environment page. */
export function EnvironmentConnectionCard({ view }: { view: TConnectionView }) {
  return (
    <Card data-testid="environment-connection">
      <CardHeader>
        <CardTitle>Your connection to {view.cluster.displayName || view.cluster.name}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <ConnectionStatus status={view.status} />
        <ConnectionActions view={view} />
      </CardContent>
    </Card>
  );
}
