// The connection router without an identity provider: what each person sees of their own
// connections (never anyone else's), paging, and the statuses the pages show.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  clusterConnections,
  clusters,
  clusterUserSignIns,
  spaceMembers,
  spaces,
} from "@/db/schema";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { insertTestConnection } from "@/testing/connections";
import { insertTestEnvironment } from "@/testing/environments";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

/** User sign-in at an issuer that refuses connections at once: disconnect cannot revoke, and says so. */
function insertUnreachableSignIn(db: Db, clusterId: string) {
  return db.insert(clusterUserSignIns).values({
    clusterId,
    kind: "oidc",
    issuerUrl: "https://127.0.0.1:1",
    clientId: "slipway",
  });
}

describe.each(testDatabaseKinds())("connection router (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let dana: TTestUser;
  let erin: TTestUser;
  const clusterIds = new Map<string, string>();

  beforeAll(async () => {
    const db = database().db;
    dana = await createTestUser(db, "dana");
    erin = await createTestUser(db, "erin");
    await callerFor(db, dana).space.create({ name: "apps", displayName: "Apps" });
    const [space] = await db.select().from(spaces).where(eq(spaces.name, "apps"));
    // Dana's space has environments on a, b and c; d is registered but none of hers.
    for (const name of ["c-cluster", "a-cluster", "b-cluster", "d-cluster"]) {
      const cluster = await insertTestCluster(db, name);
      clusterIds.set(name, cluster.id);
      await insertUnreachableSignIn(db, cluster.id);
      if (name !== "d-cluster")
        await insertTestEnvironment(db, {
          spaceId: space!.id,
          name: name.replace("-cluster", "-env"),
          clusterId: cluster.id,
          namespace: name,
        });
    }
    const none = await insertTestCluster(db, "e-plain");
    await insertTestEnvironment(db, { spaceId: space!.id, name: "plain", clusterId: none.id });
    await insertTestConnection(db, {
      userId: dana.id,
      clusterId: clusterIds.get("a-cluster")!,
      username: "dana@example.com",
      groups: ["devs"],
    });
    await insertTestConnection(db, {
      userId: dana.id,
      clusterId: clusterIds.get("b-cluster")!,
      username: "dana@example.com",
      state: "reconnect_needed",
      lastError: "the identity provider refused to refresh the sign-in (invalid_grant)",
    });
    // Erin is connected to a-cluster too, though she has no environment there.
    await insertTestConnection(db, {
      userId: erin.id,
      clusterId: clusterIds.get("a-cluster")!,
      username: "erin@example.com",
    });
  });

  it("lists no cluster to someone without environments, whatever connections they hold", async () => {
    expect((await callerFor(database().db, erin).connection.mine({})).items).toEqual([]);
  });

  it("lists the clusters of the person's environments by name, paged, with each status", async () => {
    const api = callerFor(database().db, dana);
    const first = await api.connection.mine({ limit: 2 });
    expect(first.items.map((item) => [item.cluster.name, item.status.kind])).toEqual([
      ["a-cluster", "connected"],
      ["b-cluster", "reconnect-needed"],
    ]);
    expect(first.items[0]?.status).toMatchObject({
      username: "dana@example.com",
      groups: ["devs"],
    });
    const second = await api.connection.mine({ limit: 2, cursor: first.next! });
    expect(second.items.map((item) => [item.cluster.name, item.status.kind])).toEqual([
      ["c-cluster", "not-connected"],
      ["e-plain", "not-configured"],
    ]);
    expect(second.next).toBeNull();
  });

  it("shows each member their own connection on an environment, never another's", async () => {
    const db = database().db;
    const [space] = await db.select().from(spaces).where(eq(spaces.name, "apps"));
    // A viewer of the space (added directly: invitations are another test's business).
    await db.insert(spaceMembers).values({ spaceId: space!.id, userId: erin.id, role: "viewer" });
    const asDana = await callerFor(db, dana).connection.forEnvironment({
      space: "apps",
      environment: "b-env",
    });
    expect(asDana).toMatchObject({
      cluster: { name: "b-cluster" },
      status: {
        kind: "reconnect-needed",
        reason: expect.stringContaining("invalid_grant") as unknown,
      },
    });
    const asErin = await callerFor(db, erin).connection.forEnvironment({
      space: "apps",
      environment: "b-env",
    });
    expect(asErin).toMatchObject({ status: { kind: "not-connected" } });
  });

  it("refuses to disconnect anyone but the caller, and leaves others' connections alone", async () => {
    const db = database().db;
    await expect(
      callerFor(db, dana).connection.disconnect({ cluster: "d-cluster" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'You are not connected to cluster "d-cluster".',
    });
    // Disconnecting herself from a-cluster leaves Erin's connection there.
    const answer = await callerFor(db, dana).connection.disconnect({ cluster: "a-cluster" });
    expect(answer).toEqual({
      revoked: false,
      message: expect.stringMatching(
        /^Disconnected from "a-cluster": Slipway forgot your tokens, but the identity provider could not revoke them \(.*connection refused/,
      ) as unknown,
    });
    const left = await db
      .select({ userId: clusterConnections.userId })
      .from(clusterConnections)
      .where(eq(clusterConnections.clusterId, clusterIds.get("a-cluster")!));
    expect(left).toEqual([{ userId: erin.id }]);
  });

  it("lists the hub of a cluster the person's environments are on, and lets them connect there", async () => {
    const db = database().db;
    const [space] = await db.select().from(spaces).where(eq(spaces.name, "apps"));
    const hub = await insertTestCluster(db, "h-hub");
    await insertUnreachableSignIn(db, hub.id);
    const spoke = await insertTestCluster(db, "s-spoke");
    await db.update(clusters).set({ hubClusterId: hub.id }).where(eq(clusters.id, spoke.id));
    await insertTestEnvironment(db, {
      spaceId: space!.id,
      name: "s-env",
      clusterId: spoke.id,
      namespace: "s-spoke",
    });
    const names = (await callerFor(db, dana).connection.mine({ limit: 100 })).items.map(
      (item) => item.cluster.name,
    );
    expect(names).toEqual(expect.arrayContaining(["h-hub", "s-spoke"]));
    // Still not a cluster she has nothing on, directly or as a hub.
    expect(names).not.toContain("d-cluster");
  });

  it("shows, on an environment in hub topology, the person's connection to the hub next to its own cluster's, each with its use", async () => {
    const db = database().db;
    const [space] = await db.select().from(spaces).where(eq(spaces.name, "apps"));
    const hub = await insertTestCluster(db, "g-hub");
    await insertUnreachableSignIn(db, hub.id);
    const spoke = await insertTestCluster(db, "t-spoke", { hubClusterId: hub.id });
    await insertUnreachableSignIn(db, spoke.id);
    await insertTestEnvironment(db, {
      spaceId: space!.id,
      name: "t-env",
      clusterId: spoke.id,
      namespace: "t-spoke",
    });
    // Dana connected to the hub only; Erin, a viewer, to neither.
    await insertTestConnection(db, {
      userId: dana.id,
      clusterId: hub.id,
      username: "dana@example.com",
    });
    await db
      .insert(spaceMembers)
      .values({ spaceId: space!.id, userId: erin.id, role: "viewer" })
      .onConflictDoNothing();

    const asDana = await callerFor(db, dana).connection.forEnvironment({
      space: "apps",
      environment: "t-env",
    });
    expect(asDana).toMatchObject({
      cluster: { name: "t-spoke" },
      status: { kind: "not-connected" },
      usedFor: ["namespace"],
      hub: {
        cluster: { name: "g-hub" },
        status: { kind: "connected", username: "dana@example.com" },
        usedFor: ["argo-cd"],
      },
    });
    const asErin = await callerFor(db, erin).connection.forEnvironment({
      space: "apps",
      environment: "t-env",
    });
    expect(asErin).toMatchObject({
      status: { kind: "not-connected" },
      hub: { cluster: { name: "g-hub" }, status: { kind: "not-connected" } },
    });
    // Without a hub, the one cluster serves both, and there is no second part.
    expect(
      await callerFor(db, dana).connection.forEnvironment({ space: "apps", environment: "b-env" }),
    ).toMatchObject({
      cluster: { name: "b-cluster" },
      status: { kind: "reconnect-needed" },
      usedFor: ["argo-cd", "namespace"],
      hub: null,
    });
  });
});
