// Connecting a cluster as yourself, end to end: the development provider plays the cluster's
// issuer, the test server accepts its ID tokens like kube-apiserver, and Slipway's connect flow,
// token service and disconnect run against both over real HTTP(S).
import { AuthenticationV1Api, CoreV1Api } from "@kubernetes/client-node";
import { eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  clusterConnectAttempts,
  clusterConnections,
  clusters,
  spaces,
} from "@/db/schema";
import { DEV_CLUSTER_OIDC_CLIENT_ID, DEV_CLUSTER_OIDC_CLIENT_SECRET } from "@/server/dev/oidc";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import {
  authorizeAtProvider,
  CONNECT_REDIRECT_URI,
  registerConnectableCluster,
  serviceContextOf,
  startConnectTestBed,
  type TConnectTestBed,
} from "@/testing/connect-test-bed";
import { insertTestCluster } from "@/testing/clusters";
import { insertTestEnvironment } from "@/testing/environments";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { ConnectFailed, ConnectionNeeded, ReconnectNeeded } from "./connection-errors";
import { openTokens, sealTokens } from "./connection-tokens";
import { finishClusterConnect } from "./finish-cluster-connect";
import { startClusterConnect } from "./start-cluster-connect";
import { userClusterAccess, withUserCluster } from "./user-cluster-access";

async function whoAmI(access: Awaited<ReturnType<typeof userClusterAccess>>): Promise<string> {
  if (access.kind !== "user") throw new Error("expected access as the user");
  const review = await access.kubeConfig
    .makeApiClient(AuthenticationV1Api)
    .createSelfSubjectReview({
      body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
    });
  return review.status?.userInfo?.username ?? "";
}

