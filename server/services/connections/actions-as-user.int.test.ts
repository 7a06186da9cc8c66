// Actions a person starts run as that person (issue 9): on a cluster trusting an OIDC issuer and
// configured with user sign-in, Sync now and Cancel write the Application with the person's own
// token, and a promotion is dry-run as them before anything is written, so the cluster's RBAC
// decides after Slipway's own role check. Connections hold real ID tokens minted by the issuer.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterConnections,
  clusterUserSignIns,
  promotionRuns,
  spaceMembers,
  syncRuns,
} from "@/db/schema";
import { startOidcTestIssuer, type OidcTestIssuer } from "@/k8s-test-server/oidc-test-issuer";
import { DEV_CLUSTER_OIDC_CLIENT_ID } from "@/server/dev/oidc/constants";
import { SYNC_RUN_FIELD_MANAGER } from "@/server/reconciler/advance-sync-runs";
import { SYNC_RUN_INFO } from "@/server/reconciler/sync-run-step";
import { createPromotion } from "@/server/services/promotions/create-promotion";
import { cancelSyncRun } from "@/server/services/sync-runs/cancel-sync-run";
import { createSyncRun } from "@/server/services/sync-runs/create-sync-run";
import { ARGO, ARGO_CD_NAMESPACE, NO_CONFIGURATION } from "@/testing/argo-cd";
import { startArgoTestBed, type TArgoTestBed } from "@/testing/argo-test-bed";
import { insertTestConnection } from "@/testing/connections";
import { arrangeStageBinding, mintClusterToken, sandboxOidcFlags } from "@/testing/oidc-cluster";
import { eventually } from "@/testing/reconciler-fixtures";
import { appError, rejectionOf } from "@/testing/rejection";
import { spaceContextFor } from "@/testing/space-context";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { sealTokens } from "./connection-tokens";
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

  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
    bed = await startArgoTestBed(
      database(),
      "orders",
      { olive: "owner", carl: "contributor", vera: "viewer", nick: "contributor" },
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

  it("writes a contributor's Sync now with their own token, and Cancel withdraws it the same way", async () => {
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
    expect((await readApplication()).operation).toBeUndefined();
    await eventually(async () => {
      const [row] = await database().db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
      return row?.state === "Terminated" ? row : undefined;
    }, "the run to be Terminated");
  });

  it("refuses with the cluster's 403 in words, and records no run, when only Slipway would allow it", async () => {
    // Vera is made a contributor in Slipway, but no binding pass has run since: the cluster's
    // Roles still give her view only. Slipway's check passes; the cluster's refuses.
    await bed.reconciler.idle();
    const db = database().db;
    const vera = and(
      eq(spaceMembers.spaceId, bed.spaceId),
      eq(spaceMembers.userId, bed.members.vera!.id),
    );
    await db.update(spaceMembers).set({ role: "contributor" }).where(vera);
    try {
      const error = await appError(createSyncRun(await contextOf("vera"), deployment));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe(
        `Your account \`${bed.members.vera!.email}\` on \`sandbox\` may not patch applications \`${applicationName}\` in \`${ARGO_CD_NAMESPACE}\`.`,
      );
    } finally {
      await db.update(spaceMembers).set({ role: "viewer" }).where(vera);
    }
    expect(await runsOf("vera")).toEqual([]);
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

    // Vera's token is fine, but the cluster lets her view only: the dry run's 403, in words.
    await db
      .update(spaceMembers)
      .set({ role: "contributor" })
      .where(eq(spaceMembers.userId, bed.members.vera!.id));
    try {
      const refused = await appError(createPromotion(await contextOf("vera"), promote));
      expect(refused.message).toMatch(/^Your account `.+` on `sandbox` may not patch applications/);
    } finally {
      await db
        .update(spaceMembers)
        .set({ role: "viewer" })
        .where(eq(spaceMembers.userId, bed.members.vera!.id));
    }
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

  it("keeps today's behaviour on a cluster without user sign-in: service credentials, no connection", async () => {
    const db = database().db;
    await db.delete(clusterUserSignIns).where(eq(clusterUserSignIns.clusterId, bed.clusterId));
    expect((await bed.callers.nick!.connection.health({ space: "orders" })).items).toMatchObject([
      { environment: "stage", status: { kind: "not-configured" } },
    ]);
    const run = await createSyncRun(await contextOf("nick"), deployment);
    await eventually(async () => {
      const app = await readApplication();
      return app.operation?.info?.some((i) => i.value === run.id) ? app : undefined;
    }, "the pass to write the operation with service credentials");
  });
});
