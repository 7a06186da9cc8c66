// Acting on a cluster as a person (issue 9): their connection's ID token (OpenShift: access token)
// as the bearer, refreshed ahead of expiry and once more on a 401, one refresh at a time per
// connection (a refresh token is single-use where the provider rotates them: two racing refreshes
// would burn it). OpenShift gives no refresh token: expiry or a 401 there means "reconnect needed".
// Clusters without user sign-in answer "not-configured", and callers keep using the cluster's
// service credentials.
import type { KubeConfig } from "@kubernetes/client-node";
import { and, eq, sql } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { clusterConnections, clusters, clusterUserSignIns } from "@/db/schema";
import type { TClusterConnection } from "@/server/k8s/connection";
import { kubeConfigFor } from "@/server/k8s/kube-config-for";
import { connectionOfRow } from "../clusters/cluster-credentials";
import type { TClusterRow } from "../clusters/cluster-row";
import { AppError } from "../errors";
import type { TClusterSignInRow } from "../cluster-sign-in/sign-in-row";
import { describeOauthError, isOidcSignIn, openClusterIssuer } from "./cluster-issuer";
import { clusterIdentity } from "./cluster-identity";
import { ConnectionNeeded, ReconnectNeeded } from "./connection-errors";
import { bearerOf, openTokens, sealTokens, tokensFromResponse } from "./connection-tokens";
import { personConnection } from "./person-connection";

/** Refresh when the ID token has less than this left: a request must not outlive its bearer. */
export const REFRESH_AHEAD_MS = 60_000;

export type TUserClusterAccess =
  | { kind: "not-configured" }
  | { kind: "user"; connection: TClusterConnection; kubeConfig: KubeConfig; username: string };

export interface TAccessContext {
  db: Db;
  log: Logger;
}

export interface TAccessOptions {
  /** The clock deciding "about to expire" (tests move it instead of waiting). */
  now?: () => Date;
  /** Refresh whatever the expiry says (the cluster just answered 401). */
  forceRefresh?: boolean;
}

type TConnectionRow = typeof clusterConnections.$inferSelect;

export async function userClusterAccess(
  ctx: TAccessContext,
  userId: string,
  clusterId: string,
  options: TAccessOptions = {},
): Promise<TUserClusterAccess> {
  const now = options.now ?? (() => new Date());
  const [found] = await ctx.db
    .select({ cluster: clusters, signIn: clusterUserSignIns, connection: clusterConnections })
    .from(clusters)
    .leftJoin(clusterUserSignIns, eq(clusterUserSignIns.clusterId, clusters.id))
    .leftJoin(
      clusterConnections,
      and(eq(clusterConnections.clusterId, clusters.id), eq(clusterConnections.userId, userId)),
    )
    .where(eq(clusters.id, clusterId));
  if (!found) throw new AppError("NOT_FOUND", "The cluster was not found.");
  const { cluster, connection } = found;
  const signIn = found.signIn ?? undefined;
  if (!signIn) return { kind: "not-configured" };
  if (!connection) throw new ConnectionNeeded(cluster.name);
  if (connection.state === "reconnect_needed")
    throw new ReconnectNeeded(cluster.name, connection.lastError ?? "the connection was lost");

  let current = connection;
  if (options.forceRefresh || current.expiresAt.getTime() - now().getTime() < REFRESH_AHEAD_MS)
    current = await refreshOnce(ctx, { cluster, signIn, seen: current, now });
  await ctx.db
    .update(clusterConnections)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(clusterConnections.userId, userId), eq(clusterConnections.clusterId, clusterId)));
  const service = connectionOfRow(cluster);
  const asUser = personConnection(service, bearerOf(openTokens(current.tokens)));
  return {
    kind: "user",
    connection: asUser,
    kubeConfig: kubeConfigFor(asUser),
    username: current.username,
  };
}

/**
 * Runs `fn` with the person's access; on a 401 from the cluster (a token revoked or expired early)
 * refreshes once and runs it again. `fn` gets `{ kind: "not-configured" }` on clusters without sign-in.
 */
