// Actions a person starts run as that person (issue 9): on a cluster trusting an OIDC issuer and
// configured with user sign-in, Sync now writes the Application with the person's own token,
// Cancel and a promotion are dry-run as them before anything is written, so the cluster's RBAC
// decides after Slipway's own role check. Connections hold real ID tokens minted by the issuer.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterConnections,
  clusterUserSignIns,
  environments,
  environmentWorkspaces,
  promotionRuns,
  syncRuns,
} from "@/db/schema";
import { isReady } from "@/lib/conditions";
import { startOidcTestIssuer, type OidcTestIssuer } from "@/k8s-test-server/oidc-test-issuer";
import { DEV_CLUSTER_OIDC_CLIENT_ID } from "@/server/dev/oidc/constants";
import { SYNC_RUN_FIELD_MANAGER } from "@/server/reconciler/advance-sync-runs";
import { SYNC_RUN_INFO } from "@/server/reconciler/sync-run-step";
import { openWorkspace } from "@/server/services/environments/open-workspace";
import { createPromotion } from "@/server/services/promotions/create-promotion";
import { cancelSyncRun } from "@/server/services/sync-runs/cancel-sync-run";
import { createSyncRun } from "@/server/services/sync-runs/create-sync-run";
import { ARGO, ARGO_CD_NAMESPACE, NO_CONFIGURATION } from "@/testing/argo-cd";
import { startArgoTestBed, type TArgoTestBed } from "@/testing/argo-test-bed";
import { insertTestConnection } from "@/testing/connections";
import { arrangeStageBinding, mintClusterToken, sandboxOidcFlags } from "@/testing/oidc-cluster";
import { eventually, insertEnvironment } from "@/testing/reconciler-fixtures";
import { appError, rejectionOf } from "@/testing/rejection";
import { spaceContextFor } from "@/testing/space-context";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { openTokens, sealTokens } from "./connection-tokens";
import { ConnectionNeeded, ReconnectNeeded } from "./connection-errors";

interface TApplicationObject {
  metadata: { managedFields?: { manager: string }[] };
  operation?: { info?: { name: string; value: string }[] };
}

