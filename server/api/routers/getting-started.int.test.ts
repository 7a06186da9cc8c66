import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { componentInput } from "@/testing/applications";
import { callerFor, createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { environmentInput } from "@/testing/environments";
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
const NOT_BUILT = ["register-cluster", "first-deployment"];

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

  it("shows a new user sign-in done, create-space to do, and the rest coming without links", async () => {
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
    // No space yet: the environment and application steps wait for one, with no link.
    for (const id of ["add-environment", "create-application"]) {
      expect(byId[id], id).toMatchObject({ state: "todo" });
      expect(byId[id]?.href, id).toBeUndefined();
    }
    for (const id of NOT_BUILT) {
      expect(byId[id]?.state, id).toBe("coming");
      expect(byId[id]?.href, id).toBeUndefined();
    }
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
    for (const id of NOT_BUILT) expect(steps[id]?.state, id).toBe("coming");
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
    // The cluster step tells an admin where they will register clusters, and stays "coming".
    expect(steps["register-cluster"]).toMatchObject({ state: "coming" });
    expect(steps["register-cluster"]?.description).toContain("As an admin");
    const userSteps = await stepsFor(callerFor(handle.db, owner));
    expect(userSteps["register-cluster"]?.description).not.toContain("As an admin");
  });
});
