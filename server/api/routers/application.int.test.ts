import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  applications,
  auditEvents,
  components,
  environments,
  pipelineEnvironmentMaps,
} from "@/db/schema";
import { componentInput } from "@/testing/applications";
import { auditTrailOf, lastAuditOf } from "@/testing/audit-trail";
import { insertTestEnvironment } from "@/testing/environments";
import { fieldErrorsOf } from "@/testing/field-errors";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useDeveloperSpaces } from "@/testing/use-developer-spaces";
import { useTestDatabase } from "@/testing/use-test-database";

describe.each(testDatabaseKinds())("applications and components (%s)", (kind) => {
  const database = useTestDatabase(kind);
  const team = useDeveloperSpaces(database, "app");

  const rowsOf = async () => {
    const db = database().db;
    const [apps, comps, audit] = await Promise.all([
      db.select().from(applications),
      db.select().from(components),
      db.select().from(auditEvents),
    ]);
    return { apps: apps.length, comps: comps.length, audit: audit.length };
  };

  describe("Create App", () => {
    it("creates the application and its components in one go, with one audit record", async () => {
      const space = await team.freshSpace();
      const created = await space.api.application.create({
        space: space.name,
        name: "shop",
        displayName: "Shop",
        components: [
          componentInput("web"),
          componentInput("api", {
            sourceUrl: "ssh://git@git.example.com/team/api.git",
            containerImage: "registry.example.com:5000/team/api@sha256:" + "a".repeat(64),
            gitopsSource: {
              repoUrl: "ssh://git@git.example.com/team/gitops.git",
              path: ".",
              targetRevision: "v1.2.0",
              type: "helm",
            },
          }),
        ],
      });
      expect(created).toMatchObject({
        name: "shop",
        displayName: "Shop",
        createdBy: team.developer.id,
      });
      expect(created.components.map((c) => c.name).sort()).toEqual(["api", "web"]);
      const got = await space.api.component.get({
        space: space.name,
        application: "shop",
        component: "api",
      });
      expect(got.component).toMatchObject({
        displayName: "api",
        sourceUrl: "ssh://git@git.example.com/team/api.git",
        containerImage: "registry.example.com:5000/team/api@sha256:" + "a".repeat(64),
        gitopsSource: {
          repoUrl: "ssh://git@git.example.com/team/gitops.git",
          path: ".",
          targetRevision: "v1.2.0",
          type: "helm",
        },
      });
      expect(await lastAuditOf(database().db, space.id)).toMatchObject({
        action: "application.create",
        targetType: "application",
        targetId: "shop",
        actorLabel: "app-dev",
        after: { displayName: "Shop", components: ["web", "api"] },
      });
    });

    it("refuses bad component fields one by one, and writes nothing", async () => {
      const space = await team.freshSpace();
      const before = await rowsOf();
      const refusal = await fieldErrorsOf(
        space.api.application.create({
          space: space.name,
          name: "shop",
          displayName: "Shop",
          components: [
            componentInput("web"),
            componentInput("web", {
              sourceUrl: "git@github.com:team/web.git",
              containerImage: "Quay.io/Team/Web:1",
              gitopsSource: {
                repoUrl: "http://git.example.com/gitops.git",
                path: "/abs",
                targetRevision: "main branch",
                type: "kustomize",
              },
            }),
          ],
        }),
      );
      expect(refusal).toEqual({
        code: "BAD_REQUEST",
        fields: {
          "components.1.name": ['Another component above is already named "web".'],
          "components.1.sourceUrl": [
            "Write it as an ssh:// URL: ssh://git@github.com/team/web.git.",
          ],
          "components.1.containerImage": ["The repository path must be lower case."],
          "components.1.gitopsSource.repoUrl": [
            "Use an https:// or ssh:// URL; other schemes are not accepted.",
          ],
          "components.1.gitopsSource.path": [
            "Give the path from the repository root, without a leading /.",
          ],
          "components.1.gitopsSource.targetRevision": [
            "A revision is a branch, tag or commit: no spaces, no '..', and not starting with '-'.",
          ],
        },
      });
      expect(
        await fieldErrorsOf(
          space.api.application.create({
            space: space.name,
            name: "shop",
            displayName: "Shop",
            components: [],
          }),
        ),
      ).toEqual({ code: "BAD_REQUEST", fields: { components: ["Add at least one component."] } });
      expect(await rowsOf()).toEqual(before);
    });

    it("refuses a name already used in the space, but not in another space", async () => {
      const space = await team.freshSpace();
      const input = { name: "shop", displayName: "Shop", components: [componentInput("web")] };
      await space.api.application.create({ space: space.name, ...input });
      const before = await rowsOf();
      expect(
        await fieldErrorsOf(space.api.application.create({ space: space.name, ...input })),
      ).toEqual({
        code: "CONFLICT",
        fields: { name: ['An application named "shop" already exists in this space.'] },
      });
      expect(await rowsOf()).toEqual(before);
      const other = await team.freshSpace();
      await other.api.application.create({ space: other.name, ...input });
    });
  });

  it("lists applications by name a page at a time, with their component counts", async () => {
    const space = await team.freshSpace();
    for (const name of ["zeta", "alpha", "mid"]) {
      await space.api.application.create({
        space: space.name,
        name,
        displayName: name,
        components:
          name === "mid" ? [componentInput("a"), componentInput("b")] : [componentInput("a")],
      });
    }
    const first = await space.api.application.list({ space: space.name, limit: 2 });
    expect(first.items.map((a) => [a.name, a.componentCount])).toEqual([
      ["alpha", 1],
      ["mid", 2],
    ]);
    expect(first.prev).toBeNull();
    const second = await space.api.application.list({
      space: space.name,
      limit: 2,
      cursor: first.next!,
    });
    expect(second.items.map((a) => a.name)).toEqual(["zeta"]);
    expect(second.next).toBeNull();
    const back = await space.api.application.list({
      space: space.name,
      limit: 2,
      cursor: second.prev!,
    });
    expect(back.items.map((a) => a.name)).toEqual(["alpha", "mid"]);
  });

  it("renames for people, and a save that changes nothing writes nothing", async () => {
    const space = await team.freshSpace();
    await space.api.application.create({
      space: space.name,
      name: "shop",
      displayName: "Shop",
      components: [componentInput("web")],
    });
    const renamed = await space.api.application.update({
      space: space.name,
      application: "shop",
      displayName: "The Shop",
    });
    expect(renamed).toMatchObject({ name: "shop", displayName: "The Shop" });
    expect(await lastAuditOf(database().db, space.id)).toMatchObject({
      action: "application.update",
      before: { displayName: "Shop" },
      after: { displayName: "The Shop" },
    });
    const trail = (await auditTrailOf(database().db, space.id)).length;
    await space.api.application.update({
      space: space.name,
      application: "shop",
      displayName: "The Shop",
    });
    expect((await auditTrailOf(database().db, space.id)).length).toBe(trail);
    expect(
      (await trpcError(space.api.application.get({ space: space.name, application: "nope" })))
        .message,
    ).toBe('Application "nope" was not found in this space.');
  });

  it("deletes (owner, name typed) with its components, and only after the name is typed", async () => {
    const space = await team.freshSpace();
    const app = await space.api.application.create({
      space: space.name,
      name: "shop",
      displayName: "Shop",
      components: [componentInput("web")],
    });
    expect(
      await fieldErrorsOf(
        space.ownerApi.application.delete({
          space: space.name,
          application: "shop",
          confirmName: "shoq",
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: { confirmName: ['Type "shop" exactly to confirm deletion.'] },
    });
    await space.ownerApi.application.delete({
      space: space.name,
      application: "shop",
      confirmName: "shop",
    });
    const db = database().db;
    expect(await db.select().from(applications).where(eq(applications.id, app.id))).toEqual([]);
    expect(await db.select().from(components).where(eq(components.applicationId, app.id))).toEqual(
      [],
    );
    expect(await lastAuditOf(db, space.id)).toMatchObject({
      action: "application.delete",
      targetId: "shop",
      actorLabel: "app-owner",
    });
  });

  describe("components", () => {
    async function withShop() {
      const space = await team.freshSpace();
      await space.api.application.create({
        space: space.name,
        name: "shop",
        displayName: "Shop",
        components: [componentInput("web")],
      });
      return space;
    }

    it("adds, edits and deletes a component, each audited", async () => {
      const space = await withShop();
      const ref = { space: space.name, application: "shop" };
      const api = await space.api.component.create({ ...ref, ...componentInput("api") });
      expect(api.gitopsSource.type).toBe("kustomize");
      expect(await lastAuditOf(database().db, space.id)).toMatchObject({
        action: "component.create",
        targetType: "component",
        targetId: "shop/api",
      });
      const { name: _name, ...fields } = componentInput("api", {
        displayName: "API",
        containerImage: "quay.io/team/api:2.0.0",
      });
      const edited = await space.api.component.update({ ...ref, component: "api", ...fields });
      expect(edited).toMatchObject({
        displayName: "API",
        containerImage: "quay.io/team/api:2.0.0",
      });
      expect(await lastAuditOf(database().db, space.id)).toMatchObject({
        action: "component.update",
        before: { containerImage: "quay.io/team/api:1.0.0" },
        after: { containerImage: "quay.io/team/api:2.0.0" },
      });
      await space.ownerApi.component.delete({ ...ref, component: "api" });
      const page = await space.api.component.list(ref);
      expect(page.items.map((c) => c.name)).toEqual(["web"]);
      expect(await lastAuditOf(database().db, space.id)).toMatchObject({
        action: "component.delete",
        targetId: "shop/api",
      });
    });

    it("refuses a component name the application already has, with nothing written", async () => {
      const space = await withShop();
      const before = await rowsOf();
      expect(
        await fieldErrorsOf(
          space.api.component.create({
            space: space.name,
            application: "shop",
            ...componentInput("web"),
          }),
        ),
      ).toEqual({
        code: "CONFLICT",
        fields: { name: ['This application already has a component named "web".'] },
      });
      expect(await rowsOf()).toEqual(before);
    });

    it("pages through components by name", async () => {
      const space = await withShop();
      for (const name of ["db", "api", "worker"]) {
        await space.api.component.create({
          space: space.name,
          application: "shop",
          ...componentInput(name),
        });
      }
      const first = await space.api.component.list({
        space: space.name,
        application: "shop",
        limit: 3,
      });
      expect(first.items.map((c) => c.name)).toEqual(["api", "db", "web"]);
      const rest = await space.api.component.list({
        space: space.name,
        application: "shop",
        limit: 3,
        cursor: first.next!,
      });
      expect(rest.items.map((c) => c.name)).toEqual(["worker"]);
    });

    it("answers NOT_FOUND for a component of another application", async () => {
      const space = await withShop();
      await space.api.application.create({
        space: space.name,
        name: "blog",
        displayName: "Blog",
        components: [componentInput("cms")],
      });
      const error = await trpcError(
        space.api.component.get({ space: space.name, application: "shop", component: "cms" }),
      );
      expect([error.code, error.message]).toEqual([
        "NOT_FOUND",
        'Application "shop" has no component "cms".',
      ]);
    });
  });

  describe("pipeline environment map", () => {
    async function withEnvironments() {
      const space = await team.freshSpace();
      const db = database().db;
      for (const name of ["test", "stage", "prod"]) {
        await insertTestEnvironment(db, {
          spaceId: space.id,
          name,
          clusterId: team.clusterId,
          namespace: `${space.name}-${name}`,
        });
      }
      await space.api.application.create({
        space: space.name,
        name: "shop",
        displayName: "Shop",
        components: [componentInput("web")],
      });
      return space;
    }

    it("maps stages to environments in pipeline order, and replaces the map as a whole", async () => {
      const space = await withEnvironments();
      const ref = { space: space.name, application: "shop" };
      await space.api.application.setPipelineMap({
        ...ref,
        stages: [
          { name: "test", environment: "test" },
          { name: "stage", environment: "stage" },
          { name: "run", environment: "prod" },
        ],
      });
      const got = await space.api.application.get(ref);
      expect(got.pipeline.map((s) => [s.stage, s.environment.name])).toEqual([
        ["test", "test"],
        ["stage", "stage"],
        ["run", "prod"],
      ]);
      expect(await lastAuditOf(database().db, space.id)).toMatchObject({
        action: "application.set-pipeline-map",
        before: { stages: [] },
        after: { stages: ["test → test", "stage → stage", "run → prod"] },
      });
      await space.api.application.setPipelineMap({
        ...ref,
        stages: [{ name: "run", environment: "prod" }],
      });
      expect(
        (await space.api.application.get(ref)).pipeline.map((s) => [s.stage, s.position]),
      ).toEqual([["run", 0]]);
      const trail = (await auditTrailOf(database().db, space.id)).length;
      await space.api.application.setPipelineMap({
        ...ref,
        stages: [{ name: "run", environment: "prod" }],
      });
      expect((await auditTrailOf(database().db, space.id)).length).toBe(trail);
    });

    it("refuses an environment of another space, one being deleted, and repeats — writing nothing", async () => {
      const space = await withEnvironments();
      const elsewhere = await team.freshSpace();
      const db = database().db;
      await insertTestEnvironment(db, {
        spaceId: elsewhere.id,
        name: "qa",
        clusterId: team.clusterId,
        namespace: `${elsewhere.name}-qa`,
      });
      await db
        .update(environments)
        .set({ deletionRequestedAt: new Date() })
        .where(and(eq(environments.spaceId, space.id), eq(environments.name, "stage")));
      const ref = { space: space.name, application: "shop" };
      await space.api.application.setPipelineMap({
        ...ref,
        stages: [{ name: "test", environment: "test" }],
      });
      const mapBefore = await db.select().from(pipelineEnvironmentMaps);
      expect(
        await fieldErrorsOf(
          space.api.application.setPipelineMap({
            ...ref,
            stages: [
              { name: "qa", environment: "qa" },
              { name: "stage", environment: "stage" },
            ],
          }),
        ),
      ).toEqual({
        code: "BAD_REQUEST",
        fields: {
          "stages.0.environment": ['There is no environment "qa" in this space.'],
          "stages.1.environment": ['Environment "stage" is being deleted; choose another.'],
        },
      });
      expect(
        await fieldErrorsOf(
          space.api.application.setPipelineMap({
            ...ref,
            stages: [
              { name: "test", environment: "test" },
              { name: "test", environment: "prod" },
              { name: "again", environment: "prod" },
            ],
          }),
        ),
      ).toEqual({
        code: "BAD_REQUEST",
        fields: {
          "stages.1.name": ['Stage "test" is listed twice.'],
          "stages.2.environment": ['Environment "prod" is already the target of another stage.'],
        },
      });
      expect(await db.select().from(pipelineEnvironmentMaps)).toEqual(mapBefore);
    });
  });
});
