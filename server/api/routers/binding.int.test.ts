import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  applications,
  auditEvents,
  environments,
  pipelineEnvironmentMaps,
  snapshotEnvironmentBindings,
  snapshots,
} from "@/db/schema";
import { componentInput } from "@/testing/applications";
import { lastAuditOf } from "@/testing/audit-trail";
import { insertTestEnvironment } from "@/testing/environments";
import { fieldErrorsOf } from "@/testing/field-errors";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { sqlStateOf } from "@/testing/sql-state";
import { useDeveloperSpaces } from "@/testing/use-developer-spaces";
import { useTestDatabase } from "@/testing/use-test-database";

describe.each(testDatabaseKinds())("snapshot environment bindings (%s)", (kind) => {
  const database = useTestDatabase(kind);
  const team = useDeveloperSpaces(database, "bind");

  /**
   * A fresh space with environments dev and stage, and applications "shop" (components web, api;
   * snapshots s1, s2) and "blog" (component cms; snapshot b1).
   */
  async function arrange() {
    const space = await team.freshSpace();
    const api = space.api;
    const envs: Record<string, string> = {};
    for (const name of ["dev", "stage"]) envs[name] = (await team.environment(space, name)).id;
    const make = async (application: string, comps: string[], snaps: string[]) => {
      await api.application.create({
        space: space.name,
        name: application,
        displayName: application,
        components: comps.map((c) => componentInput(c)),
      });
      for (const snapshot of snaps) {
        await api.snapshot.create({
          space: space.name,
          application,
          name: snapshot,
          displayName: snapshot,
          components: comps.map((c) => ({ name: c, containerImage: `quay.io/t/${c}:${snapshot}` })),
        });
      }
    };
    await make("shop", ["web", "api"], ["s1", "s2"]);
    await make("blog", ["cms"], ["b1"]);
    const ref = { space: space.name, application: "shop" };
    return { ...space, ref, envs };
  }

  const counts = async () => {
    const db = database().db;
    const [b, a] = await Promise.all([
      db.select().from(snapshotEnvironmentBindings),
      db.select().from(auditEvents),
    ]);
    return {
      bindings: b.map((row) => `${row.id}:${row.snapshotId}:${row.generation}`).sort(),
      audit: a.length,
    };
  };

  const webConfig = {
    name: "web",
    configuration: {
      replicas: 3,
      env: [{ name: "LOG_LEVEL", value: "debug" }],
      resources: {
        requests: { cpu: "250m", memory: "256Mi" },
        limits: { cpu: "1", memory: "1Gi" },
      },
    },
  };

  it("binds a snapshot to an environment with per-component configuration, audited", async () => {
    const space = await arrange();
    const created = await space.api.binding.create({
      ...space.ref,
      environment: "dev",
      snapshot: "s1",
      components: [webConfig, { name: "api" }],
    });
    expect(created).toMatchObject({
      environment: { name: "dev" },
      snapshot: { name: "s1" },
      binding: { generation: 1, status: { conditions: [], observedGeneration: 0 } },
    });
    // A component not configured gets the defaults: no overrides, synced automatically.
    expect(created.binding.components).toEqual([
      { ...webConfig, syncMode: "automated" },
      {
        name: "api",
        syncMode: "automated",
        configuration: {
          replicas: null,
          env: [],
          resources: { requests: { cpu: "", memory: "" }, limits: { cpu: "", memory: "" } },
        },
      },
    ]);
    const got = await space.api.binding.get({ ...space.ref, environment: "dev" });
    expect(got.snapshot).toEqual({
      name: "s1",
      displayName: "s1",
      components: [
        { name: "api", containerImage: "quay.io/t/api:s1" },
        { name: "web", containerImage: "quay.io/t/web:s1" },
      ],
    });
    expect(await lastAuditOf(database().db, space.id)).toMatchObject({
      action: "binding.create",
      targetType: "binding",
      targetId: "shop/dev",
      after: { snapshot: "s1" },
    });
  });

  it("refuses a second binding for the same application and environment, writing nothing", async () => {
    const space = await arrange();
    await space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "s1" });
    const before = await counts();
    expect(
      await fieldErrorsOf(
        space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "s2" }),
      ),
    ).toEqual({
      code: "CONFLICT",
      fields: {
        environment: [
          'Application "shop" is already bound to environment "dev" (snapshot "s1"); change that binding\'s snapshot instead.',
        ],
      },
    });
    expect(await counts()).toEqual(before);
    // Another application may bind the same environment.
    await space.api.binding.create({
      space: space.name,
      application: "blog",
      environment: "dev",
      snapshot: "b1",
    });
  });

  it("refuses a snapshot of another application, naming whose it is, writing nothing", async () => {
    const space = await arrange();
    const before = await counts();
    expect(
      await fieldErrorsOf(
        space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "b1" }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: {
        snapshot: [
          'Snapshot "b1" belongs to application "blog"; a binding of "shop" deploys only "shop"\'s snapshots.',
        ],
      },
    });
    expect(await counts()).toEqual(before);
    expect(
      (
        await fieldErrorsOf(
          space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "zz" }),
        )
      ).fields,
    ).toEqual({ snapshot: ['Application "shop" has no snapshot "zz".'] });
    // Updating to another application's snapshot is refused the same way.
    await space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "s1" });
    const bound = await counts();
    expect(
      (
        await fieldErrorsOf(
          space.api.binding.update({ ...space.ref, environment: "dev", snapshot: "b1" }),
        )
      ).fields.snapshot?.[0],
    ).toMatch(/^Snapshot "b1" belongs to application "blog"/);
    expect(await counts()).toEqual(bound);
  });

  it("refuses an environment of another space, and one being deleted, writing nothing", async () => {
    const space = await arrange();
    const other = await arrange();
    const db = database().db;
    await insertTestEnvironment(db, {
      spaceId: other.id,
      name: "prod",
      clusterId: team.clusterId,
      namespace: `${other.name}-prod`,
    });
    await db
      .update(environments)
      .set({ deletionRequestedAt: new Date() })
      .where(eq(environments.id, space.envs.stage!));
    const before = await counts();
    expect(
      await fieldErrorsOf(
        space.api.binding.create({ ...space.ref, environment: "prod", snapshot: "s1" }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: {
        environment: [
          'There is no environment "prod" in this space; a binding deploys to an environment of its application\'s space.',
        ],
      },
    });
    expect(
      (
        await fieldErrorsOf(
          space.api.binding.create({ ...space.ref, environment: "stage", snapshot: "s1" }),
        )
      ).fields,
    ).toEqual({ environment: ['Environment "stage" is being deleted; choose another.'] });
    expect(await counts()).toEqual(before);
  });

  it("refuses configuration for components the application lacks, and bad settings", async () => {
    const space = await arrange();
    const before = await counts();
    expect(
      await fieldErrorsOf(
        space.api.binding.create({
          ...space.ref,
          environment: "dev",
          snapshot: "s1",
          components: [{ name: "web" }, { name: "cms" }],
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: { "components.1.name": ['Application "shop" has no component "cms".'] },
    });
    expect(
      (
        await fieldErrorsOf(
          space.api.binding.create({
            ...space.ref,
            environment: "dev",
            snapshot: "s1",
            components: [
              {
                name: "web",
                configuration: {
                  replicas: -1,
                  env: [{ name: "1BAD", value: "x" }],
                  resources: { requests: { cpu: "2", memory: "lots" }, limits: { cpu: "1" } },
                },
              },
              { name: "web" },
            ],
          }),
        )
      ).fields,
    ).toEqual({
      "components.0.configuration.replicas": ["Replicas cannot be negative."],
      "components.0.configuration.env.0.name": [
        "Use letters, digits and underscores, not starting with a digit.",
      ],
      "components.0.configuration.resources.requests.memory": [
        "Memory must be a Kubernetes quantity, like 500m, 2, 512Mi or 4Gi.",
      ],
      "components.0.configuration.resources.requests.cpu": [
        "The CPU request must not exceed its limit (1).",
      ],
      "components.1.name": [
        'Component "web" is configured twice; merge its settings into one entry.',
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it("changes the snapshot (promotion) and configuration, bumping the generation; the pair stays", async () => {
    const space = await arrange();
    await space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "s1" });
    const updated = await space.api.binding.update({
      ...space.ref,
      environment: "dev",
      snapshot: "s2",
      components: [webConfig],
    });
    expect(updated).toMatchObject({
      environment: { name: "dev" },
      snapshot: { name: "s2" },
      binding: { generation: 2, components: [webConfig], environmentId: space.envs.dev },
    });
    expect(await lastAuditOf(database().db, space.id)).toMatchObject({
      action: "binding.update",
      before: { snapshot: "s1", components: [] },
      after: { snapshot: "s2" },
    });
    const before = await counts();
    await space.api.binding.update({
      ...space.ref,
      environment: "dev",
      snapshot: "s2",
      components: [webConfig],
    });
    expect(await counts()).toEqual(before);
    // A promotion that names only the snapshot keeps the configuration.
    const promoted = await space.api.binding.update({
      ...space.ref,
      environment: "dev",
      snapshot: "s1",
    });
    expect(promoted.binding).toMatchObject({ generation: 3, components: [webConfig] });
    // A configuration change that names no snapshot keeps the one deployed (s1, promoted above).
    const configured = await space.api.binding.update({
      ...space.ref,
      environment: "dev",
      components: [],
    });
    expect(configured).toMatchObject({
      snapshot: { name: "s1" },
      binding: { generation: 4, components: [] },
    });
    const missing = await trpcError(
      space.api.binding.update({ ...space.ref, environment: "stage", snapshot: "s2" }),
    );
    expect([missing.code, missing.message]).toEqual([
      "NOT_FOUND",
      'Application "shop" has no binding to environment "stage".',
    ]);
  });

  it("lists an application's bindings with environment and snapshot, a page at a time", async () => {
    const space = await arrange();
    for (const [index, env] of ["dev", "stage"].entries()) {
      const created = await space.api.binding.create({
        ...space.ref,
        environment: env,
        snapshot: "s1",
      });
      await database()
        .db.update(snapshotEnvironmentBindings)
        .set({ createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, index)) })
        .where(eq(snapshotEnvironmentBindings.id, created.binding.id));
    }
    const first = await space.api.binding.list({ ...space.ref, limit: 1 });
    expect(first.items.map((b) => [b.environment.name, b.snapshot.name])).toEqual([["dev", "s1"]]);
    const second = await space.api.binding.list({ ...space.ref, limit: 1, cursor: first.next! });
    expect(second.items.map((b) => b.environment.name)).toEqual(["stage"]);
    expect(second.next).toBeNull();
  });

  it("deletes a binding (owner), and goes with its environment or application", async () => {
    const space = await arrange();
    const db = database().db;
    await space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "s1" });
    await space.ownerApi.binding.delete({ ...space.ref, environment: "dev" });
    expect(await lastAuditOf(db, space.id)).toMatchObject({
      action: "binding.delete",
      targetId: "shop/dev",
      before: { snapshot: "s1" },
    });
    // A deletion request the reconciler finishes (its Argo CD objects first, then the row: see
    // reconcile-binding.int.test.ts); until then the pair cannot be bound or changed again.
    const [requested] = await db
      .select()
      .from(snapshotEnvironmentBindings)
      .where(eq(snapshotEnvironmentBindings.environmentId, space.envs.dev!));
    expect(requested?.deletionRequestedAt).toBeInstanceOf(Date);
    await expect(
      space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "s2" }),
    ).rejects.toThrow('The binding of "shop" to environment "dev" is still being deleted');
    await expect(
      space.api.binding.update({ ...space.ref, environment: "dev", snapshot: "s2" }),
    ).rejects.toThrow("The binding of shop to dev is being deleted");
    await db
      .delete(snapshotEnvironmentBindings)
      .where(eq(snapshotEnvironmentBindings.id, requested!.id));
    // The reconciler deletes an environment's row once its namespace is gone; bindings and
    // pipeline stages pointing at it go too.
    await space.api.binding.create({ ...space.ref, environment: "stage", snapshot: "s1" });
    await space.api.application.setPipelineMap({
      ...space.ref,
      stages: [{ name: "stage", environment: "stage" }],
    });
    await db.delete(environments).where(eq(environments.id, space.envs.stage!));
    expect(
      await db
        .select()
        .from(snapshotEnvironmentBindings)
        .where(eq(snapshotEnvironmentBindings.environmentId, space.envs.stage!)),
    ).toEqual([]);
    expect(
      await db
        .select()
        .from(pipelineEnvironmentMaps)
        .where(eq(pipelineEnvironmentMaps.environmentId, space.envs.stage!)),
    ).toEqual([]);
    // Deleting the application takes its bound snapshots and bindings in one statement.
    await space.api.binding.create({ ...space.ref, environment: "dev", snapshot: "s2" });
    await space.ownerApi.application.delete({ ...space.ref, confirmName: "shop" });
    expect(
      (await space.api.binding.list({ space: space.name, application: "blog" })).items,
    ).toEqual([]);
  });

  describe("the database's own backstops", () => {
    const FOREIGN_KEY_VIOLATION = "23503";
    const UNIQUE_VIOLATION = "23505";

    async function snapshotIdOf(spaceId: string, application: string, name: string) {
      const [row] = await database()
        .db.select({ id: snapshots.id })
        .from(snapshots)
        .innerJoin(applications, eq(applications.id, snapshots.applicationId))
        .where(
          and(
            eq(applications.spaceId, spaceId),
            eq(applications.name, application),
            eq(snapshots.name, name),
          ),
        );
      if (!row) throw new Error(`no snapshot ${application}/${name}`);
      return row.id;
    }

    /** The row a raw insert would write, from a binding the service made. */
    async function boundRow() {
      const space = await arrange();
      const made = await space.api.binding.create({
        ...space.ref,
        environment: "dev",
        snapshot: "s1",
      });
      const { id: _id, ...row } = made.binding;
      return { space, row };
    }

    it("refuses a binding whose environment is in another space", async () => {
      const { row } = await boundRow();
      const other = await arrange();
      expect(
        await sqlStateOf(
          database()
            .db.insert(snapshotEnvironmentBindings)
            .values({ ...row, environmentId: other.envs.stage! }),
        ),
      ).toBe(FOREIGN_KEY_VIOLATION);
    });

    it("refuses a binding whose snapshot belongs to another application", async () => {
      const { space, row } = await boundRow();
      // Same space, free environment: only the snapshot's application is wrong.
      const blogSnapshot = await snapshotIdOf(space.id, "blog", "b1");
      expect(
        await sqlStateOf(
          database()
            .db.insert(snapshotEnvironmentBindings)
            .values({ ...row, environmentId: space.envs.stage!, snapshotId: blogSnapshot }),
        ),
      ).toBe(FOREIGN_KEY_VIOLATION);
    });

    it("refuses a second row for the same application and environment", async () => {
      const { space, row } = await boundRow();
      const s2 = await snapshotIdOf(space.id, "shop", "s2");
      expect(
        await sqlStateOf(
          database()
            .db.insert(snapshotEnvironmentBindings)
            .values({ ...row, snapshotId: s2 }),
        ),
      ).toBe(UNIQUE_VIOLATION);
    });
  });
});
