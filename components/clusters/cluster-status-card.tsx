import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { findCondition } from "@/lib/conditions";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";
import { ClusterHealthBadge, EmulatedBadge } from "./cluster-health";
import { ClusterLabels } from "./cluster-table";

type TCluster = RouterOutputs["cluster"]["get"];

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The last check in plain words, and the cluster's settings (never its credentials). */
export function ClusterStatusCard({ cluster }: { cluster: TCluster }) {
  const ready = findCondition(cluster.status, "Ready");
  const probe = cluster.probe;
  const permissions = Object.entries(probe?.permissions ?? {});
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          Status <ClusterHealthBadge cluster={cluster} />
          {cluster.emulated ? <EmulatedBadge /> : null}
          {cluster.cordoned ? <Badge variant="secondary">Cordoned</Badge> : null}
          {cluster.deletionRequestedAt ? <Badge variant="destructive">Being deleted</Badge> : null}
        </CardTitle>
      </CardHeader>
      <CardContent>
        <dl>
          <Row label="Last check">
            {probe ? formatDateTime(new Date(probe.checkedAt)) : "Never"}
          </Row>
          {ready && ready.status !== "True" ? (
            <Row label="Last error">
              <span className="text-destructive" data-testid="cluster-last-error">
                {ready.message}
              </span>
            </Row>
          ) : null}
          <Row label="Kubernetes">{probe?.serverVersion ?? "—"}</Row>
          <Row label="Argo CD Application">
            {probe?.argoCdApplicationServed === undefined
              ? "—"
              : probe.argoCdApplicationServed
                ? "served"
                : "not served"}
            {cluster.emulated ? (
              <p className="text-muted-foreground text-xs" data-testid="cluster-argo-cd-emulated">
                Argo CD is emulated here: every sync reports success (Synced, Healthy) without
                fetching from Git, and no workload runs. These statuses are not from a real
                deployment.
              </p>
            ) : null}
          </Row>
          {cluster.hubCluster ? (
            <Row label="Hub cluster">
              <span className="font-mono">{cluster.hubCluster}</span>
              <span className="text-muted-foreground text-xs"> — its Argo CD deploys here</span>
            </Row>
          ) : null}
          <Row label="Permissions">
            {permissions.length === 0
              ? "—"
              : permissions.map(([what, allowed]) => (
                  <Badge
                    key={what}
                    variant={allowed ? "success" : "destructive"}
                    className="mr-1 mb-1"
                  >
                    {allowed ? "can" : "cannot"} {what}
                  </Badge>
                ))}
          </Row>
          <Row label="API URL">
            <span className="font-mono">{cluster.apiUrl}</span>
            {cluster.insecureSkipTlsVerify ? (
              <Badge variant="warning" className="ml-2">
                TLS not verified
              </Badge>
            ) : null}
          </Row>
          <Row label="Credentials">
            {cluster.authKind === "token" ? "Bearer token" : "Client certificate"}
            {cluster.credentialsRotatedAt
              ? `, rotated ${formatDateTime(cluster.credentialsRotatedAt)}`
              : ""}
          </Row>
          <Row label="Labels">
            <ClusterLabels labels={cluster.labels} />
          </Row>
          <Row label="Namespaces">
            {cluster.namespaces.length ? cluster.namespaces.join(", ") : "any"}
          </Row>
          <Row label="Argo CD namespace">{cluster.argoCdNamespace ?? "none"}</Row>
          <Row label="Workspace dashboard">{cluster.workspaceUrl ?? "—"}</Row>
          <Row label="Quota ceilings">
            {Object.entries(cluster.quotaCeilings)
              .map(([k, v]) => `${k}=${v}`)
              .join(", ") || "none"}
          </Row>
          <Row label="Used by">
            {cluster.usage.environments} environment(s), {cluster.usage.deploymentTargetClasses}{" "}
            deployment-target class(es)
          </Row>
        </dl>
      </CardContent>
    </Card>
  );
}
