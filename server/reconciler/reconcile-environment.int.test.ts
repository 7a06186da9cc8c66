import { eq, sql } from "drizzle-orm";
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  environments,
  environmentWorkspaces,
  managedObjects,
  reconcileEvents,
  spaceMembers,
  users,
} from "@/db/schema";
import { findCondition, isReady } from "@/lib/conditions";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import { createTestUser, testLogger } from "@/testing/callers";
import {
  clusterObjects,
  createSpaceWith,
  eventually,
  insertEnvironment,
  registerTestCluster,
  requestEnvironmentDeletion,
  startKubeTestServer,
  type KubeTestServer,
} from "@/testing/reconciler-fixtures";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { startReconciler, type TRunningReconciler } from "./manager";

describe.each(testDatabaseKinds())("reconciling environments on %s", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let reconciler: TRunningReconciler;
  let clusterId: string;
  let spaceId: string;
  let objects: ReturnType<typeof clusterObjects>;
  let counter = 0;
  let loseListener: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    server = await startKubeTestServer();
    objects = clusterObjects(server);
    clusterId = (await registerTestCluster(database().db, server)).id;
    const created = await createSpaceWith(database().db, "payments", {
      alice: "owner",
      bob: "contributor",
    });
    spaceId = created.space.id;
    // PGlite listens in process and never loses its connection: this handle lets a test cut it.
    const handle: DatabaseHandle = {
      ...database(),
      listen: async (channel, onPayload, onError) => {
        const stop = await database().listen(channel, onPayload, onError);
        loseListener = async () => {
          await stop();
          onError?.(new Error("connection lost"));
        };
        return stop;
      },
    };
    reconciler = await startReconciler({
      handle,
      workers: 4,
      holder: "test-worker",
      log: testLogger,
      backoff: { baseMs: 50, capMs: 1000 },
    });
  });
  afterAll(async () => {
    await reconciler?.stop();
    await server?.stop();
  });

  const load = async (id: string) =>
    (await database().db.select().from(environments).where(eq(environments.id, id)))[0];
  const whenReady = (id: string) =>
    eventually(async () => {
      const env = await load(id);
      return env && isReady(env.status, env.generation) ? env : undefined;
    }, "the environment to become Ready");
  const create = (quota?: Record<string, string>) => {
    counter++;
    return insertEnvironment(database().db, {
      spaceId,
      clusterId,
      name: `env-${counter}`,
      namespace: `${kind}-payments-${counter}`,
      quota,
    });
  };
  const owned = async (namespace: string) =>
    (
      await Promise.all(
        ["ResourceQuota", "LimitRange", "RoleBinding"].map((k) =>
          objects.list(k === "RoleBinding" ? "rbac.authorization.k8s.io/v1" : "v1", k, namespace),
        ),
      )
    )
      .flat()
      .concat(await objects.list("networking.k8s.io/v1", "NetworkPolicy", namespace))
      .filter((o) => o.metadata?.labels?.["app.kubernetes.io/managed-by"] === "slipway")
      .map((o) => `${o.kind ?? ""}/${o.metadata?.name}`)
      .sort();

  it("creates exactly the environment's objects and records them", async () => {
    const env = await create({ pods: "7" });
    const ready = await whenReady(env.id);
    expect(findCondition(ready.status, "Stalled")?.status).toBe("False");
    const ns = env.namespace!;
    expect(await objects.get("v1", "Namespace", ns)).toBeDefined();
    const quota = (await objects.get("v1", "ResourceQuota", "slipway-quota", ns)) as {
      spec: { hard: object };
    };
    expect(quota.spec.hard).toMatchObject({ pods: "7" });
    // Fields client-node's typed models rename (`default`, `from`) reach the cluster intact.
    const limits = (await objects.get("v1", "LimitRange", "slipway-limits", ns)) as unknown as {
      spec: { limits: { default?: object }[] };
    };
    expect(limits.spec.limits[0]?.default).toEqual({ cpu: "500m", memory: "512Mi" });
    const sameNamespace = (await objects.get(
      "networking.k8s.io/v1",
      "NetworkPolicy",
      "allow-same-namespace",
      ns,
    )) as unknown as { spec: { ingress: unknown[] } };
    expect(sameNamespace.spec.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
    const kinds = await owned(ns);
    // Built-in list items omit kind, so name what was listed.
    expect(kinds.length).toBe(6);
    const bindings = (await objects.list("rbac.authorization.k8s.io/v1", "RoleBinding", ns)) as {
      metadata?: { name?: string };
      roleRef: { name: string };
      subjects: { name: string }[];
    }[];
    expect(
      bindings.map((b) => [b.metadata?.name, b.roleRef.name, b.subjects.map((s) => s.name)]).sort(),
    ).toEqual([
      ["slipway-contributors", "edit", ["payments-bob@example.com"]],
      ["slipway-owners", "admin", ["payments-alice@example.com"]],
    ]);
    const rows = await database()
      .db.select()
      .from(managedObjects)
      .where(eq(managedObjects.ownerKey, reconcileKey("environment", env.id)));
    expect(rows.map((r) => r.kind).sort()).toEqual([
      "LimitRange",
      "Namespace",
      "NetworkPolicy",
      "NetworkPolicy",
      "ResourceQuota",
      "RoleBinding",
      "RoleBinding",
    ]);
    expect(rows.every((r) => r.health === "Applied" && r.observed !== null)).toBe(true);
    expect(rows.some((r) => JSON.stringify(r.observed).includes("managedFields"))).toBe(false);
  });

  it("sends nothing to the cluster or the database once converged", async () => {
    const env = await create();
    await whenReady(env.id);
    const key = reconcileKey("environment", env.id);
    const eventCount = async () =>
      (await database().db.select().from(reconcileEvents).where(eq(reconcileEvents.ownerKey, key)))
        .length;
    // The namespace controller edits the namespace after the first apply, which takes one more
    // pass to take in; from then on a pass (as a resync makes) changes nothing anywhere.
    await eventually(async () => {
      await reconciler.idle();
      const before = { row: await load(env.id), events: await eventCount() };
      server.metrics.reset();
      reconciler.enqueue(key);
      await reconciler.idle();
      const after = { row: await load(env.id), events: await eventCount() };
      const quiet =
        server.metrics.writes() === 0 &&
        server.metrics.count() === 0 &&
        JSON.stringify(after) === JSON.stringify(before);
      return quiet ? true : undefined;
    }, "a pass that changes nothing");
  });

  it("does not re-apply when only a controller's status write changed an object", async () => {
    const env = await create();
    await whenReady(env.id);
    const key = reconcileKey("environment", env.id);
    const core = server.kubeConfig.makeApiClient(CoreV1Api);
    await eventually(async () => {
      await reconciler.idle();
      server.metrics.reset();
      // What a quota controller does: a new status, so a new resourceVersion and a watch event.
      const quota = await core.readNamespacedResourceQuota({
        name: "slipway-quota",
        namespace: env.namespace!,
      });
      await core.replaceNamespacedResourceQuotaStatus({
        name: "slipway-quota",
        namespace: env.namespace!,
        body: { ...quota, status: { hard: quota.spec?.hard, used: { pods: "1" } } },
      });
      reconciler.enqueue(key);
      await reconciler.idle();
      // Only the status write itself: the pass it woke sent the cluster nothing.
      return server.metrics.writes() === 1 && server.metrics.count({ verb: "APPLY" }) === 0
        ? true
        : undefined;
    }, "a status write that wakes a pass which applies nothing");
  });

  it("follows membership changes into the role bindings", async () => {
    const env = await create();
    await whenReady(env.id);
    const carol = await createTestUser(database().db, `${kind}-carol`);
    await database().db.transaction(async (tx) => {
      await tx.insert(spaceMembers).values({ spaceId, userId: carol.id, role: "viewer" });
      await requestReconcile(tx, [reconcileKey("environment", env.id)]);
    });
    const viewers = await eventually(
      () =>
        objects.get(
          "rbac.authorization.k8s.io/v1",
          "RoleBinding",
          "slipway-viewers",
          env.namespace!,
        ),
      "the viewers binding",
    );
    expect(
      (viewers as unknown as { subjects: { name: string }[] }).subjects.map((s) => s.name),
    ).toEqual([carol.email]);
    await database().db.transaction(async (tx) => {
      await tx.delete(spaceMembers).where(eq(spaceMembers.userId, carol.id));
      await requestReconcile(tx, [reconcileKey("environment", env.id)]);
    });
    await eventually(
      async () =>
        (await objects.get(
          "rbac.authorization.k8s.io/v1",
          "RoleBinding",
          "slipway-viewers",
          env.namespace!,
        ))
          ? undefined
          : true,
      "the viewers binding to be pruned",
    );
  });

  it("repairs an applied field edited out of band, woken by the watch", async () => {
    const env = await create();
    await whenReady(env.id);
    const namespace = env.namespace!;
    // Someone edits the quota with another client (an update, not Slipway's apply).
    const core = server.kubeConfig.makeApiClient(CoreV1Api);
    const quota = await core.readNamespacedResourceQuota({ name: "slipway-quota", namespace });
    const wanted = quota.spec?.hard?.pods;
    await core.replaceNamespacedResourceQuota({
      name: "slipway-quota",
      namespace,
      body: { ...quota, spec: { hard: { ...quota.spec?.hard, pods: "999" } } },
    });
    await eventually(async () => {
      const now = await core.readNamespacedResourceQuota({ name: "slipway-quota", namespace });
      return now.spec?.hard?.pods === wanted ? true : undefined;
    }, "the quota's pods to be set back");
  });

  it("restores a quota deleted out of band, woken by the watch", async () => {
    const env = await create();
    await whenReady(env.id);
    const quota = await objects.get("v1", "ResourceQuota", "slipway-quota", env.namespace!);
    await objects.api.delete(quota!);
    const restored = await eventually(
      () => objects.get("v1", "ResourceQuota", "slipway-quota", env.namespace!),
      "the quota to be restored",
    );
    expect(restored.metadata?.uid).not.toBe(quota!.metadata?.uid);
  });

  it("retries 409, 429 (after Retry-After) and 500, takes back a field another manager took, and converges", async () => {
    const undo = [
      server.faults.failRequests({
        ratio: 1,
        status: 409,
        verbs: ["APPLY"],
        resources: ["resourcequotas"],
        limit: 2,
      }),
      server.faults.failRequests({
        ratio: 1,
        status: 500,
        verbs: ["APPLY"],
        resources: ["limitranges"],
        limit: 2,
      }),
      server.faults.failRequests({
        ratio: 1,
        status: 429,
        retryAfterSeconds: 1,
        verbs: ["APPLY"],
        resources: ["networkpolicies"],
        limit: 1,
      }),
    ];
    const env = await create();
    // Another manager takes a field Slipway owns (what a 409 conflict is about): Slipway takes it
    // back, woken by the watch.
    await whenReady(env.id);
    await objects.api.patch(
      {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "slipway-quota", namespace: env.namespace! },
        spec: { hard: { pods: "99" } },
      },
      undefined,
      undefined,
      "someone-else",
      true,
      "application/apply-patch+yaml",
    );
    await eventually(async () => {
      const q = (await objects.get("v1", "ResourceQuota", "slipway-quota", env.namespace!)) as
        { spec: { hard: { pods?: string } } } | undefined;
      return q?.spec.hard.pods === "10" ? true : undefined;
    }, "the quota to be taken back");
    expect(server.metrics.count({ verb: "APPLY", resource: "limitranges", code: 500 })).toBe(2);
    expect(server.metrics.count({ verb: "APPLY", resource: "networkpolicies", code: 429 })).toBe(1);
    expect(server.metrics.count({ verb: "APPLY", resource: "resourcequotas", code: 409 })).toBe(2);
    for (const u of undo) u();
  });

  it("never shows a failed apply as Ready, and says when it retries", async () => {
    const undo = server.faults.failRequests({
      ratio: 1,
      status: 500,
      verbs: ["APPLY"],
      resources: ["rolebindings"],
    });
    const env = await create();
    const failing = await eventually(async () => {
      const row = await load(env.id);
      return row?.status.lastError ? row : undefined;
    }, "the failure to be recorded");
    expect(isReady(failing.status, failing.generation)).toBe(false);
    expect(findCondition(failing.status, "Ready")?.status).toBe("False");
    expect(findCondition(failing.status, "Reconciling")?.status).toBe("True");
    expect(failing.status.nextRetryAt).toBeDefined();
    undo();
    const ready = await whenReady(env.id);
    expect(ready.status.lastError).toBeUndefined();
  });

  it("reports an unreachable cluster with a reason and recovers", async () => {
    const env = await create();
    await whenReady(env.id);
    await server.faults.refuseConnections();
    try {
      await database().db.transaction(async (tx) => {
        await tx
          .update(environments)
          .set({ quota: { pods: "12" }, generation: 2 })
          .where(eq(environments.id, env.id));
        await requestReconcile(tx, [reconcileKey("environment", env.id)]);
      });
      const down = await eventually(async () => {
        const row = await load(env.id);
        const ready = findCondition(row?.status, "Ready");
        return ready?.status === "False" && ready.observedGeneration === 2 ? ready : undefined;
      }, "Ready=False");
      expect(down.reason).toBe("Unreachable");
    } finally {
      await server.faults.acceptConnections();
    }
    await whenReady(env.id);
  });

  it("refuses a namespace that exists without Slipway's labels, and leaves it alone", async () => {
    const namespace = `${kind}-taken`;
    await objects.api.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: namespace },
    });
    counter++;
    const env = await insertEnvironment(database().db, {
      spaceId,
      clusterId,
      name: `env-${counter}`,
      namespace,
    });
    const stalled = await eventually(async () => {
      const row = await load(env.id);
      const condition = findCondition(row?.status, "Stalled");
      return condition?.status === "True" ? condition : undefined;
    }, "Stalled");
    expect(stalled.reason).toBe("NamespaceNotManaged");
    expect(stalled.message).toContain("not managed by Slipway");
    expect(await objects.list("v1", "ResourceQuota", namespace)).toEqual([]);
  });

  it("relists after its watch history expired, and still repairs", async () => {
    const env = await create();
    await whenReady(env.id);
    const watches = server.metrics.count({ verb: "WATCH", resource: "resourcequotas" });
    // A clean end makes the informer resume from its resourceVersion, which now answers 410 Gone:
    // it must relist and watch again (two more watch requests) to see the deletion below.
    // Compaction drops positions older than the cluster's latest write: an unrelated write makes
    // sure the informer's position is older (its last event may have been the latest write).
    await objects.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `unrelated-${kind}`, namespace: "default" },
    });
    server.faults.expireWatchHistory();
    server.faults.dropWatches();
    await eventually(
      () =>
        Promise.resolve(
          server.metrics.count({ verb: "WATCH", resource: "resourcequotas" }) >= watches + 2
            ? true
            : undefined,
        ),
      "a watch after the relist",
    );
    const quota = await objects.get("v1", "ResourceQuota", "slipway-quota", env.namespace!);
    await objects.api.delete(quota!);
    await eventually(
      () => objects.get("v1", "ResourceQuota", "slipway-quota", env.namespace!),
      "the quota to be restored",
    );
  });

  it("hears changes again after losing its notification connection", async () => {
    if (kind === "postgres") {
      await database().db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`,
      );
    } else {
      await loseListener();
    }
    // The periodic resync is minutes away: only listening again (and the catch-up after it) wakes this.
    const env = await create();
    await whenReady(env.id);
  });

  it("gives a member a personal namespace, and deletes it before its environment", async () => {
    const env = await create();
    await whenReady(env.id);
    const [alice] = await database()
      .db.select()
      .from(users)
      .where(eq(users.email, "payments-alice@example.com"));
    const [workspace] = await database().db.transaction(async (tx) => {
      const rows = await tx
        .insert(environmentWorkspaces)
        .values({ environmentId: env.id, userId: alice!.id, namespace: `${env.namespace}-alice` })
        .returning();
      await requestReconcile(tx, [reconcileKey("workspace", rows[0]!.id)]);
      return rows;
    });
    const binding = await eventually(
      () =>
        objects.get(
          "rbac.authorization.k8s.io/v1",
          "RoleBinding",
          "slipway-workspace-admin",
          workspace!.namespace,
        ),
      "the workspace's binding",
    );
    expect((binding as unknown as { subjects: { name: string }[] }).subjects).toEqual([
      expect.objectContaining({ kind: "User", name: "payments-alice@example.com" }),
    ]);
    await requestEnvironmentDeletion(database().db, env.id);
    await eventually(
      async () => ((await load(env.id)) ? undefined : true),
      "the environment to go",
      60_000,
    );
    expect(await objects.get("v1", "Namespace", workspace!.namespace)).toBeUndefined();
    const left = await database()
      .db.select()
      .from(environmentWorkspaces)
      .where(eq(environmentWorkspaces.environmentId, env.id));
    expect(left).toEqual([]);
  });

  it("deletes everything it made, and the row once the cluster confirms", async () => {
    const env = await create();
    await whenReady(env.id);
    await requestEnvironmentDeletion(database().db, env.id);
    await eventually(
      async () => ((await load(env.id)) ? undefined : true),
      "the row to be deleted",
      60_000,
    );
    expect(await objects.get("v1", "Namespace", env.namespace!)).toBeUndefined();
    const rows = await database()
      .db.select()
      .from(managedObjects)
      .where(eq(managedObjects.ownerKey, reconcileKey("environment", env.id)));
    expect(rows).toEqual([]);
  });
});
