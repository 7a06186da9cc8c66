// Connecting an OpenShift cluster as yourself (issue 9): the test server emulates OpenShift's OAuth
// server (announced at /.well-known/oauth-authorization-server, htpasswd-style login, opaque
// `sha256~` tokens, no refresh token, `useroauthaccesstokens` for logging out), and Slipway's
// connect flow, token service and disconnect run against it over real HTTPS.
import { CoreV1Api } from "@kubernetes/client-node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clusterConnections, clusters, spaces } from "@/db/schema";
import { startKubeTestServer, type KubeTestServer } from "@/k8s-test-server/index";
import { kubeConfigFor } from "@/server/k8s/kube-config-for";
import { callerFor, createTestUser, testLogger, type TTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { CONNECT_REDIRECT_URI, serviceContextOf } from "@/testing/connect-test-bed";
import { insertTestEnvironment } from "@/testing/environments";
import { joinByInvitation } from "@/testing/join-space";
import { logInAtOpenShift } from "@/testing/openshift-login";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { connectionOfRow } from "../clusters/cluster-credentials";
import { ConnectFailed, ReconnectNeeded } from "./connection-errors";
import { openTokens } from "./connection-tokens";
import { finishClusterConnect } from "./finish-cluster-connect";
import { personConnection } from "./person-connection";
import { startClusterConnect } from "./start-cluster-connect";
import { REFRESH_AHEAD_MS, userClusterAccess, withUserCluster } from "./user-cluster-access";

const CLIENT = "slipway";
const CLIENT_SECRET = "openshift-client-secret";
const PUBLIC_CLIENT = "slipway-public";
const PASSWORD = "openshift-password";
const ALICE = "alice@example.com";
const BOB = "bob@example.com";
const SPACE = "team";

describe.each(testDatabaseKinds())("connecting an OpenShift cluster (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let admin: TTestUser;
  let alice: TTestUser;
  let bob: TTestUser;
  let carol: TTestUser;
  let clusterId: string;

  beforeAll(async () => {
    server = await startKubeTestServer({
      openshiftOAuth: {
        users: [
          { name: ALICE, password: PASSWORD, groups: ["team-devs"] },
          { name: BOB, password: PASSWORD },
          // An identity provider that names people by login, not e-mail.
          { name: "carol", password: PASSWORD },
        ],
        clients: [
          { name: CLIENT, secret: CLIENT_SECRET, redirectURIs: [CONNECT_REDIRECT_URI] },
          { name: PUBLIC_CLIENT, redirectURIs: [CONNECT_REDIRECT_URI] },
        ],
      },
    });
    const db = database().db;
    admin = await createTestUser(db, "root", { isAdmin: true });
    alice = await createTestUser(db, "alice");
    bob = await createTestUser(db, "bob");
    carol = await createTestUser(db, "carol");
    const cluster = await insertTestCluster(db, "ocp", {
      apiUrl: server.url,
      plainCredentials: { kind: "token", token: server.adminToken, caData: server.caPem },
    });
    clusterId = cluster.id;
    await callerFor(db, admin).clusterSignIn.set({
      name: "ocp",
      kind: "openshift",
      clientId: CLIENT,
      clientSecret: CLIENT_SECRET,
    });
    await callerFor(db, alice).space.create({ name: SPACE, displayName: "Team" });
    await joinByInvitation(db, alice, SPACE, bob, "viewer");
    await joinByInvitation(db, alice, SPACE, carol, "contributor");
    const [space] = await db.select().from(spaces).where(eq(spaces.name, SPACE));
    await insertTestEnvironment(db, { spaceId: space!.id, name: "dev", clusterId });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function connect(user: TTestUser, login = user.email) {
    const ctx = serviceContextOf(database().db, user);
    const { authorizationUrl } = await startClusterConnect(ctx, {
      cluster: "ocp",
      returnTo: "/spaces/team/environments/dev",
      redirectUri: CONNECT_REDIRECT_URI,
    });
    const callback = await logInAtOpenShift(authorizationUrl, server.caPem, {
      username: login,
      password: PASSWORD,
    });
    return finishClusterConnect(ctx, {
      params: callback.searchParams,
      redirectUri: CONNECT_REDIRECT_URI,
    });
  }

  async function rowOf(user: TTestUser) {
    const [row] = await database()
      .db.select()
      .from(clusterConnections)
      .where(
        and(eq(clusterConnections.userId, user.id), eq(clusterConnections.clusterId, clusterId)),
      );
    return row;
  }

  /** Lists namespaces with `token`: the cluster's answer code (200, 401, 403). */
  async function clusterAnswerTo(token: string): Promise<number> {
    const [cluster] = await database().db.select().from(clusters).where(eq(clusters.id, clusterId));
    const api = kubeConfigFor(personConnection(connectionOfRow(cluster!), token)).makeApiClient(
      CoreV1Api,
    );
    return api.listNamespace().then(
      () => 200,
      (error: { code?: number }) => error.code ?? 0,
    );
  }

  it("the admin's Test finds the OAuth server the API server announces", async () => {
    const result = await callerFor(database().db, admin).clusterSignIn.test({ name: "ocp" });
    expect(result).toMatchObject({
      ok: true,
      discoveryUrl: `${server.url}/.well-known/oauth-authorization-server`,
      problems: [],
      found: {
        authorizationEndpoint: `${server.url}/oauth/authorize`,
        tokenEndpoint: `${server.url}/oauth/token`,
        revocationEndpoint: null,
        pkceS256: true,
      },
    });
  });

  it("asks the OAuth server for a code with PKCE and OpenShift's scope, without OpenID's nonce", async () => {
    const ctx = serviceContextOf(database().db, alice);
    const { authorizationUrl } = await startClusterConnect(ctx, {
      cluster: "ocp",
      returnTo: "/",
      redirectUri: CONNECT_REDIRECT_URI,
    });
    const url = new URL(authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT,
      redirect_uri: CONNECT_REDIRECT_URI,
      response_type: "code",
      scope: "user:full",
      code_challenge_method: "S256",
    });
    expect(url.searchParams.has("nonce")).toBe(false);
  });

  it("connects: the cluster names the person and their groups, and takes the stored token", async () => {
    const db = database().db;
    expect(await connect(alice)).toEqual({
      clusterName: "ocp",
      username: ALICE,
      returnPath: "/spaces/team/environments/dev",
    });
    const row = await rowOf(alice);
    expect(row).toMatchObject({ state: "connected", username: ALICE, groups: ["team-devs"] });
    const tokens = openTokens(row!.tokens);
    expect(tokens.idToken).toBeNull();
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.accessToken).toMatch(/^sha256~/);
    expect(row!.tokens).not.toContain(tokens.accessToken);
    // The access token lives as long as the OAuth server said (24 h by default).
    const lifetimeMs = row!.expiresAt.getTime() - row!.createdAt.getTime();
    expect(Math.abs(lifetimeMs - 86_400_000)).toBeLessThan(60_000);

    const view = await callerFor(db, alice).connection.forEnvironment({
      space: SPACE,
      environment: "dev",
    });
    expect(view).toMatchObject({
      cluster: { name: "ocp" },
      status: {
        kind: "connected",
        username: ALICE,
        groups: ["team-devs"],
        // OpenShift gives no refresh token: the card says to connect again at expiry.
        renewable: false,
        boundAsOtherName: null,
      },
    });
    expect(JSON.stringify(view)).not.toContain(tokens.accessToken);
    expect(JSON.stringify(await callerFor(db, alice).connection.mine({}))).not.toContain(
      tokens.accessToken,
    );

    const access = await userClusterAccess({ db, log: testLogger }, alice.id, clusterId);
    expect(access).toMatchObject({ kind: "user", username: ALICE });
    // Alice has no role on the cluster: it knows her, and its RBAC refuses her.
    expect(await clusterAnswerTo(tokens.accessToken)).toBe(403);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "cluster.connect"), eq(auditEvents.actorId, alice.id)));
    expect(audit?.after).toEqual({ username: ALICE, groups: ["team-devs"] });
  });

  it("warns a person the cluster knows by another name than Slipway's role bindings use", async () => {
    expect(await connect(carol, "carol")).toMatchObject({ username: "carol" });
    const view = await callerFor(database().db, carol).connection.forEnvironment({
      space: SPACE,
      environment: "dev",
    });
    expect(view?.status).toMatchObject({
      kind: "connected",
      username: "carol",
      boundAsOtherName: carol.email,
    });
  });

  it("has no refresh token: an expiring token means reconnect, saying why", async () => {
    const db = database().db;
    await connect(alice);
    const row = await rowOf(alice);
    const nearlyExpired = () => new Date(row!.expiresAt.getTime() - REFRESH_AHEAD_MS / 2);
    const refused = await userClusterAccess({ db, log: testLogger }, alice.id, clusterId, {
      now: nearlyExpired,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReconnectNeeded);
    expect((refused as Error).message).toMatch(/OpenShift's OAuth server gives no refresh token/);
    expect(await rowOf(alice)).toMatchObject({ state: "reconnect_needed" });
    // Connecting again mends it.
    await connect(alice);
    expect(await rowOf(alice)).toMatchObject({ state: "connected", lastError: null });
  });

  it("a token the cluster stops taking (logged out elsewhere) means reconnect, after one try", async () => {
    const db = database().db;
    await connect(alice);
    expect(server.openshiftOAuth!.revokeAllFor(ALICE)).toBeGreaterThan(0);
    let tries = 0;
    const refused = await withUserCluster(
      { db, log: testLogger },
      alice.id,
      clusterId,
      (access) => {
        tries += 1;
        if (access.kind !== "user") throw new Error("expected access as the person");
        return access.kubeConfig.makeApiClient(CoreV1Api).listNamespace();
      },
    ).catch((error: unknown) => error);
    expect(tries).toBe(1);
    expect(refused).toBeInstanceOf(ReconnectNeeded);
    expect(await rowOf(alice)).toMatchObject({ state: "reconnect_needed" });
  });

  it("disconnect logs the token out at the cluster (its useroauthaccesstokens object) and forgets it", async () => {
    const db = database().db;
    await connect(bob);
    const token = openTokens((await rowOf(bob))!.tokens).accessToken;
    expect(await clusterAnswerTo(token)).toBe(403);
    expect(await callerFor(db, bob).connection.disconnect({ cluster: "ocp" })).toEqual({
      revoked: true,
      message: 'Disconnected from "ocp"; the cluster no longer accepts your OpenShift token.',
    });
    expect(await clusterAnswerTo(token)).toBe(401);
    expect(await rowOf(bob)).toBeUndefined();
    // A token the cluster already ended leaves nothing to log out: still a clean disconnect.
    await connect(bob);
    server.openshiftOAuth!.revokeAllFor(BOB);
    expect(await callerFor(db, bob).connection.disconnect({ cluster: "ocp" })).toMatchObject({
      revoked: true,
    });
  });

  it("a client secret the OAuth server refuses stores nothing and says why", async () => {
    const db = database().db;
    await callerFor(db, admin).clusterSignIn.set({
      name: "ocp",
      kind: "openshift",
      clientId: CLIENT,
      clientSecret: "not-the-secret",
    });
    try {
      await db.delete(clusterConnections).where(eq(clusterConnections.userId, bob.id));
      const failed = await connect(bob).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(ConnectFailed);
      expect((failed as Error).message).toMatch(
        /^Could not connect to "ocp": the identity provider's answer was refused \(unauthorized_client/,
      );
      expect(await rowOf(bob)).toBeUndefined();
    } finally {
      await callerFor(db, admin).clusterSignIn.set({
        name: "ocp",
        kind: "openshift",
        clientId: CLIENT,
        clientSecret: CLIENT_SECRET,
      });
    }
  });

  it("connects as a public client (PKCE, and the empty secret OpenShift's token endpoint wants)", async () => {
    const db = database().db;
    const signIn = { name: "ocp", kind: "openshift" as const, clientId: CLIENT };
    await callerFor(db, admin).clusterSignIn.set({
      ...signIn,
      clientId: PUBLIC_CLIENT,
      publicClient: true,
    });
    try {
      expect(await connect(bob)).toMatchObject({ username: BOB });
      expect(await rowOf(bob)).toMatchObject({ state: "connected" });
    } finally {
      await callerFor(db, admin).clusterSignIn.set({ ...signIn, clientSecret: CLIENT_SECRET });
    }
  });

  it("a cluster that announces no OAuth server cannot be connected to, in plain words", async () => {
    const plain = await startKubeTestServer();
    const db = database().db;
    try {
      await db.update(clusters).set({ apiUrl: plain.url }).where(eq(clusters.id, clusterId));
      await expect(
        startClusterConnect(serviceContextOf(db, alice), {
          cluster: "ocp",
          returnTo: "/",
          redirectUri: CONNECT_REDIRECT_URI,
        }),
      ).rejects.toThrow(/^Cannot connect to "ocp": the cluster's OAuth server could not be found/);
    } finally {
      await db.update(clusters).set({ apiUrl: server.url }).where(eq(clusters.id, clusterId));
      await plain.stop();
    }
  });
});
