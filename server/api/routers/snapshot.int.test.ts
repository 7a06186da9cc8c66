import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, snapshotComponents, snapshots } from "@/db/schema";
import { componentInput } from "@/testing/applications";
import { lastAuditOf } from "@/testing/audit-trail";
import { fieldErrorsOf } from "@/testing/field-errors";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useDeveloperSpaces } from "@/testing/use-developer-spaces";
import { useTestDatabase } from "@/testing/use-test-database";

describe.each(testDatabaseKinds())("snapshots (%s)", (kind) => {
  const database = useTestDatabase(kind);
  const team = useDeveloperSpaces(database, "snap");

  /** A fresh space with application "shop" (components web and api) and environment "dev". */
  async function shop() {
    const space = await team.freshSpace();
    await space.api.application.create({
      space: space.name,
      name: "shop",
      displayName: "Shop",
      components: [componentInput("web"), componentInput("api")],
    });
    await team.environment(space, "dev");
    const ref = { space: space.name, application: "shop" };
    return { ...space, ref };
  }

  const snapshotInput = (name: string, images: Record<string, string>) => ({
    name,
    displayName: name,
    components: Object.entries(images).map(([component, containerImage]) => ({
      name: component,
      containerImage,
    })),
  });

  const counts = async () => {
    const db = database().db;
    const [s, c, a] = await Promise.all([
      db.select().from(snapshots),
      db.select().from(snapshotComponents),
      db.select().from(auditEvents),
    ]);
    return [s.length, c.length, a.length];
  };

  it("creates a snapshot by API with its images and artifacts, audited", async () => {
    const space = await shop();
    const created = await space.api.snapshot.create({
      ...space.ref,
      name: "rc-1",
      displayName: "Release candidate 1",
      description: "Passed the smoke tests.",
      components: [
        { name: "web", containerImage: "quay.io/team/web:1.4.2" },
        { name: "api", containerImage: "quay.io/team/api@sha256:" + "b".repeat(64) },
      ],
      artifacts: { build: { id: 1234, url: "https://ci.example.com/1234" }, tested: true },
    });
    expect(created).toMatchObject({
      name: "rc-1",
      createdBy: team.developer.id,
      artifacts: { build: { id: 1234, url: "https://ci.example.com/1234" }, tested: true },
      components: [
        { name: "api", containerImage: "quay.io/team/api@sha256:" + "b".repeat(64) },
        { name: "web", containerImage: "quay.io/team/web:1.4.2" },
      ],
    });
    const got = await space.api.snapshot.get({ ...space.ref, snapshot: "rc-1" });
    expect(got).toMatchObject({
      displayName: "Release candidate 1",
      description: "Passed the smoke tests.",
      components: created.components,
      boundTo: [],
    });
    expect(await lastAuditOf(database().db, space.id)).toMatchObject({
      action: "snapshot.create",
      targetType: "snapshot",
      targetId: "shop/rc-1",
      after: {
        components: {
          web: "quay.io/team/web:1.4.2",
          api: "quay.io/team/api@sha256:" + "b".repeat(64),
        },
      },
    });
  });

  it("refuses a component the application lacks, naming it, and writes nothing", async () => {
    const space = await shop();
    await space.api.application.create({
      space: space.name,
      name: "blog",
      displayName: "Blog",
      components: [componentInput("cms")],
    });
    const before = await counts();
    expect(
      await fieldErrorsOf(
        space.api.snapshot.create({
          ...space.ref,
          ...snapshotInput("bad", { web: "quay.io/team/web:1", cms: "quay.io/team/cms:1" }),
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: { "components.1.name": ['Application "shop" has no component "cms".'] },
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses bad images, a repeated component, bad artifacts and a taken name", async () => {
    const space = await shop();
    const refusal = await fieldErrorsOf(
      space.api.snapshot.create({
        ...space.ref,
        name: "bad",
        displayName: "Bad",
        components: [
          { name: "web", containerImage: "https://quay.io/team/web:1" },
          { name: "web", containerImage: "quay.io/team/web:-x" },
        ],
        artifacts: ["not", "an", "object"],
      }),
    );
    expect(refusal).toEqual({
      code: "BAD_REQUEST",
      fields: {
        "components.0.containerImage": [
          "Leave out the scheme (https://, docker://): write registry/path:tag.",
        ],
        "components.1.containerImage": [
          "A tag has at most 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'.",
        ],
        "components.1.name": [
          'Component "web" is listed twice; a snapshot holds one image per component.',
        ],
        artifacts: ['Artifacts must be a JSON object, like {"build": "1234"}.'],
      },
    });
    // Postgres refuses NUL in jsonb; the schema says so first, on the field.
    expect(
      await fieldErrorsOf(
        space.api.snapshot.create({
          ...space.ref,
          ...snapshotInput("nul", { web: "quay.io/team/web:1" }),
          artifacts: { note: "a\u0000b" },
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: { artifacts: ["Artifacts must not contain control characters."] },
    });
    await space.api.snapshot.create({
      ...space.ref,
      ...snapshotInput("taken", { web: "quay.io/team/web:1" }),
    });
    expect(
      await fieldErrorsOf(
        space.api.snapshot.create({
          ...space.ref,
          ...snapshotInput("taken", { api: "quay.io/team/api:1" }),
        }),
      ),
    ).toEqual({
      code: "CONFLICT",
      fields: { name: ['This application already has a snapshot named "taken".'] },
    });
  });

  it("edits only the display name and description; components and artifacts are refused", async () => {
    const space = await shop();
    await space.api.snapshot.create({
      ...space.ref,
      ...snapshotInput("s1", { web: "quay.io/team/web:1" }),
      artifacts: { build: "1" },
    });
    const edited = await space.api.snapshot.update({
      ...space.ref,
      snapshot: "s1",
      displayName: "Known good",
      description: "Ran a week in stage.",
    });
    expect(edited).toMatchObject({
      displayName: "Known good",
      description: "Ran a week in stage.",
    });
    expect(await lastAuditOf(database().db, space.id)).toMatchObject({
      action: "snapshot.update",
      before: { displayName: "s1", description: "" },
      after: { displayName: "Known good", description: "Ran a week in stage." },
    });
    // Leaving the description out keeps it.
    expect(
      await space.api.snapshot.update({ ...space.ref, snapshot: "s1", displayName: "Known good!" }),
    ).toMatchObject({ displayName: "Known good!", description: "Ran a week in stage." });
    const before = await counts();
    const message =
      "A snapshot's components, images and artifacts never change: create a new snapshot instead.";
    expect(
      await fieldErrorsOf(
        space.api.snapshot.update({
          ...space.ref,
          snapshot: "s1",
          displayName: "Sneaky",
          components: [{ name: "web", containerImage: "quay.io/evil/web:1" }],
          artifacts: { build: "2" },
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: { components: [message], artifacts: [message] } });
    expect(await counts()).toEqual(before);
    const got = await space.api.snapshot.get({ ...space.ref, snapshot: "s1" });
    expect(got).toMatchObject({
      displayName: "Known good!",
      artifacts: { build: "1" },
      components: [{ name: "web", containerImage: "quay.io/team/web:1" }],
    });
  });

  it("lists newest first, a page at a time, each with its images", async () => {
    const space = await shop();
    for (const [index, name] of ["one", "two", "three"].entries()) {
      const created = await space.api.snapshot.create({
        ...space.ref,
        ...snapshotInput(name, {
          web: `quay.io/team/web:${name}`,
          api: `quay.io/team/api:${name}`,
        }),
      });
      // Creation times a second apart, so the order does not hang on the clock's resolution.
      await database()
        .db.update(snapshots)
        .set({ createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, index)) })
        .where(eq(snapshots.id, created.id));
    }
    const first = await space.api.snapshot.list({ ...space.ref, limit: 2 });
    expect(first.items.map((s) => s.name)).toEqual(["three", "two"]);
    expect(first.items[0]?.components).toEqual([
      { name: "api", containerImage: "quay.io/team/api:three" },
      { name: "web", containerImage: "quay.io/team/web:three" },
    ]);
    const rest = await space.api.snapshot.list({ ...space.ref, limit: 2, cursor: first.next! });
    expect(rest.items.map((s) => s.name)).toEqual(["one"]);
    expect(rest.next).toBeNull();
  });

  it("keeps a snapshot that holds a component after the component is deleted", async () => {
    const space = await shop();
    await space.api.snapshot.create({
      ...space.ref,
      ...snapshotInput("before", { web: "quay.io/team/web:1", api: "quay.io/team/api:1" }),
    });
    await space.ownerApi.component.delete({ ...space.ref, component: "api" });
    expect((await space.api.snapshot.get({ ...space.ref, snapshot: "before" })).components).toEqual(
      [
        { name: "api", containerImage: "quay.io/team/api:1" },
        { name: "web", containerImage: "quay.io/team/web:1" },
      ],
    );
    // New snapshots can no longer name it.
    expect(
      (
        await fieldErrorsOf(
          space.api.snapshot.create({
            ...space.ref,
            ...snapshotInput("after", { api: "quay.io/team/api:2" }),
          }),
        )
      ).fields,
    ).toEqual({ "components.0.name": ['Application "shop" has no component "api".'] });
  });

  it("refuses to delete a snapshot an environment runs, and deletes a free one", async () => {
    const space = await shop();
    for (const name of ["bound", "free"]) {
      await space.api.snapshot.create({
        ...space.ref,
        ...snapshotInput(name, { web: `quay.io/team/web:${name}` }),
      });
    }
    await space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "bound" });
    expect((await space.api.snapshot.get({ ...space.ref, snapshot: "bound" })).boundTo).toEqual([
      { name: "dev", displayName: "dev" },
    ]);
    const before = await counts();
    const error = await trpcError(
      space.ownerApi.snapshot.delete({ ...space.ref, snapshot: "bound" }),
    );
    expect([error.code, error.message]).toEqual([
      "BAD_REQUEST",
      'Snapshot "bound" is deployed to "dev". Bind another snapshot there (or delete those bindings) first.',
    ]);
    expect(await counts()).toEqual(before);
    await space.ownerApi.snapshot.delete({ ...space.ref, snapshot: "free" });
    const db = database().db;
    expect(await db.select().from(snapshots).where(eq(snapshots.name, "free"))).toEqual([]);
    expect(await lastAuditOf(db, space.id)).toMatchObject({
      action: "snapshot.delete",
      targetId: "shop/free",
      before: { components: { web: "quay.io/team/web:free" } },
    });
  });
});
