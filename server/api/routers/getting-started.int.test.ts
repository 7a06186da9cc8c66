import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  gitopsDeployments,
  promotionRuns,
  snapshotEnvironmentBindings,
  snapshots,
  spaces,
} from "@/db/schema";
import { arrangeApplication, componentInput } from "@/testing/applications";
import { callerFor, createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { environmentInput, insertTestEnvironment } from "@/testing/environments";
import { joinByInvitation } from "@/testing/join-space";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

const STEP_IDS = [
  "sign-in",
  "register-cluster",
  "create-space",
  "add-environment",
  "create-application",
  "first-deployment",
];

describe.each(testDatabaseKinds())("getting started (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let handle: DatabaseHandle;

  beforeAll(() => {
    handle = database();
  });

  async function stepsFor(api: ReturnType<typeof callerFor>) {
    const { steps } = await api.gettingStarted.get();
    return Object.fromEntries(steps.map((step) => [step.id, step]));
  }

  it("makes register-cluster done once a cluster exists, linking the form only for admins", async () => {
    // First in the file: the database, fresh per describe block, has no cluster yet.
    const admin = await createTestUser(handle.db, "cluster-admin", { isAdmin: true });
    const user = await createTestUser(handle.db, "cluster-user");
    expect((await stepsFor(callerFor(handle.db, admin)))["register-cluster"]).toEqual(
      expect.objectContaining({ state: "todo", href: "/admin/clusters/new" }),
    );
    const userStep = (await stepsFor(callerFor(handle.db, user)))["register-cluster"];
    expect(userStep).toMatchObject({ state: "todo" });
    expect(userStep?.href).toBeUndefined();
    await insertTestCluster(handle.db, "gs-first-cluster");
    for (const who of [admin, user]) {
      const step = (await stepsFor(callerFor(handle.db, who)))["register-cluster"];
      expect(step).toMatchObject({ state: "done" });
      expect(step?.href).toBeUndefined();
    }
  });

  it("shows a new user sign-in done, create-space to do, and the rest to do without links", async () => {
    const user = await createTestUser(handle.db, "newbie");
    const { steps } = await callerFor(handle.db, user).gettingStarted.get();

    expect(steps.map((s) => s.id)).toEqual(STEP_IDS);
    for (const step of steps) {
      expect(step.title.length, step.id).toBeGreaterThan(0);
      expect(step.description.length, step.id).toBeGreaterThan(0);
    }
    const byId = Object.fromEntries(steps.map((s) => [s.id, s]));
    expect(byId["sign-in"]).toMatchObject({ state: "done" });
    expect(byId["sign-in"]?.href).toBeUndefined();
    expect(byId["create-space"]).toMatchObject({ state: "todo", href: "/spaces/new" });
    // No space yet: the environment, application and deployment steps wait for one, with no link.
    for (const id of ["add-environment", "create-application", "first-deployment"]) {
      expect(byId[id], id).toMatchObject({ state: "todo" });
      expect(byId[id]?.href, id).toBeUndefined();
    }
    // Only admins register clusters: a user never gets the link.
    expect(byId["register-cluster"]?.href).toBeUndefined();
  });

  it("marks create-space done, without a link, once the user has created a space", async () => {
    const user = await createTestUser(handle.db, "creator");
    const api = callerFor(handle.db, user);
    expect((await stepsFor(api))["create-space"]?.state).toBe("todo");

    await api.space.create({ name: "first-space", displayName: "First" });

    const steps = await stepsFor(api);
    expect(steps["create-space"]).toMatchObject({ state: "done" });
    expect(steps["create-space"]?.href).toBeUndefined();
    expect(steps["sign-in"]?.state).toBe("done");
  });

  it("counts membership of someone else's space as having a space, and only the user's own memberships", async () => {
    const owner = await createTestUser(handle.db, "host");
    const guest = await createTestUser(handle.db, "guest");
    const bystander = await createTestUser(handle.db, "bystander");
    await callerFor(handle.db, owner).space.create({ name: "hosted", displayName: "Hosted" });

    // Someone else's space existing does not tick the step.
    expect((await stepsFor(callerFor(handle.db, guest)))["create-space"]).toMatchObject({
      state: "todo",
    });

    await joinByInvitation(handle.db, owner, "hosted", guest, "viewer");
    const guestSteps = await stepsFor(callerFor(handle.db, guest));
    expect(guestSteps["create-space"]).toMatchObject({ state: "done" });
    expect(guestSteps["create-space"]?.href).toBeUndefined();

    expect((await stepsFor(callerFor(handle.db, bystander)))["create-space"]).toMatchObject({
      state: "todo",
      href: "/spaces/new",
    });

    // Leaving the only space puts the step back to do.
    await callerFor(handle.db, guest).member.leave({ space: "hosted" });
    expect((await stepsFor(callerFor(handle.db, guest)))["create-space"]).toMatchObject({
      state: "todo",
      href: "/spaces/new",
    });
  });

  it("links the environment form of a space the user may create in, and is done once one exists", async () => {
    const user = await createTestUser(handle.db, "builder");
    const api = callerFor(handle.db, user);
    await api.space.create({ name: "build-space", displayName: "Build" });
    expect((await stepsFor(api))["add-environment"]).toEqual(
      expect.objectContaining({ state: "todo", href: "/spaces/build-space/environments/new" }),
    );
    const cluster = await insertTestCluster(handle.db, "gs-cluster");
    await api.environment.create(
      environmentInput("build-space", cluster.id, { name: "dev", type: "dev" }),
    );
    const steps = await stepsFor(api);
    expect(steps["add-environment"]).toMatchObject({ state: "done" });
    expect(steps["add-environment"]?.href).toBeUndefined();
  });

  it("links the Create App form of a space the user may create in, and is done once one exists", async () => {
    const owner = await createTestUser(handle.db, "app-maker");
    const viewer = await createTestUser(handle.db, "app-watcher");
    const api = callerFor(handle.db, owner);
    await api.space.create({ name: "app-space", displayName: "Apps" });
    await joinByInvitation(handle.db, owner, "app-space", viewer, "viewer");
    expect((await stepsFor(api))["create-application"]).toEqual(
      expect.objectContaining({ state: "todo", href: "/spaces/app-space/applications/new" }),
    );
    // A viewer cannot create one: the step is to do, but with no link.
    const viewerStep = (await stepsFor(callerFor(handle.db, viewer)))["create-application"];
    expect(viewerStep).toMatchObject({ state: "todo" });
    expect(viewerStep?.href).toBeUndefined();
    await api.application.create({
      space: "app-space",
      name: "shop",
      displayName: "Shop",
      components: [componentInput("web")],
    });
    for (const user of [owner, viewer]) {
      const step = (await stepsFor(callerFor(handle.db, user)))["create-application"];
      expect(step).toMatchObject({ state: "done" });
      expect(step?.href).toBeUndefined();
    }
  });

  it("does not count an admin's implicit access to every space as having one", async () => {
    const owner = await createTestUser(handle.db, "landlord");
    await callerFor(handle.db, owner).space.create({ name: "rented", displayName: "Rented" });
    const admin = await createTestUser(handle.db, "superuser", { isAdmin: true });
    const steps = await stepsFor(callerFor(handle.db, admin));
    expect(steps["create-space"]).toMatchObject({ state: "todo", href: "/spaces/new" });
    expect(steps["register-cluster"]?.description).toContain("As an admin");
    const userSteps = await stepsFor(callerFor(handle.db, owner));
    expect(userSteps["register-cluster"]?.description).not.toContain("As an admin");
  });

  it("links the first application's promotion page, and is done once a deployment is Synced and Healthy or a promotion succeeded", async () => {
    const owner = await createTestUser(handle.db, "deployer");
    const api = callerFor(handle.db, owner);
    await api.space.create({ name: "deploy-space", displayName: "Deploy" });
    const [space] = await handle.db.select().from(spaces).where(eq(spaces.name, "deploy-space"));
    const cluster = await insertTestCluster(handle.db, "gs-deploy-cluster");
    const environment = await insertTestEnvironment(handle.db, {
      spaceId: space!.id,
      name: "gs-dev",
      clusterId: cluster.id,
    });
    const fixture = await arrangeApplication(handle.db, space!.id, environment.id);
    expect((await stepsFor(api))["first-deployment"]).toEqual(
      expect.objectContaining({
        state: "todo",
        href: "/spaces/deploy-space/applications/shop/promotion",
      }),
    );
    // Argo CD reporting the bound component Synced but still Progressing is not a deployment yet.
    const [binding] = await handle.db.select().from(snapshotEnvironmentBindings);
    const [deployment] = await handle.db
      .insert(gitopsDeployments)
      .values({
        bindingId: binding!.id,
        componentName: fixture.component,
        argoCdClusterId: cluster.id,
        argoCdNamespace: "argocd",
        applicationName: "shop-web",
        syncMode: "automated",
        manifest: {},
        syncStatus: "Synced",
        healthStatus: "Progressing",
      })
      .returning();
    expect((await stepsFor(api))["first-deployment"]?.state).toBe("todo");
    await handle.db
      .update(gitopsDeployments)
      .set({ healthStatus: "Healthy" })
      .where(eq(gitopsDeployments.id, deployment!.id));
    const done = (await stepsFor(api))["first-deployment"];
    expect(done).toMatchObject({ state: "done" });
    expect(done?.href).toBeUndefined();

    // A promotion run that completed with Success counts too, without any deployment.
    await handle.db.delete(gitopsDeployments);
    expect((await stepsFor(api))["first-deployment"]?.state).toBe("todo");
    const [snapshot] = await handle.db
      .select()
      .from(snapshots)
      .where(eq(snapshots.applicationId, fixture.applicationId))
      .limit(1);
    await handle.db.insert(promotionRuns).values({
      spaceId: space!.id,
      applicationId: fixture.applicationId,
      snapshotId: snapshot!.id,
      kind: "manual",
      targetEnvironmentId: environment.id,
      createdBy: owner.id,
      state: "Complete",
      result: "Success",
      completedAt: new Date(),
    });
    expect((await stepsFor(api))["first-deployment"]?.state).toBe("done");
  });
});