export async function withUserCluster<T>(
  ctx: TAccessContext,
  userId: string,
  clusterId: string,
  fn: (access: TUserClusterAccess) => Promise<T>,
  options: Omit<TAccessOptions, "forceRefresh"> = {},
): Promise<T> {
  const access = await userClusterAccess(ctx, userId, clusterId, options);
  try {
    return await fn(access);
  } catch (error) {
    if (access.kind !== "user" || !isUnauthorized(error)) throw error;
    ctx.log.info({ clusterId }, "cluster refused the user's token: refreshing once");
    return fn(await userClusterAccess(ctx, userId, clusterId, { ...options, forceRefresh: true }));
  }
}

function isUnauthorized(error: unknown): boolean {
  const e = error as { code?: unknown; statusCode?: unknown } | null;
  return e?.code === 401 || e?.statusCode === 401;
}

interface TRefresh {
  cluster: TClusterRow;
  signIn: TClusterSignInRow;
  /** The row as the caller read it: a newer one means someone else refreshed meanwhile. */
  seen: TConnectionRow;
  now: () => Date;
}

/** One refresh per connection at a time in this process; the row lock covers other processes. */
const inFlight = new Map<string, Promise<TConnectionRow>>();

function refreshOnce(ctx: TAccessContext, refresh: TRefresh): Promise<TConnectionRow> {
  const key = `${refresh.seen.userId}/${refresh.seen.clusterId}`;
  const running = inFlight.get(key);
  if (running) return running;
  const promise = refreshConnection(ctx, refresh).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

async function refreshConnection(ctx: TAccessContext, refresh: TRefresh): Promise<TConnectionRow> {
  const { cluster, signIn, seen } = refresh;
  const which = and(
    eq(clusterConnections.userId, seen.userId),
    eq(clusterConnections.clusterId, seen.clusterId),
  );
  type TOutcome = { row: TConnectionRow } | { error: AppError };
  const outcome = await ctx.db.transaction(async (tx): Promise<TOutcome> => {
    const [row] = await tx.select().from(clusterConnections).where(which).for("update");
    if (!row) return { error: new ConnectionNeeded(cluster.name) };
    if (row.state === "reconnect_needed")
      return {
        error: new ReconnectNeeded(cluster.name, row.lastError ?? "the connection was lost"),
      };
    // Another request refreshed while this one waited for the lock: use its tokens.
    if (row.updatedAt.getTime() !== seen.updatedAt.getTime()) return { row };
    const tokens = openTokens(row.tokens);
    const refused = async (reason: string) => {
      await tx
        .update(clusterConnections)
        .set({ state: "reconnect_needed", lastError: reason, updatedAt: sql`now()` })
        .where(which);
      return { error: new ReconnectNeeded(cluster.name, reason) };
    };
    if (!isOidcSignIn(signIn))
      return refused(
        "OpenShift's OAuth server gives no refresh token, and the cluster no longer takes this token (expired or logged out)",
      );
    if (!tokens.refreshToken)
      return refused(
        "the identity provider gave Slipway no refresh token, and the sign-in expired",
      );
    let issued;
    try {
      const issuer = await openClusterIssuer(signIn);
      const { as, client, clientAuth, options } = issuer;
      const response = await oauth.refreshTokenGrantRequest(
        as,
        client,
        clientAuth,
        tokens.refreshToken,
        options,
      );
      const processed = await oauth.processRefreshTokenResponse(as, client, response);
      await oauth.validateApplicationLevelSignature(as, response, options);
      issued = tokensFromResponse(processed, tokens.refreshToken);
    } catch (error) {
      // The provider said no (revoked, expired, client changed): only the person can fix that.
      if (error instanceof oauth.ResponseBodyError)
        return refused(
          `the identity provider refused to refresh the sign-in (${describeOauthError(error)})`,
        );
      // Unreachable or confused provider: keep the connection, the next use tries again.
      return {
        error: new AppError(
          "BAD_REQUEST",
          `Could not refresh your sign-in to cluster "${cluster.name}": ${describeOauthError(error)}.`,
        ),
      };
    }
    const identity = clusterIdentity(issued.claims, signIn);
    if (!identity.ok) return refused(identity.problem);
    const [updated] = await tx
      .update(clusterConnections)
      .set({
        ...sealTokens(issued.tokens),
        expiresAt: issued.expiresAt,
        username: identity.username,
        groups: identity.groups,
        updatedAt: sql`now()`,
      })
      .where(which)
      .returning();
    return { row: updated! };
  });
  if ("error" in outcome) throw outcome.error;
  ctx.log.info({ clusterId: seen.clusterId }, "refreshed a user's cluster sign-in");
  return outcome.row;
}
