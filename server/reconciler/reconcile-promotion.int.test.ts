// Promotion runs end to end: the promotion router, the promotion and binding reconcilers, and the
// test API server with Argo CD's CRD. The test plays Argo CD by writing each Application's status
// (sync, health, summary.images) through client-node, as Argo CD's controller would.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import {
  applications,
  auditEvents,
  components,
  environments,
  promotionRuns,
  promotionSteps,
  snapshotEnvironmentBindings,
  snapshots,
} from "@/db/schema";
import { isReady } from "@/lib/conditions";
import { componentInput, insertSnapshots } from "@/testing/applications";
import { startArgoTestBed, type TArgoTestBed } from "@/testing/argo-test-bed";
import { testLogger } from "@/testing/callers";
import { insertTestEnvironment } from "@/testing/environments";
import { eventually, insertEnvironment } from "@/testing/reconciler-fixtures";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { newComponentValues } from "@/server/services/components/component-row";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import type { TReconcileContext } from "./controller";
import { reconcilePromotion } from "./reconcile-promotion";

const SPACE = "promo";
const image = (component: string, snapshot: string) => `quay.io/team/${component}:${snapshot}`;

describe.each(testDatabaseKinds())("promotion runs on %s", (kind) => {
  const database = useTestDatabase(kind);
  let bed: TArgoTestBed;
  let clusterId: string;
  let spaceId: string;
  let owner: TArgoTestBed["callers"][string];
  let counter = 0;

  beforeAll(async () => {
    bed = await startArgoTestBed(database(), SPACE, { olive: "owner" });
    ({ clusterId, spaceId } = bed);
    owner = bed.callers.olive!;
  });
  afterAll(async () => {
    await bed?.stop();
  });

  /** A Ready environment (the environment reconciler made it so), optionally in the graph. */
  async function readyEnvironment(
    name: string,
    graph: { parentId?: string; deploymentStrategy?: "Manual" | "AppStudioAutomated" } = {},
  ) {
    const db = database().db;
    const env = await insertEnvironment(db, {
      spaceId,
      clusterId,
      name: `${name}-${counter}`,
      namespace: `${kind}-promo-${name}-${counter}`,
    });
    if (graph.parentId || graph.deploymentStrategy) {
      await db.update(environments).set(graph).where(eq(environments.id, env.id));
    }
    await eventually(async () => {
      const [row] = await db.select().from(environments).where(eq(environments.id, env.id));
      return row && isReady(row.status, row.generation) ? true : undefined;
    }, `environment ${env.name} to become Ready`);
    return env;
  }

  /** Application with components api and web, snapshots s1, s2 and s3 (images tagged so). */
  async function arrangeApplication() {
    counter++;
    const db = database().db;
    const [application] = await db
      .insert(applications)
      .values({ spaceId, name: `app-${kind}-${counter}`, displayName: "App" })
      .returning();
    const applicationId = application!.id;
    await db
      .insert(components)
      .values(["api", "web"].map((c) => newComponentValues(applicationId, componentInput(c))));
    await insertSnapshots(db, applicationId, ["s1", "s2", "s3"], ["api", "web"], image);
    return { name: application!.name, id: applicationId };
  }

  /** Plays Argo CD: the component's Application reports this status (once it exists). */
  async function argoReports(
    application: string,
    environment: string,
    component: string,
    status: { images: string[]; sync?: string; health?: string; conditions?: unknown[] },
  ) {
    const name = `${SPACE}-${application}-${component}-${environment}`;
    await eventually(async () => {
      await bed.reportArgoStatus(name, {
        sync: { status: status.sync ?? "Synced", revision: "a1b2c3" },
        health: { status: status.health ?? "Healthy" },
        summary: { images: status.images },
        conditions: status.conditions ?? [],
      });
      return true;
    }, `Application ${name} to exist`);
  }

  /** Argo CD reports every component running `snapshot` Synced and Healthy. */
  async function argoDeploys(application: string, environment: string, snapshot: string) {
    for (const c of ["api", "web"]) {
      await argoReports(application, environment, c, { images: [image(c, snapshot)] });
    }
  }

  const promotion = (application: string, promotionId: string) =>
    owner.promotion.get({ space: SPACE, application, promotionId });
  const whenComplete = (application: string, id: string) =>
    eventually(async () => {
      const run = await promotion(application, id);
      return run.state === "Complete" ? run : undefined;
    }, `promotion ${id} to complete`);
  const runsOf = (applicationId: string) =>
    database()
      .db.select()
      .from(promotionRuns)
      .where(eq(promotionRuns.applicationId, applicationId))
      .orderBy(promotionRuns.createdAt);

  /** The promotion events on an environment's page, newest first, as [type, reason, message]. */
  const promotionEventsOf = async (environment: string) =>
    (await owner.environment.get({ space: SPACE, environment })).events
      .filter((e) => e.reason.startsWith("Promotion"))
      .map((e) => [e.type, e.reason, e.message]);

  it("promotes, shows the diff first, keeps history and rolls back", async () => {
    const app = await arrangeApplication();
    const env = await readyEnvironment("solo");
    const first = await owner.promotion.preview({
      space: SPACE,
      application: app.name,
      snapshot: "s1",
      environment: env.name,
    });
    expect(first.deployed).toBeNull();
    expect(first.ready).toBe(true);
    expect(first.components.map((c) => [c.component, c.image.now, c.image.after])).toStrictEqual([
      ["api", null, image("api", "s1")],
      ["web", null, image("web", "s1")],
    ]);

    const run1 = await owner.promotion.create({
      space: SPACE,
      application: app.name,
      snapshot: "s1",
      environment: env.name,
    });
    // Not complete until Argo CD reports the snapshot's images Synced and Healthy.
    await eventually(async () => {
      const run = await promotion(app.name, run1.id);
      return run.steps[0]?.state === "In Progress" ? true : undefined;
    }, "the first step to start");
    await argoReports(app.name, env.name, "api", { images: [image("api", "s1")] });
    await argoReports(app.name, env.name, "web", {
      images: [image("web", "s1")],
      health: "Progressing",
    });
    await eventually(async () => {
      const run = await promotion(app.name, run1.id);
      return run.steps[0]?.message.includes("1 of 2") ? true : undefined;
    }, "the step to count one component deployed");
    expect((await promotion(app.name, run1.id)).state).toBe("In Progress");
    await argoReports(app.name, env.name, "web", { images: [image("web", "s1")] });
    const done1 = await whenComplete(app.name, run1.id);
    expect(done1).toMatchObject({
      kind: "manual",
      result: "Success",
      snapshot: { name: "s1" },
      targetEnvironment: env.name,
      createdBy: `${SPACE}-olive`,
      steps: [
        {
          position: 0,
          environment: env.name,
          state: "Complete",
          result: "Success",
          previousSnapshot: null,
        },
      ],
    });
    // The environment's page shows the promotion among its events, newest first.
    const run1Name = `manual promotion ${run1.id.slice(0, 8)} of ${app.name} snapshot "s1"`;
    expect(await promotionEventsOf(env.name)).toStrictEqual([
      ["Normal", "PromotionCompleted", `${run1Name} completed: Success: deployed to ${env.name}`],
      [
        "Normal",
        "PromotionStepSucceeded",
        `${run1Name} deployed to ${env.name}: 2 of 2 components Synced and Healthy`,
      ],
      ["Normal", "PromotionStarted", `${run1Name} started: deploying to ${env.name}`],
    ]);

    const diff = await owner.promotion.preview({
      space: SPACE,
      application: app.name,
      snapshot: "s2",
      environment: env.name,
    });
    expect(diff.deployed).toStrictEqual({ snapshot: "s1" });
    expect(
      diff.components.map((c) => [c.component, c.image.now, c.image.after, c.changed]),
    ).toStrictEqual([
      ["api", image("api", "s1"), image("api", "s2"), true],
      ["web", image("web", "s1"), image("web", "s2"), true],
    ]);

    const run2 = await owner.promotion.create({
      space: SPACE,
      application: app.name,
      snapshot: "s2",
      environment: env.name,
    });
    // Argo CD still reports s1's images until it syncs s2: the step must keep waiting.
    await eventually(async () => {
      const run = await promotion(app.name, run2.id);
      return run.steps[0]?.message.includes("0 of 2") ? true : undefined;
    }, "the second promotion to wait for s2's images");
    await argoDeploys(app.name, env.name, "s2");
    const done2 = await whenComplete(app.name, run2.id);
    expect(done2.result).toBe("Success");
    expect(done2.steps[0]!.previousSnapshot).toBe("s1");

    const history = await owner.promotion.history({
      space: SPACE,
      application: app.name,
      environment: env.name,
    });
    expect(history.items.map((h) => [h.snapshot.name, h.previousSnapshot])).toStrictEqual([
      ["s2", "s1"],
      ["s1", null],
    ]);
    const list = await owner.promotion.list({ space: SPACE, application: app.name, limit: 1 });
    expect(list.items.map((r) => r.id)).toStrictEqual([run2.id]);
    const older = await owner.promotion.list({
      space: SPACE,
      application: app.name,
      limit: 1,
      cursor: list.next!,
    });
    expect(older.items.map((r) => r.id)).toStrictEqual([run1.id]);

    // Rollback: only to a snapshot from the history, other than the one running.
    const never = await trpcError(
      owner.promotion.rollback({
        space: SPACE,
        application: app.name,
        snapshot: "s3",
        environment: env.name,
      }),
    );
    expect(never.message).toBe(
      `Snapshot "s3" never ran in environment "${env.name}"; roll back to one from its history.`,
    );
    const back = await owner.promotion.rollback({
      space: SPACE,
      application: app.name,
      snapshot: "s1",
      environment: env.name,
    });
    await argoDeploys(app.name, env.name, "s1");
    const rolled = await whenComplete(app.name, back.id);
    expect(rolled).toMatchObject({ kind: "rollback", result: "Success", snapshot: { name: "s1" } });
    const [binding] = await database()
      .db.select({ snapshot: snapshots.name })
      .from(snapshotEnvironmentBindings)
      .innerJoin(snapshots, eq(snapshots.id, snapshotEnvironmentBindings.snapshotId))
      .where(eq(snapshotEnvironmentBindings.applicationId, app.id));
    expect(binding?.snapshot).toBe("s1");
    // The pipeline view's "here since": when the rollback's step completed, not s1's first run.
    const bound = await owner.binding.list({ space: SPACE, application: app.name });
    expect(bound.items.map((b) => b.deployedAt.getTime())).toStrictEqual([
      new Date(rolled.steps[0]!.completedAt!).getTime(),
    ]);
    expect(bound.items[0]!.deployedAt.getTime()).toBeGreaterThan(
      new Date(done1.steps[0]!.completedAt!).getTime(),
    );

    // Exported as upstream's PromotionRun, with status; importing them again changes nothing.
    const exported = await owner.declarative.export({ space: SPACE });
    const runs = parseAllDocuments(exported.yaml)
      .map((d) => d.toJS() as { kind: string; spec: { application: string }; status: unknown })
      .filter((d) => d.kind === "PromotionRun" && d.spec.application === app.name);
    expect(runs).toHaveLength(3);
    expect(runs[1]).toMatchObject({
      apiVersion: "appstudio.redhat.com/v1alpha1",
      metadata: { name: `${app.name}-manual-${run2.id.slice(0, 8)}` },
      spec: {
        snapshot: "s2",
        application: app.name,
        manualPromotion: { targetEnvironment: env.name },
      },
      status: {
        state: "Complete",
        completionResult: "Success",
        environmentStatus: [
          {
            step: 1,
            environmentName: env.name,
            status: "Success",
            displayStatus: "2 of 2 components Synced and Healthy",
          },
        ],
      },
    });
    const plan = await owner.declarative.plan({ space: SPACE, yaml: exported.yaml });
    const planned = plan.items.filter((i) => i.kind === "PromotionRun");
    expect(planned.length).toBeGreaterThanOrEqual(3);
    expect(planned.every((i) => i.action === "unchanged" && i.notes.length === 0)).toBe(true);
    expect(plan.errors).toStrictEqual([]);
  });

  it("fails when Argo CD reports the snapshot Degraded, with the message", async () => {
    const app = await arrangeApplication();
    const env = await readyEnvironment("degraded");
    const run = await owner.promotion.create({
      space: SPACE,
      application: app.name,
      snapshot: "s1",
      environment: env.name,
    });
    await argoReports(app.name, env.name, "api", {
      images: [image("api", "s1")],
      health: "Degraded",
    });
    const done = await whenComplete(app.name, run.id);
    expect(done.result).toBe("Failure");
    expect(done.message).toBe(
      `${env.name}: api is Degraded in Argo CD running ${image("api", "s1")}`,
    );
    expect(done.steps[0]).toMatchObject({ state: "Complete", result: "Failure" });
    expect((await promotionEventsOf(env.name)).map((e) => e.slice(0, 2))).toStrictEqual([
      ["Warning", "PromotionCompleted"],
      ["Warning", "PromotionStepFailed"],
      ["Normal", "PromotionStarted"],
    ]);
  });

  it("fails on a sync error Argo CD reports", async () => {
    const app = await arrangeApplication();
    const env = await readyEnvironment("syncerr");
    const run = await owner.promotion.create({
      space: SPACE,
      application: app.name,
      snapshot: "s1",
      environment: env.name,
    });
    await argoReports(app.name, env.name, "web", {
      images: [],
      sync: "OutOfSync",
      conditions: [{ type: "SyncError", message: "one or more objects failed to apply" }],
    });
    const done = await whenComplete(app.name, run.id);
    expect(done.message).toBe(`${env.name}: web: SyncError: one or more objects failed to apply`);
  });

  it("times out after 10 minutes on the reconciler's clock", async () => {
    const app = await arrangeApplication();
    const env = await readyEnvironment("slow");
    const run = await owner.promotion.create({
      space: SPACE,
      application: app.name,
      snapshot: "s1",
      environment: env.name,
    });
    const started = await eventually(async () => {
      const [row] = await database()
        .db.select()
        .from(promotionRuns)
        .where(eq(promotionRuns.id, run.id));
      return row?.startedAt ?? undefined;
    }, "the run to start");
    const pass = (now: Date) =>
      reconcilePromotion({
        db: database().db,
        log: testLogger,
        id: run.id,
        now: () => now,
      } as unknown as TReconcileContext);
    // A minute short of the deadline it keeps waiting, asking to be woken at the deadline; a
    // pass that changes nothing writes no event.
    const eventsBefore = await promotionEventsOf(env.name);
    expect(eventsBefore.map((e) => e[1])).toStrictEqual(["PromotionStarted"]);
    expect(await pass(new Date(started.getTime() + 540_000))).toStrictEqual({
      kind: "requeueAfter",
      ms: 60_000,
    });
    expect(await pass(new Date(started.getTime() + 541_000))).toMatchObject({
      kind: "requeueAfter",
    });
    expect(await promotionEventsOf(env.name)).toStrictEqual(eventsBefore);
    expect((await promotion(app.name, run.id)).state).toBe("In Progress");
    expect(await pass(new Date(started.getTime() + 600_000))).toStrictEqual({ kind: "done" });
    const done = await promotion(app.name, run.id);
    expect(done).toMatchObject({
      state: "Complete",
      result: "Failure",
      message: `${env.name}: timed out after 10m`,
    });
    const name = `manual promotion ${run.id.slice(0, 8)} of ${app.name} snapshot "s1"`;
    expect((await promotionEventsOf(env.name)).slice(0, 2)).toStrictEqual([
      [
        "Warning",
        "PromotionCompleted",
        `${name} completed: Failure: ${env.name}: timed out after 10m`,
      ],
      ["Warning", "PromotionTimedOut", `${name} failed in ${env.name}: timed out after 10m`],
    ]);
  });

  it("gives each step its own 10 minutes from when it started, and names the one that timed out", async () => {
    const app = await arrangeApplication();
    const [parent, first, late] = [
      await readyEnvironment("steps-parent"),
      await readyEnvironment("steps-first"),
      await readyEnvironment("steps-late"),
    ];
    const db = database().db;
    const [s1] = await db
      .select()
      .from(snapshots)
      .where(and(eq(snapshots.applicationId, app.id), eq(snapshots.name, "s1")));
    // A run of two steps, as an automated promotion from the parent makes.
    const [run] = await db
      .insert(promotionRuns)
      .values({
        spaceId,
        applicationId: app.id,
        snapshotId: s1!.id,
        kind: "automated",
        sourceEnvironmentId: parent.id,
      })
      .returning();
    await db.insert(promotionSteps).values([
      { runId: run!.id, environmentId: first.id, position: 0 },
      { runId: run!.id, environmentId: late.id, position: 1 },
    ]);
    await requestReconcile(db, [reconcileKey("promotion", run!.id)]);
    const stepStart = (position: number) =>
      eventually(async () => {
        const [row] = await db
          .select()
          .from(promotionSteps)
          .where(and(eq(promotionSteps.runId, run!.id), eq(promotionSteps.position, position)));
        return row?.startedAt ?? undefined;
      }, `step ${position} to start`);
    // The first step took 9 of the run's 10 minutes.
    const nineMinutes = 540_000;
    const firstStarted = await stepStart(0);
    await db
      .update(promotionRuns)
      .set({ startedAt: new Date(firstStarted.getTime() - nineMinutes) })
      .where(eq(promotionRuns.id, run!.id));
    await db
      .update(promotionSteps)
      .set({ startedAt: new Date(firstStarted.getTime() - nineMinutes) })
      .where(and(eq(promotionSteps.runId, run!.id), eq(promotionSteps.position, 0)));
    await argoDeploys(app.name, first.name, "s1");
    const lateStarted = await stepStart(1);
    const pass = (now: Date) =>
      reconcilePromotion({
        db,
        log: testLogger,
        id: run!.id,
        now: () => now,
      } as unknown as TReconcileContext);
    // Nine minutes into the late step the run is 18 minutes old, and still waits on it.
    expect(await pass(new Date(lateStarted.getTime() + nineMinutes))).toStrictEqual({
      kind: "requeueAfter",
      ms: 60_000,
    });
    expect(await pass(new Date(lateStarted.getTime() + 600_000))).toStrictEqual({ kind: "done" });
    const done = await promotion(app.name, run!.id);
    expect(done).toMatchObject({
      state: "Complete",
      result: "Failure",
      message: `${late.name}: timed out after 10m`,
    });
    expect(done.steps.map((step) => [step.environment, step.result])).toStrictEqual([
      [first.name, "Success"],
      [late.name, "Failure"],
    ]);
  });

  it("refuses a second run while one is active, and a not-Ready environment, writing nothing", async () => {
    const app = await arrangeApplication();
    const env = await readyEnvironment("busy");
    const run = await owner.promotion.create({
      space: SPACE,
      application: app.name,
      snapshot: "s1",
      environment: env.name,
    });
    const db = database().db;
    // The promotion's own binding change is audited meanwhile: count promotion records only.
    const promotionAudits = async () =>
      (
        await db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.spaceId, spaceId), like(auditEvents.action, "promotion.%")))
      ).length;
    const auditBefore = await promotionAudits();
    const busy = await trpcError(
      owner.promotion.create({
        space: SPACE,
        application: app.name,
        snapshot: "s2",
        environment: env.name,
      }),
    );
    expect(busy.code).toBe("CONFLICT");
    expect(busy.message).toBe(
      `Promotion ${run.id} is already in progress for application "${app.name}"; promote again once it is complete.`,
    );
    const broken = await insertTestEnvironment(db, {
      spaceId,
      clusterId,
      name: `broken-${counter}`,
      generation: 2,
      status: {
        observedGeneration: 2,
        conditions: [
          {
            type: "Ready",
            status: "False",
            reason: "ApplyFailed",
            message: "exceeded quota: pods",
            observedGeneration: 2,
            lastTransitionTime: "2026-11-25T10:00:00.000Z",
          },
        ],
        lastError: "ResourceQuota refused: exceeded quota: pods",
      },
    });
    const other = await arrangeApplication();
    const refused = await trpcError(
      owner.promotion.create({
        space: SPACE,
        application: other.name,
        snapshot: "s1",
        environment: broken.name,
      }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toBe(
      `Environment "${broken.name}" is not Ready: ResourceQuota refused: exceeded quota: pods. Promote once it is Ready.`,
    );
    // Another application's snapshot is refused in words too.
    await db
      .insert(snapshots)
      .values({ applicationId: other.id, name: "only-other", displayName: "x" });
    const foreign = await trpcError(
      owner.promotion.create({
        space: SPACE,
        application: app.name,
        snapshot: "only-other",
        environment: env.name,
      }),
    );
    expect(foreign.message).toBe(
      `Snapshot "only-other" belongs to application "${other.name}"; a binding of "${app.name}" deploys only "${app.name}"'s snapshots.`,
    );
    expect(await runsOf(other.id)).toStrictEqual([]);
    expect((await runsOf(app.id)).map((r) => r.id)).toStrictEqual([run.id]);
    expect(await promotionAudits()).toBe(auditBefore);
  });

  it("cascades automatically dev → stage (AppStudioAutomated) but not to prod (Manual)", async () => {
    const app = await arrangeApplication();
    const dev = await readyEnvironment("dev");
    const stage = await readyEnvironment("stage", {
      parentId: dev.id,
      deploymentStrategy: "AppStudioAutomated",
    });
    const prod = await readyEnvironment("prod", {
      parentId: stage.id,
      deploymentStrategy: "Manual",
    });
    const manual = await owner.promotion.create({
      space: SPACE,
      application: app.name,
      snapshot: "s1",
      environment: dev.name,
    });
    await argoDeploys(app.name, dev.name, "s1");
    expect((await whenComplete(app.name, manual.id)).result).toBe("Success");

    const automated = await eventually(async () => {
      const runs = await runsOf(app.id);
      return runs.find((r) => r.kind === "automated");
    }, "an automated promotion to stage");
    await argoDeploys(app.name, stage.name, "s1");
    const done = await whenComplete(app.name, automated.id);
    expect(done).toMatchObject({
      kind: "automated",
      result: "Success",
      snapshot: { name: "s1" },
      sourceEnvironment: dev.name,
      createdBy: null,
      steps: [{ environment: stage.name, result: "Success" }],
    });

    // Stage's deployment changes nothing for prod (Manual), and dev's again starts nothing new.
    const db = database().db;
    const bindings = await db
      .select({
        id: snapshotEnvironmentBindings.id,
        environmentId: snapshotEnvironmentBindings.environmentId,
      })
      .from(snapshotEnvironmentBindings)
      .where(eq(snapshotEnvironmentBindings.applicationId, app.id));
    for (const b of bindings) bed.reconciler.enqueue(`binding/${b.id}`);
    await bed.reconciler.idle();
    expect(bindings.map((b) => b.environmentId).sort()).toStrictEqual([dev.id, stage.id].sort());
    expect((await runsOf(app.id)).map((r) => r.kind)).toStrictEqual(["manual", "automated"]);
    const [prodBinding] = await db
      .select()
      .from(snapshotEnvironmentBindings)
      .where(
        and(
          eq(snapshotEnvironmentBindings.applicationId, app.id),
          eq(snapshotEnvironmentBindings.environmentId, prod.id),
        ),
      );
    expect(prodBinding).toBeUndefined();

    // s2 bound to dev by hand: Argo CD still reports s1 there, Synced and Healthy, so the roll-up
    // says all deployed — yet nothing moves on until Argo CD reports s2's images.
    await owner.binding.update({
      space: SPACE,
      application: app.name,
      environment: dev.name,
      snapshot: "s2",
    });
    const devBinding = bindings.find((b) => b.environmentId === dev.id)!;
    await eventually(async () => {
      const [row] = await db
        .select()
        .from(snapshotEnvironmentBindings)
        .where(eq(snapshotEnvironmentBindings.id, devBinding.id));
      return row && isReady(row.status, row.generation) ? true : undefined;
    }, "dev's binding to apply s2");
    await bed.reconciler.idle();
    expect((await runsOf(app.id)).map((r) => r.kind)).toStrictEqual(["manual", "automated"]);
    await argoDeploys(app.name, dev.name, "s2");
    const next = await eventually(async () => {
      const runs = await runsOf(app.id);
      return runs.length === 3 ? runs[2] : undefined;
    }, "an automated promotion of s2 to stage");
    expect(next).toMatchObject({ kind: "automated", sourceEnvironmentId: dev.id });
  });
});
