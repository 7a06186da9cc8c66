// "Connect" (issue 9): an authorization-code request with PKCE (S256), `state` and `nonce` bound to
// this Slipway user through a short-lived attempt row, to the cluster's identity provider (an OIDC
// issuer, or the OpenShift OAuth server its API server announces).
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { clusterConnectAttempts, clusterUserSignIns } from "@/db/schema";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { sealSecret } from "@/server/crypto/secret-box";
import type { TServiceContext } from "../context";
import { AppError } from "../errors";
import { openClusterProvider } from "./cluster-issuer";
import { loadReachableCluster } from "./reachable-cluster";

export interface TStartConnectInput {
  cluster: string;
  /** A same-site path to come back to; anything else becomes "/". */
  returnTo: string;
  /** Slipway's fixed callback: its origin + CLUSTER_CONNECT_CALLBACK_PATH. */
  redirectUri: string;
}

/** Attempts are keyed by a hash of `state`: the database never holds a usable state. */
export function stateHashOf(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}

/** Returns the identity provider's authorization URL to send the browser to. */
export async function startClusterConnect(
  ctx: TServiceContext,
  input: TStartConnectInput,
): Promise<{ authorizationUrl: string }> {
  const cluster = await loadReachableCluster(ctx, input.cluster);
  const [signIn] = await ctx.db
    .select()
    .from(clusterUserSignIns)
    .where(eq(clusterUserSignIns.clusterId, cluster.id));
  if (!signIn)
    throw new AppError(
      "BAD_REQUEST",
      `Cluster "${cluster.name}" has no user sign-in: Slipway acts there with the cluster's service credentials.`,
    );
  let issuer;
  try {
    issuer = await openClusterProvider(cluster, signIn);
  } catch (error) {
    throw new AppError(
      "BAD_REQUEST",
      `Cannot connect to "${cluster.name}": ${(error as Error).message}.`,
    );
  }
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const sealed = sealSecret(verifier);
  await ctx.db.transaction(async (tx) => {
    // Abandoned attempts of this user go whenever they start another.
    await tx
      .delete(clusterConnectAttempts)
      .where(
        and(
          eq(clusterConnectAttempts.userId, ctx.actor.id),
          lt(clusterConnectAttempts.expiresAt, sql`now()`),
        ),
      );
    await tx.insert(clusterConnectAttempts).values({
      stateHash: stateHashOf(state),
      userId: ctx.actor.id,
      clusterId: cluster.id,
      codeVerifier: sealed.sealed,
      codeVerifierKeyId: sealed.keyId,
      nonce,
      returnPath: safeCallbackUrl(input.returnTo),
      expiresAt: sql`now() + interval '10 minutes'`,
    });
  });

  const oidc = issuer.kind === "oidc";
  const scopes = new Set(signIn.scopes.split(/\s+/).filter(Boolean));
  if (oidc) scopes.add("openid");
  // A refresh token lets Slipway keep acting as the person without asking again; OpenID Connect
  // grants offline_access only with prompt=consent. OpenShift's OAuth server issues none.
  const offline = oidc && (issuer.as.scopes_supported?.includes("offline_access") ?? false);
  if (offline) scopes.add("offline_access");
  if (!issuer.as.authorization_endpoint)
    throw new AppError(
      "BAD_REQUEST",
      `Cannot connect to "${cluster.name}": its identity provider names no authorization endpoint.`,
    );
  const url = new URL(issuer.as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: signIn.clientId,
    redirect_uri: input.redirectUri,
    response_type: "code",
    scope: [...scopes].join(" "),
    state,
    // OpenShift's OAuth server gives no ID token to carry it back; the attempt keeps one anyway.
    ...(oidc ? { nonce } : {}),
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...(offline ? { prompt: "consent" } : {}),
  }).toString();
  return { authorizationUrl: url.toString() };
}
