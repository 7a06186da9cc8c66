// The connect flow's callback: the attempt must exist (consumed once), be this user's and be
// unexpired; the code is exchanged with PKCE, the ID token checked (signature against the issuer's
// keys, iss, aud = the cluster's client id, nonce, exp), and the tokens sealed and stored. Any
// failure stores nothing and says why in plain words.
import { eq, sql } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import {
  clusterConnectAttempts,
  clusterConnections,
  clusters,
  clusterUserSignIns,
} from "@/db/schema";
import { openSecret } from "@/server/crypto/secret-box";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { ConnectFailed } from "./connection-errors";
import {
  describeOauthError,
  isOidcSignIn,
  openClusterIssuer,
  type TClusterIssuer,
} from "./cluster-issuer";
import { clusterIdentity } from "./cluster-identity";
import { sealTokens, tokensFromResponse } from "./connection-tokens";
import { stateHashOf } from "./start-cluster-connect";

export interface TFinishConnectInput {
  /** The callback's query parameters, as the identity provider sent them. */
  params: URLSearchParams;
  /** The same redirect URI the start sent. */
  redirectUri: string;
}

export interface TFinishedConnect {
  clusterName: string;
  username: string;
  returnPath: string;
}

export async function finishClusterConnect(
  ctx: TServiceContext,
  input: TFinishConnectInput,
): Promise<TFinishedConnect> {
  const state = input.params.get("state");
  if (!state)
    throw new ConnectFailed(
      "The identity provider's answer carried no state: start again from Slipway.",
    );
  const [attempt] = await ctx.db
    .delete(clusterConnectAttempts)
    .where(eq(clusterConnectAttempts.stateHash, stateHashOf(state)))
    .returning({
      userId: clusterConnectAttempts.userId,
      clusterId: clusterConnectAttempts.clusterId,
      codeVerifier: clusterConnectAttempts.codeVerifier,
      nonce: clusterConnectAttempts.nonce,
      returnPath: clusterConnectAttempts.returnPath,
      expired: sql<boolean>`${clusterConnectAttempts.expiresAt} < now()`,
    });
  if (!attempt)
    throw new ConnectFailed(
      "This connect answer does not match any connect you started, or was already used: start again from Slipway.",
    );
  const back = attempt.returnPath;
  if (attempt.userId !== ctx.actor.id)
    throw new ConnectFailed("This connect was started by someone else signed in to Slipway.", back);
  if (attempt.expired)
    throw new ConnectFailed("This connect took longer than 10 minutes: start again.", back);

  const [found] = await ctx.db
    .select({ cluster: clusters, signIn: clusterUserSignIns })
    .from(clusters)
    .leftJoin(clusterUserSignIns, eq(clusterUserSignIns.clusterId, clusters.id))
    .where(eq(clusters.id, attempt.clusterId));
  if (!found) throw new ConnectFailed("The cluster was deleted meanwhile.", back);
  const { cluster } = found;
  const signIn = found.signIn ?? undefined;
  if (!isOidcSignIn(signIn))
    throw new ConnectFailed(`Cluster "${cluster.name}" no longer has user sign-in.`, back);

  let issuer: TClusterIssuer;
  try {
    issuer = await openClusterIssuer(signIn);
  } catch (error) {
    throw new ConnectFailed(
      `Could not connect to "${cluster.name}": ${(error as Error).message}.`,
      back,
    );
  }
  const result = await exchangeCode(
    issuer,
    input,
    openSecret(attempt.codeVerifier),
    attempt.nonce,
  ).catch((error: unknown) => {
    throw new ConnectFailed(
      `Could not connect to "${cluster.name}": the identity provider's answer was refused (${describeOauthError(error)}).`,
      back,
    );
  });
  const identity = clusterIdentity(result.claims, issuer.signIn);
  if (!identity.ok)
    throw new ConnectFailed(`Could not connect to "${cluster.name}": ${identity.problem}.`, back);

  const sealed = sealTokens(result.tokens);
  await ctx.db.transaction(async (tx) => {
    const values = {
      ...sealed,
      expiresAt: result.expiresAt,
      username: identity.username,
      groups: identity.groups,
      state: "connected" as const,
      lastError: null,
    };
    await tx
      .insert(clusterConnections)
      .values({ userId: ctx.actor.id, clusterId: cluster.id, ...values })
      .onConflictDoUpdate({
        target: [clusterConnections.userId, clusterConnections.clusterId],
        set: { ...values, updatedAt: sql`now()` },
      });
    await recordAuditEvent(inTransaction(ctx, tx), {
      spaceId: null,
      action: "cluster.connect",
      targetType: "cluster",
      targetId: cluster.name,
      after: { username: identity.username, groups: identity.groups },
    });
  });
  return { clusterName: cluster.name, username: identity.username, returnPath: back };
}

async function exchangeCode(
  issuer: TClusterIssuer,
  input: TFinishConnectInput,
  verifier: string,
  nonce: string,
) {
  const { as, client, clientAuth, options } = issuer;
  // Checks `iss` in the answer (RFC 9207) and turns an `error` parameter into an exception.
  const params = oauth.validateAuthResponse(as, client, input.params, oauth.skipStateCheck);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    clientAuth,
    params,
    input.redirectUri,
    verifier,
    options,
  );
  const tokenResponse = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: nonce,
    requireIdToken: true,
  });
  // The cluster verifies the signature against the issuer's keys; so does Slipway, before storing.
  await oauth.validateApplicationLevelSignature(as, response, options);
  return tokensFromResponse(tokenResponse);
}
