import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  applications,
  environments,
  gitopsDeployments,
  promotionRuns,
  promotionSteps,
  snapshotEnvironmentBindings,
  snapshots,
} from "@/db/schema";
import { componentInput } from "@/testing/applications";
import { READY_STATUS } from "@/testing/environments";
import { testDatabaseKinds } from "@/testing/test-database";
import { useDeveloperSpaces } from "@/testing/use-developer-spaces";
import { useTestDatabase } from "@/testing/use-test-database";

describe.each(testDatabaseKinds())("application.stages and environment.deployed (%s)", (kind) => {
  const database = useTestDatabase(kind);
  const team = useDeveloperSpaces(database, "stages");

  /**
   * Environments dev, stage, prod and qa (being deleted); "shop" (web, api) runs s1 in dev, whose
   * deployments Argo CD reports on; "blog" runs b1 in stage.
   */
  async function arrange() {
    const space = await team.freshSpace();
    const db = database().db;
    const envs: Record<string, string> = {};
    for (const name of ["dev", "stage", "prod", "qa"]) {
      envs[name] = (await team.environment(space, name)).id;
    }
    await db
      .update(environments)
      .set({ deletionRequestedAt: new Date() })
      .where(eq(environments.id, envs.qa!));
    const make = async (application: string, comps: string[], snapshot: string, env: string) => {
      await space.api.application.create({
        space: space.name,
        name: application,
        displayName: application,
        components: comps.map((c) => componentInput(c)),
      });
      await space.api.snapshot.create({
        space: space.name,
        application,
        name: snapshot,
        displayName: snapshot,
        components: comps.map((c) => ({ name: c, containerImage: `quay.io/t/${c}:${snapshot}` })),
      });
      await space.api.binding.create({
        space: space.name,
        application,
        environment: env,
        snapshot,
      });
    };
    await make("shop", ["web", "api"], "s1", "dev");
    await make("blog", ["cms"], "b1", "stage");
    await space.api.binding.create({
      space: space.name,
      application: "blog",
      environment: "dev",
      snapshot: "b1",
    });
    const [binding] = await db
      .select()
      .from(snapshotEnvironmentBindings)
      .where(eq(snapshotEnvironmentBindings.environmentId, envs.dev!));
    const deployment = (component: string, healthStatus: string) => ({
      bindingId: binding!.id,
      componentName: component,
      argoCdClusterId: team.clusterId,
      argoCdNamespace: "argocd",
      applicationName: `shop-${component}`,
      syncMode: "automated" as const,
      manifest: {},
      syncStatus: "Synced",
      healthStatus,
      lastSyncedAt: new Date(component === "web" ? "2026-01-02T00:00:00Z" : "2026-01-01T00:00:00Z"),
    });
    await db
      .insert(gitopsDeployments)
      .values([deployment("web", "Progressing"), deployment("api", "Healthy")]);
    return space;
  }

  it("pages through every environment not being deleted, each with the application's snapshot and components", async () => {
    const space = await arrange();
    const ref = { space: space.name, application: "shop" };
    const first = await space.api.application.stages({ ...ref, limit: 2 });
    expect(first.next).not.toBeNull();
    const second = await space.api.application.stages({ ...ref, limit: 2, cursor: first.next! });
    expect(second.next).toBeNull();
    const rows = [...first.items, ...second.items];
    expect(rows.map((r) => r.environment.name)).toEqual(["dev", "stage", "prod"]);
    const [dev, stage, prod] = rows;
    expect(dev).toMatchObject({ snapshot: { name: "s1", displayName: "s1" } });
    expect(dev?.deployedAt).toBeInstanceOf(Date);
    expect(dev?.components.map((c) => [c.component, c.syncStatus, c.healthStatus])).toEqual([
      ["api", "Synced", "Healthy"],
      ["web", "Synced", "Progressing"],
    ]);
    // Another application's binding in stage is not shop's.
    expect(stage).toMatchObject({ snapshot: null, deployedAt: null, components: [] });
    expect(prod).toMatchObject({ snapshot: null, components: [] });
  });

  it("answers for an application of the space only", async () => {
    const space = await arrange();
    await expect(
      space.api.application.stages({ space: space.name, application: "nope" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("environment.deployed pages through every application bound to the environment", async () => {
    const space = await arrange();
    const ref = { space: space.name, environment: "dev" };
    const first = await space.api.environment.deployed({ ...ref, limit: 1 });
    expect(first.next).not.toBeNull();
    const second = await space.api.environment.deployed({ ...ref, limit: 1, cursor: first.next! });
    expect(second.next).toBeNull();
    expect([...first.items, ...second.items]).toEqual([
      { application: "blog", snapshot: "b1", components: [], lastSyncedAt: null },
      {
        application: "shop",
        snapshot: "s1",
        components: [
          { component: "api", syncStatus: "Synced", healthStatus: "Healthy" },
          { component: "web", syncStatus: "Synced", healthStatus: "Progressing" },
        ],
        // The newest sync of any of its components.
        lastSyncedAt: new Date("2026-01-02T00:00:00Z"),
      },
    ]);
    expect((await space.api.environment.deployed({ ...ref, environment: "prod" })).items).toEqual(
      [],
    );
  });

  it("shows a failed automated promotion until someone promotes by hand, which is allowed", async () => {
    const space = await arrange();
    const db = database().db;
    const [shop] = await db
      .select()
      .from(applications)
      .where(and(eq(applications.spaceId, space.id), eq(applications.name, "shop")));
    const [s1] = await db.select().from(snapshots).where(eq(snapshots.applicationId, shop!.id));
    const envId = async (name: string) =>
      (
        await db
          .select()
          .from(environments)
          .where(and(eq(environments.spaceId, space.id), eq(environments.name, name)))
      )[0]!.id;
    const [run] = await db
      .insert(promotionRuns)
      .values({
        spaceId: space.id,
        applicationId: shop!.id,
        snapshotId: s1!.id,
        kind: "automated",
        sourceEnvironmentId: await envId("dev"),
        state: "Complete",
        result: "Failure",
        message: "stage: timed out after 10m",
      })
      .returning();
    await db.insert(promotionSteps).values({
      runId: run!.id,
      environmentId: await envId("stage"),
      position: 0,
      state: "Complete",
      result: "Failure",
      message: "timed out after 10m",
    });
    const ref = { space: space.name, application: "shop" };
    const failures = async () =>
      Object.fromEntries(
        (await space.api.application.stages(ref)).items.map((r) => [
          r.environment.name,
          r.automatedFailure,
        ]),
      );
    expect(await failures()).toEqual({
      dev: null,
      stage: { snapshot: "s1", message: "timed out after 10m" },
      prod: null,
    });
    // Promoting the same snapshot by hand is the retry.
    await db
      .update(environments)
      .set({ status: READY_STATUS })
      .where(eq(environments.id, await envId("stage")));
    await space.api.promotion.create({ ...ref, environment: "stage", snapshot: "s1" });
    expect(await failures()).toEqual({ dev: null, stage: null, prod: null });
  });
});
