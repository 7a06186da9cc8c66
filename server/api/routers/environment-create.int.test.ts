import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clusterNamespaces, environments } from "@/db/schema";
import { DEFAULT_CONTAINER_LIMITS, quotaToHard, DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { lastAuditOf } from "@/testing/audit-trail";
import { callerFor, createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { environmentInput } from "@/testing/environments";
import { fieldErrorsOf } from "@/testing/field-errors";
import { joinByInvitation } from "@/testing/join-space";
import { testDatabaseKinds } from "@/testing/test-database";
import { useDeveloperSpaces } from "@/testing/use-developer-spaces";
import { useTestDatabase } from "@/testing/use-test-database";

describe.each(testDatabaseKinds())("creating environments (%s)", (kind) => {
  const database = useTestDatabase(kind);
  const team = useDeveloperSpaces(database, "env", { cluster: "east" });

  it("creates with the type's defaults, a generated namespace, an audit record and its namespace claimed", async () => {
    const space = await team.freshSpace();
    const env = await space.api.environment.create(
      environmentInput(space.name, team.clusterId, { name: "dev", type: "dev" }),
    );
    expect(env).toMatchObject({
      namespace: `${space.name}-dev`,
      generation: 1,
      quota: quotaToHard(DEFAULT_QUOTA.dev),
      containerLimits: DEFAULT_CONTAINER_LIMITS.dev,
      deploymentStrategy: "Manual",
      contributorNamespaces: true,
    });
    const claimed = await database()
      .db.select()
      .from(clusterNamespaces)
      .where(eq(clusterNamespaces.namespace, `${space.name}-dev`));
    expect(claimed).toEqual([
      expect.objectContaining({ clusterId: team.clusterId, ownerKey: `environment/${env.id}` }),
    ]);
    expect(await lastAuditOf(database().db, space.id)).toMatchObject({
      action: "environment.create",
      targetId: "dev",
      actorLabel: "env-dev",
    });
  });

  it("refuses a second dev (or build) environment with a message on type", async () => {
    const space = await team.freshSpace();
    await space.api.environment.create(
      environmentInput(space.name, team.clusterId, { name: "dev", type: "dev" }),
    );
    expect(
      await fieldErrorsOf(
        space.api.environment.create(
          environmentInput(space.name, team.clusterId, { name: "dev2", type: "dev" }),
        ),
      ),
    ).toEqual({
      code: "CONFLICT",
      fields: {
        type: [
          "This space already has a dev environment; a space has at most one dev environment.",
        ],
      },
    });
    // Test, stage and run environments may be many.
    await space.api.environment.create(
      environmentInput(space.name, team.clusterId, { name: "t1" }),
    );
    await space.api.environment.create(
      environmentInput(space.name, team.clusterId, { name: "t2" }),
    );
  });

  it("refuses a name used in the space, and a namespace used on the cluster", async () => {
    const space = await team.freshSpace();
    await space.api.environment.create(
      environmentInput(space.name, team.clusterId, { name: "qa" }),
    );
    expect(
      await fieldErrorsOf(
        space.api.environment.create(environmentInput(space.name, team.clusterId, { name: "qa" })),
      ),
    ).toEqual({
      code: "CONFLICT",
      fields: { name: ['An environment named "qa" already exists in this space.'] },
    });
    const other = await team.freshSpace();
    expect(
      await fieldErrorsOf(
        other.api.environment.create(
          environmentInput(other.name, team.clusterId, {
            name: "qa",
            namespace: `${space.name}-qa`,
          }),
        ),
      ),
    ).toEqual({
      code: "CONFLICT",
      fields: {
        namespace: [
          `Namespace "${space.name}-qa" is already used on this cluster by another environment or workspace. Choose another.`,
        ],
      },
    });
  });

  it("refuses the cluster's own namespaces, bad labels, and namespaces outside the allowed list", async () => {
    const space = await team.freshSpace();
    const create = (namespace: string, cluster = team.clusterId) =>
      fieldErrorsOf(
        space.api.environment.create(
          environmentInput(space.name, cluster, { name: "x", namespace }),
        ),
      );
    const reserved = {
      code: "BAD_REQUEST",
      fields: {
        namespace: [
          "This namespace belongs to the cluster (default, kube-*, openshift-*); choose another.",
        ],
      },
    };
    expect(await create("kube-system")).toEqual(reserved);
    expect(await create("default")).toEqual(reserved);
    expect(await create("openshift-config")).toEqual(reserved);
    expect((await create("Has_Caps")).fields.namespace).toEqual([
      "Use lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
    ]);
    const limited = await insertTestCluster(database().db, `limited`, {
      namespaces: ["apps-a", "apps-b"],
    });
    expect(await create("apps-c", limited.id)).toEqual({
      code: "BAD_REQUEST",
      fields: { namespace: ["This cluster allows Slipway only these namespaces: apps-a, apps-b."] },
    });
  });

  it("refuses cordoned clusters, clusters being deleted, and quotas above the ceilings", async () => {
    const space = await team.freshSpace();
    const db = database().db;
    const cordoned = await insertTestCluster(db, `cordoned`, { cordoned: true });
    const leaving = await insertTestCluster(db, `leaving`, {
      deletionRequestedAt: new Date(),
    });
    expect(
      await fieldErrorsOf(
        space.api.environment.create(environmentInput(space.name, cordoned.id, { name: "a" })),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: {
        clusterId: [
          `Cluster "cordoned" is cordoned: it takes no new environments. Choose another.`,
        ],
      },
    });
    expect(
      (
        await fieldErrorsOf(
          space.api.environment.create(environmentInput(space.name, leaving.id, { name: "a" })),
        )
      ).fields,
    ).toEqual({ clusterId: [`Cluster "leaving" is being deleted; choose another.`] });
    const quota = { ...DEFAULT_QUOTA.run, requestsCpu: "8001m", limitsMemory: "32769Mi" };
    expect(
      await fieldErrorsOf(
        space.api.environment.create(
          environmentInput(space.name, team.clusterId, { name: "prod", type: "run", quota }),
        ),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: {
        "quota.requestsCpu": ["At most 8 on this cluster."],
        "quota.limitsMemory": ["At most 32Gi on this cluster."],
      },
    });
    // Exactly at the ceiling is allowed: 32Gi = 32768Mi.
    await space.api.environment.create(
      environmentInput(space.name, team.clusterId, {
        name: "prod",
        type: "run",
        quota: { ...quota, requestsCpu: "8", limitsMemory: "32768Mi" },
      }),
    );
    expect(
      await db.select().from(environments).where(eq(environments.spaceId, space.id)),
    ).toHaveLength(1);
  });

  it("checks the input itself: variables, quantities, expiry, cluster or claim", async () => {
    const space = await team.freshSpace();
    const create = (values: Record<string, unknown>) =>
      fieldErrorsOf(
        space.api.environment.create(
          environmentInput(space.name, team.clusterId, { name: "v", ...values }),
        ),
      );
    expect(
      (
        await create({
          variables: [
            { name: "1BAD", value: "" },
            { name: "OK", value: "" },
            { name: "OK", value: "" },
          ],
        })
      ).fields,
    ).toEqual({
      "variables.0.name": ["Use letters, digits and underscores, not starting with a digit."],
      "variables.2.name": ["OK is already set above."],
    });
    expect((await create({ quota: { ...DEFAULT_QUOTA.test, pods: "lots" } })).fields).toEqual({
      "quota.pods": ["Pods must be a Kubernetes quantity, like 500m, 2, 512Mi or 4Gi."],
    });
    expect((await create({ expiresAt: new Date(Date.now() - 1000) })).fields).toEqual({
      expiresAt: ["The expiry time must be in the future."],
    });
    expect((await create({ expiresAt: new Date(Date.now() + 31 * 86_400_000) })).fields).toEqual({
      expiresAt: ["The expiry time must be within 30 days."],
    });
    expect((await create({ clusterId: null })).fields).toEqual({
      clusterId: ["Choose a cluster or a deployment target claim (one of them)."],
    });
  });

  it("lets a viewer read but not create", async () => {
    const space = await team.freshSpace();
    const viewer = await createTestUser(database().db, "env-viewer");
    await joinByInvitation(database().db, team.owner, space.name, viewer, "viewer");
    const api = callerFor(database().db, viewer);
    expect(
      await fieldErrorsOf(
        api.environment.create(environmentInput(space.name, team.clusterId, { name: "v" })),
      ),
    ).toEqual({
      code: "FORBIDDEN",
      fields: { form: ["You need to be at least a contributor of this space to do this."] },
    });
    await space.api.environment.create(environmentInput(space.name, team.clusterId, { name: "v" }));
    const page = await api.environment.list({ space: space.name });
    expect(page.items.map((e) => [e.name, e.clusterName])).toEqual([["v", "east"]]);
  });
});
