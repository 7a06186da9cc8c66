// Promotion runs through the declarative API: an export carries a space's promotion history and
// an import into an empty space reproduces it — the runs, their steps and the environments'
// history — as finished history that nothing starts.
import { and, count, eq } from "drizzle-orm";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applications,
  auditEvents,
  DEFAULT_PROMOTION_TIMEOUT_SECONDS,
  environments,
  promotionRuns,
} from "@/db/schema";
import { DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { componentInput } from "@/testing/applications";
import { createTestUser, type TTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { applicationDocument, yamlStream, type TYamlDocument } from "@/testing/declarative";
import { spaceWithContributor } from "@/testing/join-space";
import { insertPromotionRun } from "@/testing/promotions";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { promotionReconciler } from "@/server/reconciler/reconcile-promotion";
import { NOT_RESUMED } from "@/server/services/declarative/kinds/promotion-run-history";

describe.each(testDatabaseKinds())("declarative promotion runs (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let owner: TTestUser;
  let developer: TTestUser;
  let clusterId: string;
  let n = 0;

  beforeAll(async () => {
    const db = database().db;
    owner = await createTestUser(db, "runs-owner");
    developer = await createTestUser(db, "runs-dev");
    clusterId = (await insertTestCluster(db, "runs-cluster")).id;
  });

  const emptySpace = async (prefix: string) => {
    n += 1;
    return spaceWithContributor(database().db, owner, developer, `${prefix}-${n}`);
  };

  const idsOf = async (spaceId: string) => {
    const db = database().db;
    const envs = await db
      .select({ id: environments.id, name: environments.name })
      .from(environments)
      .where(eq(environments.spaceId, spaceId));
    const [app] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.spaceId, spaceId), eq(applications.name, "shop")));
    const env = (name: string) => envs.find((e) => e.name === name)?.id ?? "";
    return { applicationId: app?.id ?? "", env };
  };

  /**
   * dev → stage (automated), application "shop" with snapshots s1, s2, s3 and this history:
   * s1 to dev, s1 on to stage (automated), s2 to dev, s3 to dev failed, rollback of dev to s1,
   * and s2 on to stage still in progress when the space is exported.
   */
  async function arrangeHistory() {
    const space = await emptySpace("runs-src");
    const { api } = space;
    const ref = { space: space.name };
    const dev = await api.environment.create({
      ...ref,
      name: "dev",
      displayName: "Development",
      type: "dev",
      clusterId,
      quota: DEFAULT_QUOTA.dev,
    });
    await api.environment.create({
      ...ref,
      name: "stage",
      displayName: "Stage",
      type: "stage",
      clusterId,
      parentId: dev.id,
      deploymentStrategy: "AppStudioAutomated",
      quota: DEFAULT_QUOTA.stage,
    });
    await api.application.create({
      ...ref,
      name: "shop",
      displayName: "Shop",
      components: [componentInput("web")],
    });
    for (const name of ["s1", "s2", "s3"]) {
      await api.snapshot.create({
        ...ref,
        application: "shop",
        name,
        displayName: name,
        components: [{ name: "web", containerImage: `quay.io/team/web:${name}` }],
      });
    }
    await api.binding.create({ ...ref, application: "shop", environment: "dev", snapshot: "s1" });
    await api.binding.create({ ...ref, application: "shop", environment: "stage", snapshot: "s2" });
    const { applicationId, env } = await idsOf(space.id);
    const db = database().db;
    const common = { spaceId: space.id, applicationId };
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute, 0, 123));
    const success = { state: "Complete", result: "Success" } as const;
    await insertPromotionRun(db, {
      ...common,
      snapshot: "s1",
      kind: "manual",
      environmentId: env("dev"),
      ...success,
      message: "deployed to dev",
      at: at(1),
      steps: [{ environmentId: env("dev"), ...success, message: "s1 is running in dev" }],
    });
    await insertPromotionRun(db, {
      ...common,
      snapshot: "s1",
      kind: "automated",
      environmentId: env("dev"),
      ...success,
      at: at(2),
      steps: [{ environmentId: env("stage"), ...success }],
    });
    await insertPromotionRun(db, {
      ...common,
      snapshot: "s2",
      kind: "manual",
      environmentId: env("dev"),
      ...success,
      at: at(3),
      steps: [{ environmentId: env("dev"), ...success, previous: "s1" }],
    });
    await insertPromotionRun(db, {
      ...common,
      snapshot: "s3",
      kind: "manual",
      environmentId: env("dev"),
      state: "Complete",
      result: "Failure",
      message: "dev: web is Degraded",
      at: at(4),
      steps: [
        {
          environmentId: env("dev"),
          state: "Complete",
          result: "Failure",
          message: "web is Degraded",
          previous: "s2",
        },
      ],
    });
    await insertPromotionRun(db, {
      ...common,
      snapshot: "s1",
      kind: "rollback",
      environmentId: env("dev"),
      ...success,
      at: at(5),
      steps: [{ environmentId: env("dev"), ...success, previous: "s3" }],
    });
    await insertPromotionRun(db, {
      ...common,
      snapshot: "s2",
      kind: "automated",
      environmentId: env("dev"),
      state: "In Progress",
      at: at(6),
      steps: [
        { environmentId: env("stage"), state: "In Progress", message: "waiting for Argo CD" },
      ],
    });
    return space;
  }

  /** Runs and history as people read them, without ids. */
  async function historyOf(space: Awaited<ReturnType<typeof emptySpace>>) {
    const app = { space: space.name, application: "shop" };
    const runs = await space.api.promotion.list({ ...app, limit: 50 });
    const history = async (environment: string) =>
      (await space.api.promotion.history({ ...app, environment, limit: 50 })).items.map(
        ({ promotionId: _id, ...entry }) => entry,
      );
    return {
      runs: runs.items.map(({ id: _id, createdBy: _by, ...run }) => run),
      dev: await history("dev"),
      stage: await history("stage"),
    };
  }

  const runCount = async () =>
    Number((await database().db.select({ c: count() }).from(promotionRuns))[0]?.c);
  const auditCount = async () =>
    Number((await database().db.select({ c: count() }).from(auditEvents))[0]?.c);

  it("imports an export's runs into an empty space as history: same runs, steps and environment history, nothing started", async () => {
    const source = await arrangeHistory();
    const exported = await source.api.declarative.export({ space: source.name });
    const docs = parseAllDocuments(exported.yaml).map((d) => d.toJS() as TYamlDocument);
    const runDocs = docs.filter((d) => d.kind === "PromotionRun");
    expect(runDocs).toHaveLength(6);
    // Upstream's shape, with Slipway's own fields for what upstream has no field for.
    expect(runDocs[2]).toMatchObject({
      metadata: {
        creationTimestamp: "2026-11-25T10:03:00.123Z",
        annotations: { "slipway.dev/kind": "manual" },
      },
      spec: { snapshot: "s2", application: "shop", manualPromotion: { targetEnvironment: "dev" } },
      status: {
        state: "Complete",
        completionResult: "Success",
        promotionStartTime: "2026-11-25T10:03:00.123Z",
        completionTime: "2026-11-25T10:03:00.123Z",
        environmentStatus: [
          {
            step: 1,
            environmentName: "dev",
            status: "Success",
            previousSnapshot: "s1",
            startTime: "2026-11-25T10:03:00.123Z",
            completionTime: "2026-11-25T10:03:00.123Z",
          },
        ],
      },
    });

    const target = await emptySpace("runs-dst");
    const plan = await target.api.declarative.plan({ space: target.name, yaml: exported.yaml });
    expect(plan.errors).toEqual([]);
    const runItems = plan.items.filter((i) => i.kind === "PromotionRun");
    expect(runItems.map((i) => i.action)).toEqual(Array(6).fill("create"));
    expect(runItems.map((i) => i.notes.length)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(runItems[5]?.notes[0]).toContain("was In Progress when exported");

    await target.api.declarative.import({ space: target.name, yaml: exported.yaml });
    const before = await historyOf(source);
    const after = await historyOf(target);
    // The run caught in progress comes in finished, as Failure, and is not resumed.
    const [inProgress, ...finished] = before.runs;
    expect(after.runs.slice(1)).toEqual(finished);
    expect(after.runs[0]).toEqual({
      ...inProgress,
      state: "Complete",
      result: "Failure",
      message: NOT_RESUMED,
      completedAt: null,
      steps: [
        { ...inProgress?.steps[0], state: "Complete", result: "Failure", message: NOT_RESUMED },
      ],
    });
    expect(after.dev).toEqual(before.dev);
    expect(after.dev.map((h) => [h.kind, h.snapshot.name, h.previousSnapshot])).toEqual([
      ["rollback", "s1", "s3"],
      ["manual", "s2", "s1"],
      ["manual", "s1", null],
    ]);
    expect(after.stage).toEqual(before.stage);
    // Each imported run is the importing user's, with the default timeout.
    const imported = await target.api.promotion.list({
      space: target.name,
      application: "shop",
      limit: 50,
    });
    expect(imported.items.map((r) => [r.createdBy, r.timeoutSeconds])).toEqual(
      Array(6).fill([developer.username, DEFAULT_PROMOTION_TIMEOUT_SECONDS]),
    );

    // Nothing to do for the reconciler or the automated starter: every imported run is Complete.
    const { applicationId } = await idsOf(target.id);
    const open = await database()
      .db.select({ id: promotionRuns.id })
      .from(promotionRuns)
      .where(and(eq(promotionRuns.applicationId, applicationId)));
    const keys = await promotionReconciler.listKeys?.(database().db);
    expect(open).toHaveLength(6);
    for (const run of open) expect(keys).not.toContain(`promotion/${run.id}`);
    const trail = await database()
      .db.select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.spaceId, target.id), eq(auditEvents.action, "promotion.import")));
    expect(trail).toHaveLength(6);

    // The imported runs keep their names, so the same YAML again changes nothing.
    const again = await target.api.declarative.export({ space: target.name });
    const againRuns = parseAllDocuments(again.yaml)
      .map((d) => d.toJS() as TYamlDocument)
      .filter((d) => d.kind === "PromotionRun");
    expect(againRuns.map((d) => d.metadata)).toEqual(runDocs.map((d) => d.metadata));
    expect(againRuns.slice(0, 5)).toEqual(runDocs.slice(0, 5));
    const replan = await target.api.declarative.plan({ space: target.name, yaml: exported.yaml });
    expect(replan.items.every((i) => i.action === "unchanged")).toBe(true);
    expect(replan.applicable).toBe(false);
    // And the source space plans its own export unchanged too (names made from the run ids).
    const selfPlan = await source.api.declarative.plan({ space: source.name, yaml: exported.yaml });
    expect(selfPlan.items.every((i) => i.action === "unchanged")).toBe(true);
  });

  describe("bad PromotionRun documents are refused by name and field, and nothing is written", () => {
    let space: Awaited<ReturnType<typeof emptySpace>>;
    let runDoc: TYamlDocument;
    beforeAll(async () => {
      space = await arrangeHistory();
      const exported = await space.api.declarative.export({ space: space.name });
      const docs = parseAllDocuments(exported.yaml).map((d) => d.toJS() as TYamlDocument);
      runDoc = docs.filter((d) => d.kind === "PromotionRun")[2] as TYamlDocument;
    });

    /** A new application "cart" (valid) and the run made bad by `change`: the import refuses both. */
    async function expectRefused(change: (doc: TYamlDocument) => TYamlDocument, error: object) {
      const bad = change({
        ...structuredClone(runDoc),
        metadata: { ...(runDoc.metadata as object), name: "shop-manual-imported" },
      });
      const yaml = yamlStream([applicationDocument("cart"), bad]);
      const plan = await space.api.declarative.plan({ space: space.name, yaml });
      expect(plan.errors).toEqual([expect.objectContaining({ index: 1, ...error })]);
      const [runs, audit] = [await runCount(), await auditCount()];
      const refusal = await trpcError(space.api.declarative.import({ space: space.name, yaml }));
      expect(refusal.message).toContain("Nothing was imported: document 1 (PromotionRun");
      expect([await runCount(), await auditCount()]).toEqual([runs, audit]);
      const apps = await space.api.application.list({ space: space.name, limit: 50 });
      expect(apps.items.map((a) => a.name)).not.toContain("cart");
    }

    const withStatus = (doc: TYamlDocument, status: object) => ({
      ...doc,
      status: { ...(doc.status as object), ...status },
    });
    const firstStep = (doc: TYamlDocument, step: object) => {
      const status = doc.status as { environmentStatus: object[] };
      return withStatus(doc, { environmentStatus: [{ ...status.environmentStatus[0], ...step }] });
    };

    it("without status", () =>
      expectRefused(({ status: _s, ...doc }) => doc, {
        path: "status",
        message: expect.stringContaining("imported as history and needs the status") as unknown,
      }));

    it("a snapshot the application does not have", () =>
      expectRefused((doc) => ({ ...doc, spec: { ...(doc.spec as object), snapshot: "s9" } }), {
        path: "spec.snapshot",
        message: 'Application "shop" has no snapshot "s9" in the space or the YAML.',
      }));

    it("a step in an environment that does not exist", () =>
      expectRefused(
        (doc) => ({
          ...firstStep(doc, { environmentName: "qa" }),
          spec: {
            snapshot: "s3",
            application: "shop",
            automatedPromotion: { initialEnvironment: "dev" },
          },
          metadata: {
            ...(doc.metadata as object),
            annotations: { "slipway.dev/kind": "automated" },
          },
        }),
        {
          path: "status.environmentStatus[0].environmentName",
          message: 'No environment "qa" in the space or the YAML.',
        },
      ));

    it("a previous snapshot the application does not have", () =>
      expectRefused((doc) => firstStep(doc, { previousSnapshot: "s0" }), {
        path: "status.environmentStatus[0].previousSnapshot",
        message: 'Application "shop" has no snapshot "s0" in the space or the YAML.',
      }));

    it("Complete without a completionResult", () =>
      expectRefused(
        (doc) => {
          const { completionResult: _r, ...status } = doc.status as Record<string, unknown>;
          return { ...doc, status };
        },
        {
          path: "status.completionResult",
          message: "completionResult is set exactly when state is Complete.",
        },
      ));

    it("an automated run the space already has under another name", async () => {
      const exported = await space.api.declarative.export({ space: space.name });
      const automated = parseAllDocuments(exported.yaml)
        .map((d) => d.toJS() as TYamlDocument)
        .find((d) => (d.metadata as { name: string }).name.includes("-automated-"));
      const renamed = {
        ...automated,
        metadata: { ...(automated?.metadata as object), name: "shop-automated-again" },
      };
      const plan = await space.api.declarative.plan({
        space: space.name,
        yaml: yamlStream([renamed]),
      });
      expect(plan.items).toEqual([
        expect.objectContaining({
          action: "refused",
          reason: expect.stringContaining(
            'already promoted snapshot "s1" of "shop" on from "dev": a snapshot moves on automatically from an environment once.',
          ) as unknown,
        }),
      ]);
    });
  });
});
