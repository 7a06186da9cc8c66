import { eq, sql } from "drizzle-orm";
import { clusterUserSignIns } from "@/db/schema";
import { isLoopbackHost, type TSetClusterSignIn } from "@/lib/validators/cluster-sign-in";
import { sealSecret } from "@/server/crypto/secret-box";
import { recordAuditEvent, type TAuditContext } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { fieldError } from "../errors";
import { loadCluster } from "../clusters/load-cluster";
import type { TClusterRow } from "../clusters/cluster-row";
import {
  clusterSignInAuditView,
  clusterSignInView,
  type TClusterSignInRow,
  type TClusterSignInView,
} from "./sign-in-row";

/**
 * Creates or replaces how users sign in to a cluster. The client secret is sealed; an empty one
 * keeps the secret already set, and a public client has none.
 */
export async function setClusterSignIn(
  ctx: TServiceContext,
  input: TSetClusterSignIn,
): Promise<TClusterSignInView> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    const cluster = await loadCluster(txCtx, input.name, { forUpdate: true });
    const [before] = await tx
      .select()
      .from(clusterUserSignIns)
      .where(eq(clusterUserSignIns.clusterId, cluster.id));
    return clusterSignInView(await writeClusterSignIn(txCtx, cluster, input, before));
  });
}

/**
 * The write and its audit record, for a caller inside a transaction that holds the cluster's row
 * lock and read `before`: an admin through setClusterSignIn, or Slipway itself (the sandbox).
 */
export async function writeClusterSignIn(
  ctx: TAuditContext,
  cluster: TClusterRow,
  input: TSetClusterSignIn,
  before: TClusterSignInRow | undefined,
): Promise<TClusterSignInRow> {
  if (input.kind === "oidc") refuseInsecureIssuer(cluster, input.issuerUrl);
  const secret = secretColumns(input, before);
  const oidc = input.kind === "oidc";
  const values = {
    kind: input.kind,
    issuerUrl: oidc ? input.issuerUrl : null,
    clientId: input.clientId,
    ...secret,
    scopes: input.scopes,
    usernameClaim: oidc ? input.usernameClaim : "sub",
    usernamePrefix: oidc && input.usernamePrefix !== "" ? input.usernamePrefix : null,
    groupsClaim: oidc && input.groupsClaim !== "" ? input.groupsClaim : null,
    groupsPrefix: oidc && input.groupsPrefix !== "" ? input.groupsPrefix : null,
    // OIDC: the issuer's CA (--oidc-ca-file). OpenShift: the CA of the OAuth server's route.
    caData: input.caData !== "" ? `${input.caData}\n` : null,
  };
  const [after] = await ctx.db
    .insert(clusterUserSignIns)
    .values({ clusterId: cluster.id, createdBy: ctx.actor.id, ...values })
    .onConflictDoUpdate({
      target: clusterUserSignIns.clusterId,
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning();
  if (!after) throw new Error("upsert returned no row");
  await recordAuditEvent(ctx, {
    spaceId: null,
    action: "cluster.set-user-sign-in",
    targetType: "cluster",
    targetId: cluster.name,
    before: clusterSignInAuditView(before),
    after: {
      ...clusterSignInAuditView(after),
      // Whether this change replaced the secret (not only whether one is set).
      clientSecretChanged: before?.clientSecret !== after.clientSecret,
    },
  });
  return after;
}

/**
 * kube-apiserver refuses an issuer that is not https, so configuring one for a real cluster could
 * never work. The emulated sandbox (the project's test server) accepts an http issuer on this
 * machine: that is how `npm run dev` wires the development OpenID provider, which serves plain http.
 */
function refuseInsecureIssuer(cluster: TClusterRow, issuerUrl: string): void {
  const url = new URL(issuerUrl);
  if (url.protocol === "https:") return;
  if (cluster.emulated && isLoopbackHost(url.hostname)) return;
  throw fieldError(
    "issuerUrl",
    cluster.emulated
      ? "Only an issuer on localhost may use http://; any other must be https://."
      : "The issuer must be https://: a real API server refuses any other (http:// on localhost is only for the emulated sandbox).",
  );
}

function secretColumns(
  input: TSetClusterSignIn,
  before: { clientSecret: string | null; clientSecretKeyId: string | null } | undefined,
) {
  if (input.publicClient) return { clientSecret: null, clientSecretKeyId: null };
  if (input.clientSecret !== "") {
    const { sealed, keyId } = sealSecret(input.clientSecret);
    return { clientSecret: sealed, clientSecretKeyId: keyId };
  }
  if (before?.clientSecret)
    return { clientSecret: before.clientSecret, clientSecretKeyId: before.clientSecretKeyId };
  throw fieldError(
    "clientSecret",
    "Enter the client secret, or mark the client as public (PKCE without a secret).",
  );
}
