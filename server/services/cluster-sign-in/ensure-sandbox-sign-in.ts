// `npm run dev` wires the development OpenID provider as the sandbox's issuer (the sandbox trusts
// it through its --oidc-* flags, see start-sandbox-server.ts), so "Connect" works on a fresh
// machine: the sandbox's user sign-in names that provider's cluster client. Written once, as
// Slipway itself, through the admin card's validation and write: an admin's later edit or removal
// is never undone at the next start.
import { and, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, clusterUserSignIns } from "@/db/schema";
import { ZSetClusterSignInSchema } from "@/lib/validators/cluster-sign-in";
import {
  DEV_CLUSTER_OIDC_CLIENT_ID,
  DEV_CLUSTER_OIDC_CLIENT_SECRET,
} from "@/server/dev/oidc/constants";
import { SLIPWAY_ACTOR } from "../audit/record-audit-event";
import type { TClusterRow } from "../clusters/cluster-row";
import { writeClusterSignIn } from "./set-cluster-sign-in";

/** The sandbox's `--oidc-*` flags, as the admin card's fields. */
export function sandboxSignInInput(clusterName: string, issuerUrl: string) {
  return ZSetClusterSignInSchema.parse({
    name: clusterName,
    kind: "oidc",
    issuerUrl,
    clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
    clientSecret: DEV_CLUSTER_OIDC_CLIENT_SECRET,
    // offline_access: a refresh token, so a connection outlives its short ID token.
    scopes: "openid email profile offline_access",
    // Members are bound by verified e-mail with no prefix (server/k8s/manifests/role-binding.ts).
    usernameClaim: "email",
    usernamePrefix: "-",
  });
}

/**
 * Inside the transaction that holds the sandbox's row lock. Does nothing when the cluster has a
 * sign-in row, or ever had its sign-in set or removed (the audit trail remembers).
 */
export async function ensureSandboxSignIn(
  tx: Db,
  cluster: TClusterRow,
  issuerUrl: string,
): Promise<"written" | "kept"> {
  const [existing] = await tx
    .select({ clusterId: clusterUserSignIns.clusterId })
    .from(clusterUserSignIns)
    .where(eq(clusterUserSignIns.clusterId, cluster.id));
  if (existing) return "kept";
  const [changedBefore] = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, "cluster"),
        eq(auditEvents.targetId, cluster.name),
        // Clusters are audited by name: only this registration's events count.
        gte(auditEvents.at, cluster.createdAt),
        inArray(auditEvents.action, ["cluster.set-user-sign-in", "cluster.clear-user-sign-in"]),
      ),
    )
    .limit(1);
  if (changedBefore) return "kept";
  await writeClusterSignIn(
    { db: tx, actor: SLIPWAY_ACTOR },
    cluster,
    sandboxSignInInput(cluster.name, issuerUrl),
    undefined,
  );
  return "written";
}
