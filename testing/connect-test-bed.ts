// The cluster connect flow end to end in tests (issue 9): the development OpenID provider on port 0
// as a cluster's issuer, the Kubernetes API test server trusting it (`--oidc-*` as kube-apiserver),
// that cluster registered in Slipway with user sign-in, and a browser to log in with.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { Db } from "../db/client";
import { startKubeTestServer, type KubeTestServer } from "../k8s-test-server/index";
import { CLUSTER_CONNECT_CALLBACK_PATH } from "../lib/cluster-connect";
import {
  DEMO_PASSWORD,
  DEV_CLUSTER_OIDC_CLIENT_ID,
  DEV_CLUSTER_OIDC_CLIENT_SECRET,
  startDevOidcProvider,
  type TDevOidcProvider,
} from "../server/dev/oidc";
import type { TServiceContext } from "../server/services/context";
import { startClusterConnect } from "../server/services/connections/start-cluster-connect";
import { callerFor, testLogger, type TTestUser } from "./callers";
import { insertTestCluster } from "./clusters";
import { CookieJar, follow, request } from "./oidc-browser";

export const SLIPWAY_ORIGIN = "http://slipway.test";
export const CONNECT_REDIRECT_URI = `${SLIPWAY_ORIGIN}${CLUSTER_CONNECT_CALLBACK_PATH}`;

export interface TConnectTestBed {
  provider: TDevOidcProvider;
  server: KubeTestServer;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A development provider and a test server that takes its ID tokens (username = email claim). The
 * provider accepts the connect callback on `slipwayOrigin`. `issuer` names the provider by another
 * address (a pass-through in front of it, such as testing/issuer-gate.ts).
 */
export async function startConnectTestBed(
  slipwayOrigin = SLIPWAY_ORIGIN,
  options: { issuer?: string } = {},
): Promise<TConnectTestBed> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "slipway-connect-"));
  const provider = await startDevOidcProvider({
    port: 0,
    redirectUris: [`${slipwayOrigin}/api/auth/callback/dev`],
    dataDir,
    logger: testLogger,
    ...(options.issuer ? { issuer: options.issuer } : {}),
  });
  const server = await startKubeTestServer({
    oidc: [
      {
        issuerUrl: provider.issuer,
        clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
        usernameClaim: "email",
        allowInsecureIssuer: true,
      },
    ],
  });
  return {
    provider,
    server,
    dataDir,
    stop: async () => {
      await server.stop();
      await provider.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Registers the bed's test server as an (emulated) cluster whose users sign in at its provider. */
export async function registerConnectableCluster(
  db: Db,
  admin: TTestUser,
  bed: TConnectTestBed,
  name: string,
  issuerUrl = bed.provider.issuer,
) {
  const cluster = await insertTestCluster(db, name, {
    apiUrl: bed.server.url,
    emulated: true,
    plainCredentials: { kind: "token", token: bed.server.adminToken, caData: bed.server.caPem },
  });
  await callerFor(db, admin).clusterSignIn.set({
    name,
    kind: "oidc",
    issuerUrl,
    clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
    clientSecret: DEV_CLUSTER_OIDC_CLIENT_SECRET,
    usernameClaim: "email",
  });
  return cluster;
}

export function serviceContextOf(db: Db, user: TTestUser): TServiceContext {
  return { db, actor: user, requestId: `test-${user.username}`, log: testLogger };
}

/**
 * Starts "Connect" as `ctx`'s user and logs in at the provider as `login` (a demo user), as a
 * browser would; returns the callback URL the provider sends the browser to.
 */
export async function authorizeAtProvider(
  ctx: TServiceContext,
  cluster: string,
  login: string,
  returnTo = "/connections",
): Promise<URL> {
  const { authorizationUrl } = await startClusterConnect(ctx, {
    cluster,
    returnTo,
    redirectUri: CONNECT_REDIRECT_URI,
  });
  return logInAtProvider(authorizationUrl, login, CONNECT_REDIRECT_URI);
}

/** From the provider's authorization URL through its login page to `redirectUri`, as a browser. */
export async function logInAtProvider(
  authorizationUrl: string,
  login: string,
  redirectUri: string,
): Promise<URL> {
  const jar = new CookieJar();
  const { response, url: loginUrl } = await follow(
    jar,
    await request(jar, authorizationUrl),
    authorizationUrl,
    redirectUri,
  );
  expect(response.status, "the provider's login page").toBe(200);
  const submitted = await request(jar, `${loginUrl}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: login, password: DEMO_PASSWORD }).toString(),
  });
  const { url } = await follow(jar, submitted, loginUrl, redirectUri);
  expect(url.startsWith(redirectUri), `the provider ended at ${url}`).toBe(true);
  return new URL(url);
}
