// Registers the `npm run dev` sandbox (the Kubernetes API test server) as cluster "sandbox", or
// updates its credentials, which change at every start. A real cluster an admin named "sandbox"
// is left alone. With the development OpenID provider running, the sandbox trusts it as its
// issuer, and its user sign-in is written once (ensure-sandbox-sign-in.ts).
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters } from "@/db/schema";
import { connectionFromKubeconfig } from "@/server/k8s/kubeconfig";
import { recordAuditEvent, SLIPWAY_ACTOR } from "../audit/record-audit-event";
import { ensureSandboxSignIn } from "../cluster-sign-in/ensure-sandbox-sign-in";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { checkCluster } from "./check-cluster";
import { sealCredentials } from "./cluster-credentials";
import { clusterAuditView, type TClusterRow } from "./cluster-row";

export const SANDBOX_CLUSTER = "sandbox";

export async function ensureSandboxCluster(
  db: Db,
  kubeconfigYaml: string,
  options: { userSignInIssuer?: string } = {},
): Promise<"registered" | "updated" | "skipped"> {
  const signIn = async (tx: Db, cluster: TClusterRow) => {
    if (options.userSignInIssuer) await ensureSandboxSignIn(tx, cluster, options.userSignInIssuer);
  };
  const conn = connectionFromKubeconfig(kubeconfigYaml);
  const sealed = sealCredentials(conn.credentials);
  const outcome = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(clusters)
      .where(eq(clusters.name, SANDBOX_CLUSTER))
      .for("update");
    if (existing && !existing.emulated) return { result: "skipped" as const };
    if (existing) {
      await tx
        .update(clusters)
        .set({
          ...sealed,
          apiUrl: conn.apiUrl,
          generation: sql`${clusters.generation} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(clusters.id, existing.id), eq(clusters.emulated, true)));
      await signIn(tx, existing);
      await requestReconcile(tx, [reconcileKey("cluster", existing.id)]);
      return { result: "updated" as const, id: existing.id };
    }
    const [row] = await tx
      .insert(clusters)
      .values({
        name: SANDBOX_CLUSTER,
        displayName: "Sandbox",
        description:
          "The Kubernetes API test server `npm run dev` starts: an emulated API that runs no workloads, with an emulated Argo CD that reports every sync Synced and Healthy (not a real deployment).",
        apiUrl: conn.apiUrl,
        ...sealed,
        emulated: true,
        labels: { purpose: "sandbox" },
        argoCdNamespace: "argocd",
        quotaCeilings: {
          "requests.cpu": "8",
          "requests.memory": "16Gi",
          "limits.cpu": "16",
          "limits.memory": "32Gi",
          pods: "100",
        },
      })
      .onConflictDoNothing()
      .returning();
    // Another process registered it a moment ago.
    if (!row) return { result: "skipped" as const };
    await recordAuditEvent(
      { db: tx, actor: SLIPWAY_ACTOR },
      {
        spaceId: null,
        action: "cluster.register",
        targetType: "cluster",
        targetId: row.name,
        after: clusterAuditView(row),
      },
    );
    await signIn(tx, row);
    await requestReconcile(tx, [reconcileKey("cluster", row.id)]);
    return { result: "registered" as const, id: row.id };
  });
  if (outcome.id) await checkCluster(db, outcome.id);
  return outcome.result;
}
