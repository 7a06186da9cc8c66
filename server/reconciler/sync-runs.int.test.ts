// Sync runs end to end: syncRun.* through tRPC, the binding's reconcile writing the Application's
// operation through client-node to the test server (Argo CD's real CRD validates it), and the test
// playing Argo CD's controller by writing `status.operationState` and clearing `operation`.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, components, snapshotEnvironmentBindings, syncRuns } from "@/db/schema";
import { isReady } from "@/lib/conditions";
import { componentInput, insertSnapshots } from "@/testing/applications";
import { ARGO, NO_CONFIGURATION, patchAsArgoCd } from "@/testing/argo-cd";
import { startArgoTestBed, type TArgoTestBed } from "@/testing/argo-test-bed";
import { eventually, insertEnvironment } from "@/testing/reconciler-fixtures";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { newComponentValues } from "@/server/services/components/component-row";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";

interface TApplicationObject {
  metadata: {
    resourceVersion?: string;
    annotations?: Record<string, string>;
    managedFields?: { manager: string }[];
  };
  spec: { syncPolicy?: unknown; source: { kustomize?: { images: string[] } } };
  operation?: {
    sync: Record<string, unknown>;
    initiatedBy: { username?: string };
    info?: { name: string; value: string }[];
  };
  status?: { operationState?: { phase: string; operation?: unknown } };
}

