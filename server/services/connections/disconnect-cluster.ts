// "Disconnect": revoke the person's tokens at the issuer (RFC 7009) where it offers revocation, or
// on OpenShift delete their token object, then forget them. The tokens are deleted even when the issuer cannot be reached; the answer
// says so, since the refresh token then lives on at the issuer until it expires.
import { and, eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { clusterConnections, clusterUserSignIns } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { loadCluster } from "../clusters/load-cluster";
import { inTransaction, type TServiceContext } from "../context";
import { AppError } from "../errors";
import { describeOauthError, isOidcSignIn, openClusterIssuer } from "./cluster-issuer";
import { openTokens } from "./connection-tokens";
import type { TConnectionTokens } from "@/db/schema";
import type { TClusterSignInRow } from "../cluster-sign-in/sign-in-row";
import { explainKubernetesError } from "@/server/k8s/explain-error";
import { connectionOfRow } from "../clusters/cluster-credentials";
import type { TClusterRow } from "../clusters/cluster-row";
import { deleteOpenShiftToken, isOpenShiftSignIn } from "./openshift-oauth";

export interface TDisconnected {
  /** Whether the issuer confirmed the revocation. */
  revoked: boolean;
  /** Plain words for the person. */
  message: string;
}

export async function disconnectCluster(
  ctx: TServiceContext,
  input: { cluster: string },
): Promise<TDisconnected> {
  const cluster = await loadCluster(ctx, input.cluster);
  const mine = and(
    eq(clusterConnections.userId, ctx.actor.id),
    eq(clusterConnections.clusterId, cluster.id),
  );
  const [row] = await ctx.db.select().from(clusterConnections).where(mine);
  if (!row) throw new AppError("NOT_FOUND", `You are not connected to cluster "${cluster.name}".`);
  const [signIn] = await ctx.db
    .select()
    .from(clusterUserSignIns)
    .where(eq(clusterUserSignIns.clusterId, cluster.id));
  const tokens = openTokens(row.tokens);
  const problem = isOpenShiftSignIn(signIn)
    ? await logOutOfOpenShift(cluster, tokens.accessToken)
    : await revokeTokens(signIn, tokens);

  await ctx.db.transaction(async (tx) => {
    await tx.delete(clusterConnections).where(mine);
    await recordAuditEvent(inTransaction(ctx, tx), {
      spaceId: null,
      action: "cluster.disconnect",
      targetType: "cluster",
      targetId: cluster.name,
      before: { username: row.username, groups: row.groups },
      after: { revoked: problem === null, ...(problem ? { problem } : {}) },
    });
  });
  return problem === null
    ? {
        revoked: true,
        message: `Disconnected from "${cluster.name}"; ${
          isOpenShiftSignIn(signIn)
            ? "the cluster no longer accepts your OpenShift token"
            : "the identity provider revoked your tokens"
        }.`,
      }
    : {
        revoked: false,
        message: `Disconnected from "${cluster.name}": Slipway forgot your tokens, but ${problem}.`,
      };
}

/** OpenShift: the person deletes their own token object, as `oc logout` does. */
async function logOutOfOpenShift(
  cluster: TClusterRow,
  accessToken: string,
): Promise<string | null> {
  try {
    await deleteOpenShiftToken(connectionOfRow(cluster), accessToken);
    return null;
  } catch (error) {
    // Already deleted, or no longer accepted (expired, logged out elsewhere): nothing left to end.
    const code = (error as { code?: unknown }).code;
    if (code === 401 || code === 404) return null;
    return `the cluster could not delete your OpenShift token (${explainKubernetesError(error).message})`;
  }
}

/** Null when revoked; otherwise why not, in words that finish "Slipway forgot your tokens, but …". */
async function revokeTokens(
  signIn: TClusterSignInRow | undefined,
  tokens: TConnectionTokens,
): Promise<string | null> {
  if (!isOidcSignIn(signIn))
    return "the cluster no longer has user sign-in, so nothing was revoked";
  try {
    const issuer = await openClusterIssuer(signIn);
    const { as, client, clientAuth, options } = issuer;
    if (!as.revocation_endpoint)
      return "the identity provider offers no revocation, so your sign-in there stays valid until it expires";
    const revoke = async (token: string, hint: string) =>
      oauth.processRevocationResponse(
        await oauth.revocationRequest(as, client, clientAuth, token, {
          ...options,
          additionalParameters: { token_type_hint: hint },
        }),
      );
    if (tokens.refreshToken) await revoke(tokens.refreshToken, "refresh_token");
    await revoke(tokens.accessToken, "access_token");
    return null;
  } catch (error) {
    return `the identity provider could not revoke them (${describeOauthError(error)})`;
  }
}
