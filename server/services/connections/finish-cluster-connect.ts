// The connect flow's callback: the attempt must exist (consumed once), be this user's and be
// unexpired; the code is exchanged with PKCE and the person identified (exchange-connect-code.ts),
// and the tokens sealed and stored. Any failure stores nothing and says why in plain words.
import { eq, sql } from "drizzle-orm";
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
import { openClusterProvider, type TClusterProvider } from "./cluster-issuer";
import { sealTokens } from "./connection-tokens";
import { exchangeConnectCode } from "./exchange-connect-code";
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
  if (!signIn)
    throw new ConnectFailed(`Cluster "${cluster.name}" no longer has user sign-in.`, back);

  let provider: TClusterProvider;
  try {
    provider = await openClusterProvider(cluster, signIn);
  } catch (error) {
    throw new ConnectFailed(
      `Could not connect to "${cluster.name}": ${(error as Error).message}.`,
      back,
    );
  }
  const result = await exchangeConnectCode(cluster, provider, {
    params: input.params,
    redirectUri: input.redirectUri,
    verifier: openSecret(attempt.codeVerifier),
    nonce: attempt.nonce,
  });
  if (!result.ok)
    throw new ConnectFailed(`Could not connect to "${cluster.name}": ${result.problem}.`, back);

  const sealed = sealTokens(result.tokens);
  await ctx.db.transaction(async (tx) => {
    const values = {
      ...sealed,
      expiresAt: result.expiresAt,
      username: result.username,
      groups: result.groups,
      state: "connected" as const,
      lastError: null,
      renewable: result.tokens.refreshToken !== null,
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
      after: { username: result.username, groups: result.groups },
    });
  });
  return { clusterName: cluster.name, username: result.username, returnPath: back };
}
