import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { clusterNamespaces, environments, environmentWorkspaces } from "@/db/schema";
import { DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { lastAuditOf } from "@/testing/audit-trail";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { environmentInput } from "@/testing/environments";
import { fieldErrorsOf } from "@/testing/field-errors";
import { joinByInvitation } from "@/testing/join-space";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

describe.each(testDatabaseKinds())(
  "environment graph, edits, workspaces, deletion (%s)",
  (kind) => {
    const database = useTestDatabase(kind);
    let owner: TTestUser;
    let developer: TTestUser;
    let clusterId: string;
    let n = 0;

    beforeAll(async () => {
      const db = database().db;
      owner = await createTestUser(db, "life-owner");
      developer = await createTestUser(db, "life-dev");
      clusterId = (
        await insertTestCluster(db, "west", { workspaceUrl: "https://che.example.test" })
      ).id;
    });

    /** A space with dev → stage → prod, created by a contributor. */
    async function promotionChain() {
      n += 1;
      const db = database().db;
      const space = await callerFor(db, owner).space.create({
        name: `chain-${n}`,
        displayName: "C",
      });
      await joinByInvitation(db, owner, space.name, developer, "contributor");
      const api = callerFor(db, developer);
      const create = (name: string, type: "dev" | "stage" | "run", parentId: string | null) =>
        api.environment.create(environmentInput(space.name, clusterId, { name, type, parentId }));
      const dev = await create("dev", "dev", null);
      const stage = await create("stage", "stage", dev.id);
      const prod = await create("prod", "run", stage.id);
      return { space, api, dev, stage, prod };
    }

    const update = (space: string, environment: string, values: Record<string, unknown>) => ({
      space,
      environment,
      displayName: environment,
      quota: DEFAULT_QUOTA.test,
      ...values,
    });

    it("draws the promotion graph and refuses a cycle, naming it", async () => {
      const { space, api, dev, stage, prod } = await promotionChain();
      const graph = await api.environment.graph({ space: space.name });
      expect(graph.edges).toEqual([
        { from: dev.id, to: stage.id },
        { from: stage.id, to: prod.id },
      ]);
      expect(
        await fieldErrorsOf(
          api.environment.update(
            update(space.name, "dev", { parentId: prod.id, quota: DEFAULT_QUOTA.dev }),
          ),
        ),
      ).toEqual({
        code: "BAD_REQUEST",
        fields: {
          parentId: ["That would make a cycle in the promotion order: dev → stage → prod → dev."],
        },
      });
      expect(
        (
          await fieldErrorsOf(
            api.environment.update(update(space.name, "stage", { parentId: stage.id })),
          )
        ).fields,
      ).toEqual({ parentId: ["An environment cannot be its own parent."] });
      const detail = await api.environment.get({ space: space.name, environment: "stage" });
      expect(detail.parent?.name).toBe("dev");
      expect(detail.children.map((c) => c.name)).toEqual(["prod"]);
    });

    it("refuses a parent from another space", async () => {
      const first = await promotionChain();
      const second = await promotionChain();
      expect(
        (
          await fieldErrorsOf(
            second.api.environment.update(
              update(second.space.name, "prod", {
                parentId: first.stage.id,
                quota: DEFAULT_QUOTA.run,
              }),
            ),
          )
        ).fields,
      ).toEqual({ parentId: ["The parent must be an environment of this space."] });
    });

    it("bumps generation on a change, not on a save that changes nothing", async () => {
      const { space, api, stage } = await promotionChain();
      const same = update(space.name, "stage", {
        parentId: stage.parentId,
        quota: DEFAULT_QUOTA.stage,
      });
      expect((await api.environment.update(same)).generation).toBe(1);
      const changed = await api.environment.update({
        ...same,
        variables: [{ name: "LOG_LEVEL", value: "debug" }],
      });
      expect(changed.generation).toBe(2);
      expect((await lastAuditOf(database().db, space.id))?.action).toBe("environment.update");
    });

    it("opens a personal workspace once per member, or the shared namespace when contributors may not have one", async () => {
      const { space, api } = await promotionChain();
      const first = await api.environment.openWorkspace({ space: space.name, environment: "dev" });
      expect(first).toEqual({
        namespace: `${space.name}-dev-life-dev`,
        shared: false,
        dashboardUrl: "https://che.example.test",
        created: true,
      });
      const again = await api.environment.openWorkspace({ space: space.name, environment: "dev" });
      expect(again).toMatchObject({ namespace: first.namespace, created: false });
      const claimed = await database()
        .db.select()
        .from(clusterNamespaces)
        .where(eq(clusterNamespaces.namespace, first.namespace));
      expect(claimed[0]?.ownerKey).toMatch(/^workspace\//);

      await api.environment.update(
        update(space.name, "dev", { contributorNamespaces: false, quota: DEFAULT_QUOTA.dev }),
      );
      const other = await createTestUser(database().db, `helper-${n}`);
      await joinByInvitation(database().db, owner, space.name, other, "contributor");
      expect(
        await callerFor(database().db, other).environment.openWorkspace({
          space: space.name,
          environment: "dev",
        }),
      ).toEqual({
        namespace: `${space.name}-dev`,
        shared: true,
        dashboardUrl: "https://che.example.test",
        created: false,
      });

      expect(
        (
          await fieldErrorsOf(
            api.environment.openWorkspace({ space: space.name, environment: "stage" }),
          )
        ).fields,
      ).toEqual({ form: ["Only a dev environment has personal workspaces."] });
    });

    it("a workspace namespace cannot take an environment's namespace, nor the other way round", async () => {
      const { space, api } = await promotionChain();
      const ws = await api.environment.openWorkspace({ space: space.name, environment: "dev" });
      expect(
        (
          await fieldErrorsOf(
            api.environment.create(
              environmentInput(space.name, clusterId, { name: "copy", namespace: ws.namespace }),
            ),
          )
        ).code,
      ).toBe("CONFLICT");
    });

    it("extends an expiry and clears its warning; deletion needs the typed name and an owner", async () => {
      const { space, api } = await promotionChain();
      const db = database().db;
      await api.environment.create(
        environmentInput(space.name, clusterId, {
          name: "preview",
          expiresAt: new Date(Date.now() + 3_600_000),
        }),
      );
      await db
        .update(environments)
        .set({ expiryWarnedAt: new Date() })
        .where(eq(environments.name, "preview"));
      const later = new Date(Date.now() + 2 * 86_400_000);
      const extended = await api.environment.extend({
        space: space.name,
        environment: "preview",
        expiresAt: later,
      });
      expect(extended).toMatchObject({ expiresAt: later, expiryWarnedAt: null });

      expect(
        (
          await fieldErrorsOf(
            api.environment.delete({ space: space.name, environment: "dev", confirmName: "dev" }),
          )
        ).code,
      ).toBe("FORBIDDEN");
      const ownerApi = callerFor(db, owner);
      expect(
        (
          await fieldErrorsOf(
            ownerApi.environment.delete({
              space: space.name,
              environment: "dev",
              confirmName: "de",
            }),
          )
        ).fields,
      ).toEqual({ confirmName: ['Type "dev" exactly to confirm deletion.'] });
      await api.environment.openWorkspace({ space: space.name, environment: "dev" });
      await ownerApi.environment.delete({
        space: space.name,
        environment: "dev",
        confirmName: "dev",
      });
      const [dev] = await db
        .select()
        .from(environments)
        .where(and(eq(environments.spaceId, space.id), eq(environments.name, "dev")));
      // The row stays until the reconciler confirms the namespace is gone; its workspaces go with it.
      expect(dev?.deletionRequestedAt).toBeInstanceOf(Date);
      const workspaces = await db
        .select()
        .from(environmentWorkspaces)
        .where(eq(environmentWorkspaces.environmentId, dev!.id));
      expect(workspaces.every((w) => w.deletionRequestedAt !== null)).toBe(true);
      expect(
        (
          await fieldErrorsOf(
            api.environment.update(update(space.name, "dev", { quota: DEFAULT_QUOTA.dev })),
          )
        ).fields,
      ).toEqual({ form: ['Environment "dev" is being deleted; it can no longer be changed.'] });

      expect(
        (await fieldErrorsOf(ownerApi.space.delete({ space: space.name, confirmName: space.name })))
          .fields,
      ).toEqual({
        form: [
          "This space still has 4 environments. Delete them first (environments being deleted go once their cluster confirms), then delete the space.",
        ],
      });
    });
  },
);