describe.each(testDatabaseKinds())("sync runs of manual deployments on %s", (kind) => {
  const database = useTestDatabase(kind);
  let bed: TArgoTestBed;
  let reconciler: TArgoTestBed["reconciler"];
  let objects: TArgoTestBed["objects"];
  let clusterId: string;
  let spaceId: string;
  let owner: TArgoTestBed["callers"][string];
  let viewer: TArgoTestBed["callers"][string];
  let counter = 0;

  beforeAll(async () => {
    bed = await startArgoTestBed(database(), "shipyard", { olive: "owner", vic: "viewer" });
    ({ reconciler, objects, clusterId, spaceId } = bed);
    owner = bed.callers.olive!;
    viewer = bed.callers.vic!;
  });
  afterAll(async () => {
    await bed?.stop();
  });

  /** Application with api (manual) and web (automated), snapshot s1 bound to a new environment. */
  async function arrange() {
    counter++;
    const db = database().db;
    const env = await insertEnvironment(db, {
      spaceId,
      clusterId,
      name: `prod-${counter}`,
      namespace: `${kind}-shipyard-prod-${counter}`,
    });
    const [application] = await db
      .insert(applications)
      .values({ spaceId, name: `dock-${counter}`, displayName: "Dock" })
      .returning();
    const applicationId = application!.id;
    const gitopsSource = {
      repoUrl: "https://git.example.com/dock/gitops.git",
      path: "deploy",
      targetRevision: "main",
      type: "kustomize" as const,
    };
    await db
      .insert(components)
      .values(
        ["api", "web"].map((name) =>
          newComponentValues(applicationId, componentInput(name, { gitopsSource })),
        ),
      );
    const made = await insertSnapshots(
      db,
      applicationId,
      ["s1", "s2"],
      ["api", "web"],
      (c, s) => `quay.io/dock/${c}:${s}`,
    );
    const binding = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(snapshotEnvironmentBindings)
        .values({
          spaceId,
          applicationId,
          environmentId: env.id,
          snapshotId: made.s1!,
          components: [{ name: "api", syncMode: "manual", configuration: NO_CONFIGURATION }],
        })
        .returning();
      await requestReconcile(tx, [reconcileKey("binding", row!.id)]);
      return row!;
    });
    await eventually(async () => {
      const [row] = await db
        .select()
        .from(snapshotEnvironmentBindings)
        .where(eq(snapshotEnvironmentBindings.id, binding.id));
      return row && isReady(row.status, row.generation) ? row : undefined;
    }, "the binding to become Ready");
    const ref = { space: "shipyard", application: application!.name, environment: env.name };
    const appName = (component: string) => `shipyard-${application!.name}-${component}-${env.name}`;
    return { ref, binding, appName, s2: made.s2! };
  }

  const readApp = async (name: string) =>
    (await objects.get(ARGO, "Application", name, "argocd")) as unknown as
      TApplicationObject | undefined;

  const argoCd = (name: string, patch: Record<string, unknown>) =>
    patchAsArgoCd(objects, name, patch);

  /** Argo CD picks the operation up: operationState copies it, phase Running. */
  async function argoStarts(name: string) {
    const app = await eventually(async () => {
      const found = await readApp(name);
      return found?.operation ? found : undefined;
    }, "the Application to carry an operation");
    await argoCd(name, {
      status: {
        operationState: {
          operation: app.operation,
          phase: "Running",
          message: "one or more tasks are running",
          startedAt: "2026-11-25T10:00:00Z",
        },
      },
    });
    return app;
  }

  /** Argo CD finishes: the outcome in operationState, `operation` cleared. */
  async function argoFinishes(name: string, phase: string, message: string) {
    const app = await readApp(name);
    await argoCd(name, {
      operation: null,
      status: {
        operationState: {
          operation: app?.status?.operationState?.operation,
          phase,
          message,
          startedAt: "2026-11-25T10:00:00Z",
          finishedAt: "2026-11-25T10:00:09Z",
          syncResult: { revision: "a1b2c3" },
        },
      },
    });
  }

  const runState = (id: string, state: string) =>
    eventually(async () => {
      const run = await owner.syncRun.get({ space: "shipyard", id });
      return run.state === state ? run : undefined;
    }, `the sync run to become ${state}`);

  it("writes the operation for a manual deployment and follows Argo CD to Succeeded", async () => {
    const { ref, appName } = await arrange();
    const before = await readApp(appName("api"));
    // Manual: Argo CD syncs only on an operation; automated keeps its policy.
    expect(before!.spec.syncPolicy).toBeUndefined();
    expect((await readApp(appName("web")))!.spec.syncPolicy).toMatchObject({
      automated: { prune: true, selfHeal: true, allowEmpty: false },
    });

    const run = await owner.syncRun.create({ ...ref, component: "api" });
    expect(run).toMatchObject({ state: "Pending", revisionID: "main", requestedBy: "olive" });
    const app = await argoStarts(appName("api"));
    expect(app.operation).toStrictEqual({
      sync: { revision: "main" },
      initiatedBy: { username: "olive" },
      info: [{ name: "slipway.dev/sync-run", value: run.id }],
    });
    expect(app.operation!.sync).not.toHaveProperty("resources");
    expect(app.metadata.annotations?.["argocd.argoproj.io/refresh"]).toBe("normal");
    expect(app.metadata.managedFields?.map((f) => f.manager)).toContain("slipway-sync-run");

    const running = await runState(run.id, "Running");
    expect(running).toMatchObject({ operationPhase: "Running" });
    expect(running.startedAt?.toISOString()).toBe("2026-11-25T10:00:00.000Z");
    await argoFinishes(appName("api"), "Succeeded", "successfully synced (all tasks run)");
    const done = await runState(run.id, "Succeeded");
    expect(done).toMatchObject({
      message: "successfully synced (all tasks run)",
      operationPhase: "Succeeded",
    });
    expect(done.finishedAt?.toISOString()).toBe("2026-11-25T10:00:09.000Z");
    const page = await viewer.syncRun.list({ ...ref, component: "api" });
    expect(page.items.map((r) => [r.id, r.state])).toStrictEqual([[run.id, "Succeeded"]]);
    // The Deployments section shows each deployment's newest runs beside its sync mode.
    const deployments = await viewer.deployment.list({
      space: "shipyard",
      application: ref.application,
    });
    expect(
      deployments.items.map((d) => [d.component, d.syncMode, d.syncRuns.map((r) => r.state)]),
    ).toStrictEqual([
      ["api", "manual", ["Succeeded"]],
      ["web", "automated", []],
    ]);
    // Finished: the operation is not written again.
    reconciler.enqueue(reconcileKey("binding", run.bindingId));
    await reconciler.idle();
    expect((await readApp(appName("api")))!.operation).toBeUndefined();
  });

  it("reports a failed sync with Argo CD's message", async () => {
    const { ref, appName } = await arrange();
    const run = await owner.syncRun.create({ ...ref, component: "api", revisionID: "v2.0.1" });
    const app = await argoStarts(appName("api"));
    expect(app.operation!.sync).toStrictEqual({ revision: "v2.0.1" });
    await argoFinishes(appName("api"), "Failed", "one or more objects failed to apply");
    const failed = await runState(run.id, "Failed");
    expect(failed.message).toBe("one or more objects failed to apply");
    // Another run may start once the first has finished.
    const second = await owner.syncRun.create({ ...ref, component: "api" });
    expect(second.state).toBe("Pending");
  });

  it("refuses a sync run on an automated deployment, writing nothing", async () => {
    const { ref, appName } = await arrange();
    const runsBefore = await database().db.select().from(syncRuns);
    const error = await trpcError(owner.syncRun.create({ ...ref, component: "web" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      `The component "web" of application "${ref.application}" in environment "${ref.environment}" syncs automatically: Argo CD already follows Git there, so a sync run is not needed. Set the component's sync mode to manual in the binding to sync it by hand.`,
    );
    expect(await database().db.select().from(syncRuns)).toStrictEqual(runsBefore);
    expect((await readApp(appName("web")))!.operation).toBeUndefined();
    // And a viewer may not start one at all.
    const refused = await trpcError(viewer.syncRun.create({ ...ref, component: "api" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect((await readApp(appName("api")))!.operation).toBeUndefined();
  });

  it("terminates a running sync when it is cancelled", async () => {
    const { ref, appName } = await arrange();
    const run = await owner.syncRun.create({ ...ref, component: "api" });
    await argoStarts(appName("api"));
    await runState(run.id, "Running");
    // A second run while one runs is refused.
    const busy = await trpcError(owner.syncRun.create({ ...ref, component: "api" }));
    expect(busy.code).toBe("CONFLICT");
    await owner.syncRun.cancel({ space: "shipyard", id: run.id });
    const terminating = await eventually(async () => {
      const app = await readApp(appName("api"));
      return app?.status?.operationState?.phase === "Terminating" ? app : undefined;
    }, "the Application's operation to be Terminating");
    expect(terminating.operation).toBeDefined();
    await eventually(async () => {
      const seen = await owner.syncRun.get({ space: "shipyard", id: run.id });
      return seen.operationPhase === "Terminating" && seen.state === "Running" ? seen : undefined;
    }, "the run to show Argo CD's Terminating phase");
    await argoFinishes(appName("api"), "Failed", "Operation terminated");
    const terminated = await runState(run.id, "Terminated");
    expect(terminated.message).toBe("Operation terminated");
  });

  it("withdraws the operation when cancelled before Argo CD starts it, and a binding's re-apply leaves a pending operation alone", async () => {
    const { ref, appName, binding, s2 } = await arrange();
    const run = await owner.syncRun.create({ ...ref, component: "api" });
    await eventually(async () => (await readApp(appName("api")))?.operation, "the operation");
    // The binding changes (a promotion): its apply rewrites the Application, not the operation.
    await database().db.transaction(async (tx) => {
      await tx
        .update(snapshotEnvironmentBindings)
        .set({ snapshotId: s2, generation: binding.generation + 1 })
        .where(eq(snapshotEnvironmentBindings.id, binding.id));
      await requestReconcile(tx, [reconcileKey("binding", binding.id)]);
    });
    const promoted = await eventually(async () => {
      const app = await readApp(appName("api"));
      return app?.spec.source.kustomize?.images[0]?.endsWith(":s2") ? app : undefined;
    }, "the api Application to carry s2's image");
    expect(promoted.operation?.info).toStrictEqual([
      { name: "slipway.dev/sync-run", value: run.id },
    ]);
    expect((await owner.syncRun.get({ space: "shipyard", id: run.id })).state).toBe("Pending");
    // Waiting on Argo CD is idle: another pass neither rewrites the run nor the operation.
    const runRow = async () =>
      (await database().db.select().from(syncRuns).where(eq(syncRuns.id, run.id)))[0]!;
    const before = await runRow();
    const rv = (await readApp(appName("api")))!.metadata.resourceVersion;
    reconciler.enqueue(reconcileKey("binding", binding.id));
    await reconciler.idle();
    expect((await runRow()).updatedAt).toStrictEqual(before.updatedAt);
    expect((await readApp(appName("api")))!.metadata.resourceVersion).toBe(rv);

    await owner.syncRun.cancel({ space: "shipyard", id: run.id });
    const terminated = await runState(run.id, "Terminated");
    expect(terminated.message).toBe("Cancelled before Argo CD started it.");
    const app = await readApp(appName("api"));
    expect(app!.operation).toBeUndefined();
    expect(app!.metadata.annotations?.["argocd.argoproj.io/refresh"]).toBeUndefined();
    // The Application itself stays as the binding applied it.
    expect(app!.spec.source.kustomize?.images).toStrictEqual([
      "quay.io/team/api=quay.io/dock/api:s2",
    ]);
    const again = await trpcError(owner.syncRun.cancel({ space: "shipyard", id: run.id }));
    expect(again.code).toBe("CONFLICT");
  });
});