describe.each(testDatabaseKinds())("actions run as the person (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let issuer: OidcTestIssuer;
  let bed: TArgoTestBed;
  const deployment = { application: "shop", environment: "stage", component: "web" };
  const applicationName = "orders-shop-web-stage";
  const OTTO_ON_CLUSTER = "otto@elsewhere.example.com";
  const CARLS_REFRESH_TOKEN = "carls-refresh-token";

  beforeAll(async () => {
    // The issuer refreshes Carl's sign-in (his refresh token), and nobody else's.
    issuer = await startOidcTestIssuer({
      refresh: (token) =>
        token === CARLS_REFRESH_TOKEN
          ? {
              sub: "sub-carl",
              email: bed.members.carl!.email,
              email_verified: true,
              aud: DEV_CLUSTER_OIDC_CLIENT_ID,
              exp: Math.floor(Date.now() / 1000) + 600,
            }
          : null,
    });
    bed = await startArgoTestBed(
      database(),
      "orders",
      {
        olive: "owner",
        carl: "contributor",
        vera: "viewer",
        nick: "contributor",
        otto: "contributor",
      },
      sandboxOidcFlags(issuer),
    );
    const db = database().db;
    await db.insert(clusterUserSignIns).values({
      clusterId: bed.clusterId,
      kind: "oidc",
      issuerUrl: issuer.url,
      clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
      usernameClaim: "email",
      usernamePrefix: "-",
      caData: issuer.caPem,
    });
    await arrangeStageBinding(db, bed, `${kind}-orders-stage`, [
      { name: "web", syncMode: "manual", configuration: NO_CONFIGURATION },
    ]);
    // Carl and Vera connected (ID tokens for the cluster's client, as the connect flow stores
    // them); Nick never did.
    for (const member of ["carl", "vera"]) {
      const { id, email } = bed.members[member]!;
      const idToken = mintClusterToken(issuer, member, email, 3600);
      await insertTestConnection(db, {
        userId: id,
        clusterId: bed.clusterId,
        username: email,
        ...sealTokens({ idToken, accessToken: "access", refreshToken: "refresh" }),
      });
    }
    // Otto is a contributor to Slipway, but connected an account the cluster binds to nothing:
    // Slipway's check lets him through, the cluster's RBAC does not.
    await insertTestConnection(db, {
      userId: bed.members.otto!.id,
      clusterId: bed.clusterId,
      username: OTTO_ON_CLUSTER,
      ...sealTokens({
        idToken: mintClusterToken(issuer, "otto", OTTO_ON_CLUSTER, 3600),
        accessToken: "access",
        refreshToken: "refresh",
      }),
    });
  });
  afterAll(async () => {
    await bed?.stop();
    await issuer?.stop();
  });

  const contextOf = (member: string) =>
    spaceContextFor(
      database().db,
      { id: bed.members[member]!.id, label: member, isAdmin: false },
      "orders",
    );

  const readApplication = async () =>
    (await bed.objects.get(
      ARGO,
      "Application",
      applicationName,
      ARGO_CD_NAMESPACE,
    )) as unknown as TApplicationObject;

  const runsOf = async (member: string) =>
    database().db.select().from(syncRuns).where(eq(syncRuns.requestedBy, bed.members[member]!.id));

  it("writes a contributor's Sync now with their own token; a Cancel the cluster allows them is carried out", async () => {
    const run = await createSyncRun(await contextOf("carl"), deployment);
    // Written before the service returned, by the person (their connection was just used), with
    // the pass's own field manager: the pass has nothing left to do.
    const app = await readApplication();
    expect(app.operation?.info).toContainEqual({ name: SYNC_RUN_INFO, value: run.id });
    expect(app.metadata.managedFields?.map((f) => f.manager)).toContain(SYNC_RUN_FIELD_MANAGER);
    const [connection] = await database()
      .db.select()
      .from(clusterConnections)
      .where(eq(clusterConnections.userId, bed.members.carl!.id));
    expect(connection!.lastUsedAt).not.toBeNull();

    const cancelled = await cancelSyncRun(await contextOf("carl"), { id: run.id });
    expect(cancelled.cancelRequestedAt).not.toBeNull();
    await eventually(async () => {
      const [row] = await database().db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      return row?.state === "Terminated" ? row : undefined;
    }, "the run to be Terminated");
    expect((await readApplication()).operation).toBeUndefined();
  });

  it("refuses with the cluster's 403 in words, writing nothing, where only Slipway would allow it", async () => {
    const db = database().db;
    const refusedTo = (verb: string) =>
      `Your account \`${OTTO_ON_CLUSTER}\` on \`sandbox\` may not ${verb} applications \`${applicationName}\` in \`${ARGO_CD_NAMESPACE}\`.`;
    const carlsRun = await createSyncRun(await contextOf("carl"), deployment);
    const cancel = await appError(cancelSyncRun(await contextOf("otto"), { id: carlsRun.id }));
    expect(cancel.code).toBe("FORBIDDEN");
    // Cancel reads the Application first: his account may not even do that.
    expect(cancel.message).toBe(refusedTo("get"));
    const [untouched] = await db.select().from(syncRuns).where(eq(syncRuns.id, carlsRun.id));
    expect(untouched!.cancelRequestedAt).toBeNull();
    expect((await readApplication()).operation?.info).toContainEqual({
      name: SYNC_RUN_INFO,
      value: carlsRun.id,
    });
    await cancelSyncRun(await contextOf("carl"), { id: carlsRun.id });
    await eventually(async () => {
      const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, carlsRun.id));
      const app = await readApplication();
      return row?.state === "Terminated" && !app.operation ? row : undefined;
    }, "Carl's run to be cancelled");

    const error = await appError(createSyncRun(await contextOf("otto"), deployment));
    expect(error.message).toBe(refusedTo("patch"));
    expect(await runsOf("otto")).toEqual([]);
    expect((await readApplication()).operation).toBeUndefined();
  });

  it("refuses a person who never connected with ConnectionNeeded, writing nothing", async () => {
    const error = await rejectionOf(
      createSyncRun(await contextOf("nick"), deployment),
      ConnectionNeeded,
    );
    expect(error.message).toContain("Connect your account to cluster");
    expect(await runsOf("nick")).toEqual([]);
    expect((await readApplication()).operation).toBeUndefined();
  });

  it("refreshes an expired sign-in without asking, and acts with the new token", async () => {
    const db = database().db;
    const carl = eq(clusterConnections.userId, bed.members.carl!.id);
    const expired = mintClusterToken(issuer, "carl", bed.members.carl!.email, -60);
    await db
      .update(clusterConnections)
      .set({
        expiresAt: new Date(Date.now() - 60_000),
        ...sealTokens({ idToken: expired, accessToken: "old", refreshToken: CARLS_REFRESH_TOKEN }),
      })
      .where(carl);
    const before = issuer.refreshRequests;
    const run = await createSyncRun(await contextOf("carl"), deployment);
    expect(issuer.refreshRequests).toBe(before + 1);
    const [connection] = await db.select().from(clusterConnections).where(carl);
    expect(connection!.state).toBe("connected");
    expect(connection!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(openTokens(connection!.tokens).idToken).not.toBe(expired);
    expect((await readApplication()).operation?.info).toContainEqual({
      name: SYNC_RUN_INFO,
      value: run.id,
    });
    await cancelSyncRun(await contextOf("carl"), { id: run.id });
    await eventually(async () => {
      const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      return row?.state === "Terminated" && !(await readApplication()).operation ? row : undefined;
    }, "the run to be cancelled");
  });

  it("dry-runs a promotion as the person, and refuses one needing a reconnect before writing anything", async () => {
    const db = database().db;
    const promote = { application: "shop", environment: "stage", snapshot: "s2" };
    const carl = eq(clusterConnections.userId, bed.members.carl!.id);
    await db
      .update(clusterConnections)
      .set({ state: "reconnect_needed", lastError: "the identity provider refused to refresh" })
      .where(carl);
    const error = await rejectionOf(
      createPromotion(await contextOf("carl"), promote),
      ReconnectNeeded,
    );
    expect(error.message).toContain('to act on environment "stage"');
    expect(await db.select().from(promotionRuns)).toEqual([]);

    // Otto's token is fine, but the cluster lets his account do nothing there.
    const refused = await appError(createPromotion(await contextOf("otto"), promote));
    expect(refused.message).toBe(
      `Your account \`${OTTO_ON_CLUSTER}\` on \`sandbox\` may not patch applications \`${applicationName}\` in \`${ARGO_CD_NAMESPACE}\`.`,
    );
    expect(await db.select().from(promotionRuns)).toEqual([]);

    await db.update(clusterConnections).set({ state: "connected", lastError: null }).where(carl);
    const started = await createPromotion(await contextOf("carl"), promote);
    expect(started.state).toBeDefined();
  });

  it("tells each person, per environment, whether Slipway acts there as them or needs them to connect", async () => {
    const health = async (member: string) =>
      (await bed.callers[member]!.connection.health({ space: "orders" })).items.map((item) => ({
        environment: item.environment,
        kind: item.status.kind,
      }));
    expect(await health("carl")).toEqual([{ environment: "stage", kind: "connected" }]);
    expect(await health("nick")).toEqual([{ environment: "stage", kind: "not-connected" }]);
    const vera = eq(clusterConnections.userId, bed.members.vera!.id);
    const db = database().db;
    await db
      .update(clusterConnections)
      .set({ state: "reconnect_needed", lastError: "the refresh token was revoked" })
      .where(vera);
    try {
      expect(await health("vera")).toEqual([{ environment: "stage", kind: "reconnect-needed" }]);
    } finally {
      await db.update(clusterConnections).set({ state: "connected", lastError: null }).where(vera);
    }
  });

  it("opens a personal dev namespace only for a person the cluster takes, and asks it about a shared one", async () => {
    const db = database().db;
    const dev = await insertEnvironment(db, {
      spaceId: bed.spaceId,
      clusterId: bed.clusterId,
      name: "dev",
      namespace: `${kind}-orders-dev`,
    });
    await db.update(environments).set({ type: "dev" }).where(eq(environments.id, dev.id));
    await eventually(async () => {
      const [row] = await db.select().from(environments).where(eq(environments.id, dev.id));
      return row && isReady(row.status, row.generation) ? row : undefined;
    }, "the dev environment to become Ready");
    const open = async (member: string) =>
      openWorkspace(await contextOf(member), { environment: "dev" });
    const workspacesOf = (member: string) =>
      db
        .select()
        .from(environmentWorkspaces)
        .where(eq(environmentWorkspaces.userId, bed.members[member]!.id));

    const refused = await rejectionOf(open("nick"), ConnectionNeeded);
    expect(refused.message).toContain('to act on environment "dev"');
    expect(await workspacesOf("nick")).toEqual([]);
    expect(await open("carl")).toMatchObject({ shared: false, created: true });

    // Shared namespace: the cluster's RoleBindings in it answer (Carl is bound to edit there).
    await db
      .update(environments)
      .set({ contributorNamespaces: false })
      .where(eq(environments.id, dev.id));
    const error = await appError(open("otto"));
    expect(error.message).toBe(
      `Your account \`${OTTO_ON_CLUSTER}\` on \`sandbox\` may not create pods in \`${kind}-orders-dev\`.`,
    );
    expect(await open("carl")).toMatchObject({ shared: true, created: false });
  });

  it("keeps today's behaviour on a cluster without user sign-in: service credentials, no connection", async () => {
    const db = database().db;
    await db.delete(clusterUserSignIns).where(eq(clusterUserSignIns.clusterId, bed.clusterId));
    const health = await bed.callers.nick!.connection.health({ space: "orders" });
    expect(health.items.map((item) => [item.environment, item.status.kind])).toEqual([
      ["dev", "not-configured"],
      ["stage", "not-configured"],
    ]);
    const run = await createSyncRun(await contextOf("nick"), deployment);
    await eventually(async () => {
      const app = await readApplication();
      return app.operation?.info?.some((i) => i.value === run.id) ? app : undefined;
    }, "the pass to write the operation with service credentials");
  });
});