describe.each(testDatabaseKinds())("connecting a cluster as yourself (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let bed: TConnectTestBed;
  let admin: TTestUser;
  let alice: TTestUser;
  let bob: TTestUser;
  const SPACE = "team";

  beforeAll(async () => {
    bed = await startConnectTestBed();
    const db = database().db;
    admin = await createTestUser(db, "root", { isAdmin: true });
    alice = await createTestUser(db, "alice");
    bob = await createTestUser(db, "bob");
    const cluster = await registerConnectableCluster(db, admin, bed, "sandbox");
    await callerFor(db, alice).space.create({ name: SPACE, displayName: "Team" });
    const [space] = await db.select().from(spaces).where(eq(spaces.name, SPACE));
    await insertTestEnvironment(db, { spaceId: space!.id, name: "dev", clusterId: cluster.id });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  async function connectAlice() {
    const ctx = serviceContextOf(database().db, alice);
    const callback = await authorizeAtProvider(
      ctx,
      "sandbox",
      "alice",
      "/spaces/team/environments/dev",
    );
    return finishClusterConnect(ctx, {
      params: callback.searchParams,
      redirectUri: CONNECT_REDIRECT_URI,
    });
  }

  async function aliceRow() {
    const [row] = await database()
      .db.select()
      .from(clusterConnections)
      .where(eq(clusterConnections.userId, alice.id));
    return row;
  }

  it("connects, and the cluster takes the stored token for the person (SelfSubjectReview)", async () => {
    const db = database().db;
    expect(
      await callerFor(db, alice).connection.forEnvironment({ space: SPACE, environment: "dev" }),
    ).toMatchObject({
      cluster: { name: "sandbox" },
      status: { kind: "not-connected" },
    });
    // Not connected yet: the token service says so, naming the cluster.
    const [sandbox] = await db.select().from(clusters).where(eq(clusters.name, "sandbox"));
    await expect(
      userClusterAccess({ db, log: serviceContextOf(db, alice).log }, alice.id, sandbox!.id),
    ).rejects.toThrow(new ConnectionNeeded("sandbox"));
    const done = await connectAlice();
    expect(done).toEqual({
      clusterName: "sandbox",
      username: "alice@example.com",
      returnPath: "/spaces/team/environments/dev",
    });
    const row = await aliceRow();
    expect(row).toMatchObject({ state: "connected", username: "alice@example.com" });
    // Sealed at rest: the stored value is not the token.
    expect(row!.tokens).not.toContain(openTokens(row!.tokens).idToken);
    expect(openTokens(row!.tokens).refreshToken).toBeTruthy();

    const access = await userClusterAccess(
      { db, log: serviceContextOf(db, alice).log },
      alice.id,
      row!.clusterId,
    );
    expect(await whoAmI(access)).toBe("alice@example.com");
    // As herself, alice has no RBAC on the cluster: the cluster decides, not Slipway.
    if (access.kind !== "user") throw new Error("expected user access");
    await expect(access.kubeConfig.makeApiClient(CoreV1Api).listNamespace()).rejects.toMatchObject({
      code: 403,
    });

    expect(
      await callerFor(db, alice).connection.forEnvironment({ space: SPACE, environment: "dev" }),
    ).toMatchObject({
      status: {
        kind: "connected",
        username: "alice@example.com",
        groups: [],
        // The issuer gave a refresh token (offline_access): renewed without asking.
        renewable: true,
        // The cluster knows her by her e-mail, as Slipway's role bindings name her.
        boundAsOtherName: null,
      },
    });
    const page = await callerFor(db, alice).connection.mine({});
    expect(page.items).toEqual([
      expect.objectContaining({
        cluster: expect.objectContaining({ name: "sandbox" }) as unknown,
      }) as unknown,
    ]);
    expect(page.items[0]?.status).toMatchObject({
      kind: "connected",
      lastUsedAt: expect.any(Date) as unknown,
    });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "cluster.connect"));
    expect(audit.at(-1)).toMatchObject({ actorId: alice.id, targetId: "sandbox" });
    expect(JSON.stringify(audit)).not.toContain(openTokens(row!.tokens).idToken);
  });

  it("answers 'not-configured' for a cluster without user sign-in: callers keep its service credentials", async () => {
    const db = database().db;
    const plain = await insertTestCluster(db, "no-sign-in");
    expect(
      await userClusterAccess({ db, log: serviceContextOf(db, alice).log }, alice.id, plain.id),
    ).toEqual({ kind: "not-configured" });
  });

  it("refreshes ahead of expiry, once, however many requests need it at the same moment", async () => {
    const db = database().db;
    const before = (await aliceRow())!;
    const later = () => new Date(before.expiresAt.getTime() - 30_000);
    const ctx = { db, log: serviceContextOf(db, alice).log };
    const [a, b] = await Promise.all([
      userClusterAccess(ctx, alice.id, before.clusterId, { now: later }),
      userClusterAccess(ctx, alice.id, before.clusterId, { now: later }),
    ]);
    const after = (await aliceRow())!;
    // New tokens (an ID token minted in the same second can be byte-identical: compare the access token).
    expect(openTokens(after.tokens).accessToken).not.toBe(openTokens(before.tokens).accessToken);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(after.state).toBe("connected");
    // Both requests got the one refreshed token (a second refresh would have burned the first's).
    for (const access of [a, b]) {
      if (access.kind !== "user") throw new Error("expected user access");
      expect(access.connection.credentials).toMatchObject({
        token: openTokens(after.tokens).idToken,
      });
      expect(await whoAmI(access)).toBe("alice@example.com");
    }
    // Without the clock moved, the fresh token is used as it is.
    await userClusterAccess(ctx, alice.id, before.clusterId);
    expect((await aliceRow())!.tokens).toBe(after.tokens);
  });

  it("refreshes once and retries when the cluster answers 401", async () => {
    const db = database().db;
    const row = (await aliceRow())!;
    const tokens = openTokens(row.tokens);
    // A token the cluster refuses (as if revoked early), though the clock says it is fresh.
    await db
      .update(clusterConnections)
      .set(sealTokens({ ...tokens, idToken: `${tokens.idToken}x` }))
      .where(eq(clusterConnections.userId, alice.id));
    let calls = 0;
    const name = await withUserCluster(
      { db, log: serviceContextOf(db, alice).log },
      alice.id,
      row.clusterId,
      async (access) => {
        calls += 1;
        return whoAmI(access);
      },
    );
    expect(name).toBe("alice@example.com");
    expect(calls).toBe(2);
  });

  it("marks the connection 'reconnect needed' when the provider refuses the refresh", async () => {
    const db = database().db;
    const row = (await aliceRow())!;
    await revokeAtProvider(openTokens(row.tokens).refreshToken!);
    const ctx = { db, log: serviceContextOf(db, alice).log };
    const error = await userClusterAccess(ctx, alice.id, row.clusterId, {
      now: () => new Date(row.expiresAt.getTime()),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectNeeded);
    expect((error as Error).message).toMatch(
      /^Reconnect your account to cluster "sandbox": the identity provider refused to refresh the sign-in \(invalid_grant/,
    );
    expect(await aliceRow()).toMatchObject({
      state: "reconnect_needed",
      lastError: expect.stringContaining("invalid_grant") as unknown,
    });
    // Every later use says so at once, without asking the provider again.
    await expect(userClusterAccess(ctx, alice.id, row.clusterId)).rejects.toBeInstanceOf(
      ReconnectNeeded,
    );
    expect(
      await callerFor(db, alice).connection.forEnvironment({ space: SPACE, environment: "dev" }),
    ).toMatchObject({
      status: {
        kind: "reconnect-needed",
        reason: expect.stringContaining("invalid_grant") as unknown,
      },
    });
    // Connecting again repairs it.
    await connectAlice();
    expect(await aliceRow()).toMatchObject({ state: "connected", lastError: null });
  });

  it("refuses another person's disconnect: each can only disconnect themselves", async () => {
    const db = database().db;
    await expect(
      callerFor(db, bob).connection.disconnect({ cluster: "sandbox" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'You are not connected to cluster "sandbox".',
    });
    expect(await aliceRow()).toBeDefined();
  });

  it("disconnect revokes at the provider, then forgets the tokens", async () => {
    const db = database().db;
    const refreshToken = openTokens((await aliceRow())!.tokens).refreshToken!;
    const answer = await callerFor(db, alice).connection.disconnect({ cluster: "sandbox" });
    expect(answer).toEqual({
      revoked: true,
      message: 'Disconnected from "sandbox"; the identity provider revoked your tokens.',
    });
    expect(await aliceRow()).toBeUndefined();
    const refused = await refreshAtProvider(refreshToken);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "cluster.disconnect"));
    expect(audit.at(-1)).toMatchObject({ actorId: alice.id, after: { revoked: true } });
  });

  describe("a connect that goes wrong stores nothing", () => {
    async function expectNothingStored() {
      expect(await aliceRow()).toBeUndefined();
    }

    it("a state that matches no attempt", async () => {
      const ctx = serviceContextOf(database().db, alice);
      const callback = await authorizeAtProvider(ctx, "sandbox", "alice");
      callback.searchParams.set("state", "forged-state");
      await expect(
        finishClusterConnect(ctx, {
          params: callback.searchParams,
          redirectUri: CONNECT_REDIRECT_URI,
        }),
      ).rejects.toThrow(
        new ConnectFailed(
          "This connect answer does not match any connect you started, or was already used: start again from Slipway.",
        ),
      );
      await expectNothingStored();
    });

    it("a replayed callback", async () => {
      const ctx = serviceContextOf(database().db, alice);
      const callback = await authorizeAtProvider(ctx, "sandbox", "alice");
      await finishClusterConnect(ctx, {
        params: callback.searchParams,
        redirectUri: CONNECT_REDIRECT_URI,
      });
      await database().db.delete(clusterConnections);
      await expect(
        finishClusterConnect(ctx, {
          params: callback.searchParams,
          redirectUri: CONNECT_REDIRECT_URI,
        }),
      ).rejects.toThrow(/already used/);
      await expectNothingStored();
    });

    it("a callback finished by someone other than who started it", async () => {
      const db = database().db;
      const callback = await authorizeAtProvider(serviceContextOf(db, alice), "sandbox", "alice");
      await expect(
        finishClusterConnect(serviceContextOf(db, bob), {
          params: callback.searchParams,
          redirectUri: CONNECT_REDIRECT_URI,
        }),
      ).rejects.toThrow("This connect was started by someone else signed in to Slipway.");
      await expectNothingStored();
      expect(await db.select().from(clusterConnections)).toEqual([]);
    });

    it("an error from the provider", async () => {
      const ctx = serviceContextOf(database().db, alice);
      const callback = await authorizeAtProvider(ctx, "sandbox", "alice");
      const params = new URLSearchParams({
        state: callback.searchParams.get("state")!,
        iss: callback.searchParams.get("iss")!,
        error: "access_denied",
        error_description: "The user cancelled the sign-in.",
      });
      await expect(
        finishClusterConnect(ctx, { params, redirectUri: CONNECT_REDIRECT_URI }),
      ).rejects.toThrow(
        'Could not connect to "sandbox": the identity provider\'s answer was refused (access_denied: The user cancelled the sign-in.).',
      );
      await expectNothingStored();
    });

    it("an issuer that is down", async () => {
      const db = database().db;
      await registerConnectableCluster(db, admin, bed, "issuer-down", "http://localhost:1");
      const [space] = await db.select().from(spaces).where(eq(spaces.name, SPACE));
      const [down] = await db.select().from(clusters).where(eq(clusters.name, "issuer-down"));
      await insertTestEnvironment(db, {
        spaceId: space!.id,
        name: "down",
        clusterId: down!.id,
        namespace: "down",
      });
      await expect(
        startClusterConnect(serviceContextOf(db, alice), {
          cluster: "issuer-down",
          returnTo: "/",
          redirectUri: CONNECT_REDIRECT_URI,
        }),
      ).rejects.toThrow(
        /^Cannot connect to "issuer-down": the identity provider at http:\/\/localhost:1 could not be asked for its settings \(connection refused/,
      );
      expect(
        await db
          .select()
          .from(clusterConnectAttempts)
          .where(eq(clusterConnectAttempts.clusterId, down!.id)),
      ).toEqual([]);
    });

    it("tokens from an issuer that is not the cluster's", async () => {
      const db = database().db;
      const ctx = serviceContextOf(db, alice);
      const callback = await authorizeAtProvider(ctx, "sandbox", "alice");
      // The cluster now trusts another issuer: the code and tokens minted by the first are not its.
      const other = await startConnectTestBed();
      try {
        await callerFor(db, admin).clusterSignIn.set({
          name: "sandbox",
          kind: "oidc",
          issuerUrl: other.provider.issuer,
          clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
          clientSecret: DEV_CLUSTER_OIDC_CLIENT_SECRET,
          usernameClaim: "email",
        });
        await expect(
          finishClusterConnect(ctx, {
            params: callback.searchParams,
            redirectUri: CONNECT_REDIRECT_URI,
          }),
        ).rejects.toThrow(
          /^Could not connect to "sandbox": the identity provider's answer was refused/,
        );
        await expectNothingStored();
      } finally {
        await callerFor(db, admin).clusterSignIn.set({
          name: "sandbox",
          kind: "oidc",
          issuerUrl: bed.provider.issuer,
          clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
          clientSecret: DEV_CLUSTER_OIDC_CLIENT_SECRET,
          usernameClaim: "email",
        });
        await other.stop();
      }
    });
  });

  async function discovery() {
    const issuer = new URL(bed.provider.issuer);
    return oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true }),
    );
  }

  async function revokeAtProvider(token: string) {
    const as = await discovery();
    const response = await oauth.revocationRequest(
      as,
      { client_id: DEV_CLUSTER_OIDC_CLIENT_ID },
      oauth.ClientSecretBasic(DEV_CLUSTER_OIDC_CLIENT_SECRET),
      token,
      { [oauth.allowInsecureRequests]: true },
    );
    await oauth.processRevocationResponse(response);
  }

  async function refreshAtProvider(refreshToken: string) {
    const as = await discovery();
    return oauth.refreshTokenGrantRequest(
      as,
      { client_id: DEV_CLUSTER_OIDC_CLIENT_ID },
      oauth.ClientSecretBasic(DEV_CLUSTER_OIDC_CLIENT_SECRET),
      refreshToken,
      { [oauth.allowInsecureRequests]: true },
    );
  }
});
