import { and, asc, count, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applications,
  auditEvents,
  components,
  deploymentTargetClaims,
  environments,
  snapshotComponents,
  snapshotEnvironmentBindings,
  snapshots,
} from "@/db/schema";
import { DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { componentInput } from "@/testing/applications";
import { auditTrailOf } from "@/testing/audit-trail";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import {
  applicationDocument,
  componentDocument,
  yamlStream,
  type TYamlDocument,
} from "@/testing/declarative";
import { insertTestClass } from "@/testing/deployment-targets";
import { joinByInvitation, spaceWithContributor } from "@/testing/join-space";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

const REPO_TOKEN = "declarative-repo-token-0123456789";
const PRIVATE_GITOPS = "https://git.example.com/team/private-gitops.git";

describe.each(testDatabaseKinds())("declarative export and import (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let owner: TTestUser;
  let developer: TTestUser;
  let viewer: TTestUser;
  let outsider: TTestUser;
  let clusterId: string;
  let classId: string;
  let n = 0;

  beforeAll(async () => {
    const db = database().db;
    owner = await createTestUser(db, "yaml-owner");
    developer = await createTestUser(db, "yaml-dev");
    viewer = await createTestUser(db, "yaml-viewer");
    outsider = await createTestUser(db, "yaml-outsider");
    clusterId = (await insertTestCluster(db, "yaml-cluster")).id;
    classId = (await insertTestClass(db, "yaml-class", clusterId)).id;
  });

  const emptySpace = async (prefix: string) => {
    n += 1;
    const space = await spaceWithContributor(database().db, owner, developer, `${prefix}-${n}`);
    await joinByInvitation(database().db, owner, space.name, viewer, "viewer");
    return space;
  };

  /**
   * dev → stage → prod (prod on a deployment target claim), application "shop" with components
   * web (GitOps source in a private repository with a credential) and api, snapshots s1 and s2,
   * shop bound to dev (s2, configured) and stage (s1).
   */
  async function arrangeSource() {
    const space = await emptySpace("yaml-src");
    const { api } = space;
    const ref = { space: space.name };
    const claim = await api.deploymentTargetClaim.create({ ...ref, name: "prod-target", classId });
    const dev = await api.environment.create({
      ...ref,
      name: "dev",
      displayName: "Development",
      description: "Where the team tries things",
      type: "dev",
      clusterId,
      quota: DEFAULT_QUOTA.dev,
      variables: [{ name: "LOG_LEVEL", value: "debug" }],
      tags: ["inner-loop"],
    });
    const stage = await api.environment.create({
      ...ref,
      name: "stage",
      displayName: "Stage",
      type: "stage",
      clusterId,
      parentId: dev.id,
      deploymentStrategy: "AppStudioAutomated",
      quota: { ...DEFAULT_QUOTA.stage, pods: "25" },
      contributorNamespaces: false,
    });
    await api.environment.create({
      ...ref,
      name: "prod",
      displayName: "Production",
      type: "run",
      claimId: claim.id,
      parentId: stage.id,
      quota: DEFAULT_QUOTA.run,
    });
    await api.repositoryCredential.create({
      ...ref,
      repository: PRIVATE_GITOPS,
      kind: "https",
      username: "deployer",
      token: REPO_TOKEN,
    });
    const web = componentInput("web");
    await api.application.create({
      ...ref,
      name: "shop",
      displayName: "Shop",
      components: [
        { ...web, gitopsSource: { ...web.gitopsSource, repoUrl: PRIVATE_GITOPS, type: "helm" } },
        componentInput("api"),
      ],
    });
    const app = { ...ref, application: "shop" };
    await api.snapshot.create({
      ...app,
      name: "s1",
      displayName: "First",
      components: [
        { name: "web", containerImage: "quay.io/team/web:1" },
        { name: "api", containerImage: "quay.io/team/api:1" },
      ],
    });
    await api.snapshot.create({
      ...app,
      name: "s2",
      displayName: "Second",
      description: "The one with the fix",
      components: [{ name: "web", containerImage: "quay.io/team/web:2" }],
      artifacts: { build: { id: "1234", tests: ["unit", "e2e"] } },
    });
    await api.binding.create({
      ...app,
      environment: "dev",
      snapshot: "s2",
      components: [
        {
          name: "web",
          syncMode: "manual",
          configuration: {
            replicas: 3,
            env: [{ name: "FEATURE", value: "on" }],
            resources: {
              requests: { cpu: "100m", memory: "" },
              limits: { cpu: "", memory: "1Gi" },
            },
          },
        },
      ],
    });
    await api.binding.create({ ...app, environment: "stage", snapshot: "s1" });
    return space;
  }

  /** A space's rows as names and values (no ids, times or namespaces), to compare two spaces. */
  async function rowsOf(spaceId: string) {
    const db = database().db;
    const parent = alias(environments, "parent");
    const envs = await db
      .select({
        name: environments.name,
        displayName: environments.displayName,
        description: environments.description,
        type: environments.type,
        clusterId: environments.clusterId,
        claim: deploymentTargetClaims.name,
        parent: parent.name,
        deploymentStrategy: environments.deploymentStrategy,
        variables: environments.variables,
        tags: environments.tags,
        quota: environments.quota,
        containerLimits: environments.containerLimits,
        contributorNamespaces: environments.contributorNamespaces,
      })
      .from(environments)
      .leftJoin(deploymentTargetClaims, eq(deploymentTargetClaims.id, environments.claimId))
      .leftJoin(parent, eq(parent.id, environments.parentId))
      .where(eq(environments.spaceId, spaceId))
      .orderBy(asc(environments.name));
    const claims = await db
      .select({ name: deploymentTargetClaims.name, classId: deploymentTargetClaims.classId })
      .from(deploymentTargetClaims)
      .where(eq(deploymentTargetClaims.spaceId, spaceId));
    const apps = await db
      .select({
        id: applications.id,
        name: applications.name,
        displayName: applications.displayName,
      })
      .from(applications)
      .where(eq(applications.spaceId, spaceId));
    const appIds = apps.map((a) => a.id);
    const comps = await db
      .select()
      .from(components)
      .where(inArray(components.applicationId, appIds))
      .orderBy(asc(components.name));
    const snaps = await db
      .select({
        name: snapshots.name,
        displayName: snapshots.displayName,
        description: snapshots.description,
        artifacts: snapshots.artifacts,
        component: snapshotComponents.componentName,
        image: snapshotComponents.containerImage,
      })
      .from(snapshots)
      .innerJoin(snapshotComponents, eq(snapshotComponents.snapshotId, snapshots.id))
      .where(inArray(snapshots.applicationId, appIds))
      .orderBy(asc(snapshots.name), asc(snapshotComponents.componentName));
    const bindings = await db
      .select({
        environment: environments.name,
        snapshot: snapshots.name,
        components: snapshotEnvironmentBindings.components,
      })
      .from(snapshotEnvironmentBindings)
      .innerJoin(environments, eq(environments.id, snapshotEnvironmentBindings.environmentId))
      .innerJoin(snapshots, eq(snapshots.id, snapshotEnvironmentBindings.snapshotId))
      .where(eq(snapshotEnvironmentBindings.spaceId, spaceId))
      .orderBy(asc(environments.name));
    return {
      envs,
      claims,
      apps: apps.map(({ id: _id, ...app }) => app),
      comps: comps.map(({ id: _id, applicationId: _a, createdAt: _c, updatedAt: _u, ...c }) => c),
      snaps,
      bindings,
    };
  }

  /** How many rows the import could touch, to prove a refused import wrote nothing. */
  async function tableCounts() {
    const db = database().db;
    const [e] = await db.select({ c: count() }).from(environments);
    const [a] = await db.select({ c: count() }).from(applications);
    const [c] = await db.select({ c: count() }).from(components);
    const [s] = await db.select({ c: count() }).from(snapshots);
    const [b] = await db.select({ c: count() }).from(snapshotEnvironmentBindings);
    const [d] = await db.select({ c: count() }).from(deploymentTargetClaims);
    const [u] = await db.select({ c: count() }).from(auditEvents);
    return [e, a, c, s, b, d, u].map((row) => Number(row?.c));
  }

  it("exports a space and imports it into an empty one, which then exports the same and holds the same rows", async () => {
    const source = await arrangeSource();
    const exported = await source.api.declarative.export({ space: source.name });
    expect(exported.documents).toBe(11);
    const docs = parseAllDocuments(exported.yaml).map((d) => d.toJS() as TYamlDocument);
    expect(docs.map((d) => d.kind)).toEqual([
      "DeploymentTargetClaim",
      "Environment",
      "Environment",
      "Environment",
      "Application",
      "Component",
      "Component",
      "Snapshot",
      "Snapshot",
      "SnapshotEnvironmentBinding",
      "SnapshotEnvironmentBinding",
    ]);
    // The seed's shapes, with upstream's field names.
    expect(docs[3]).toEqual({
      apiVersion: "appstudio.redhat.com/v1alpha1",
      kind: "Environment",
      metadata: {
        name: "stage",
        annotations: {
          "slipway.dev/type": "stage",
          "slipway.dev/cluster": "yaml-cluster",
          "slipway.dev/quota":
            "requests.cpu=2,requests.memory=4Gi,limits.cpu=4,limits.memory=8Gi,pods=25",
          "slipway.dev/contributor-namespaces": "false",
        },
      },
      spec: {
        displayName: "Stage",
        deploymentStrategy: "AppStudioAutomated",
        parentEnvironment: "dev",
      },
    });
    expect(docs[2]?.spec).toMatchObject({
      parentEnvironment: "stage",
      configuration: { target: { deploymentTargetClaim: { claimName: "prod-target" } } },
    });
    expect(docs[8]?.spec).toEqual({
      application: "shop",
      displayName: "Second",
      displayDescription: "The one with the fix",
      components: [{ name: "web", containerImage: "quay.io/team/web:2" }],
      artifacts: { build: { id: "1234", tests: ["unit", "e2e"] } },
    });
    expect(docs[9]?.spec).toEqual({
      application: "shop",
      environment: "dev",
      snapshot: "s2",
      components: [
        {
          name: "web",
          // Slipway's own field (upstream GitOpsDeployment `type`), written only when manual.
          syncMode: "manual",
          configuration: {
            replicas: 3,
            env: [{ name: "FEATURE", value: "on" }],
            resources: { requests: { cpu: "100m" }, limits: { memory: "1Gi" } },
          },
        },
      ],
    });
    // The private repository is named, its secret is not.
    expect(docs[6]?.metadata).toMatchObject({
      annotations: { "slipway.dev/repository-credential": PRIVATE_GITOPS },
    });
    expect(exported.yaml).not.toContain(REPO_TOKEN);

    const target = await emptySpace("yaml-dst");
    const plan = await target.api.declarative.plan({ space: target.name, yaml: exported.yaml });
    expect(plan.errors).toEqual([]);
    expect(plan.items.map((i) => i.action)).toEqual(Array(11).fill("create"));
    expect(plan.applicable).toBe(true);
    expect(plan.items[6]?.notes).toEqual([
      `This space has no credential for ${PRIVATE_GITOPS}: add it under Repository credentials before Argo CD reads the repository.`,
    ]);

    await target.api.declarative.import({ space: target.name, yaml: exported.yaml });
    // One audit record per object (the application's carries its components) and one for the import.
    const trail = await auditTrailOf(database().db, target.id);
    const actions = trail
      .map((e) => e.action)
      .filter(
        (a) => !a.startsWith("member") && !a.startsWith("invitation") && a !== "space.create",
      );
    expect(actions.sort()).toEqual(
      [
        "deployment-target-claim.create",
        "environment.create",
        "environment.create",
        "environment.create",
        "application.create",
        "snapshot.create",
        "snapshot.create",
        "binding.create",
        "binding.create",
        "declarative.import",
      ].sort(),
    );

    // Credentials never travel: the new space's owner adds its own, as the plan's note says.
    await target.api.repositoryCredential.create({
      space: target.name,
      repository: PRIVATE_GITOPS,
      kind: "https",
      username: "deployer",
      token: "the-new-space-s-token",
    });
    const again = await target.api.declarative.export({ space: target.name });
    expect(again.yaml).toEqual(exported.yaml);
    expect(await rowsOf(target.id)).toEqual(await rowsOf(source.id));

    // The same YAML again changes nothing, and there is nothing to apply.
    const replan = await target.api.declarative.plan({ space: target.name, yaml: exported.yaml });
    expect(replan.items.every((i) => i.action === "unchanged")).toBe(true);
    expect(replan.applicable).toBe(false);
  });

  it("plans updates with a field diff and applies them", async () => {
    const space = await arrangeSource();
    const exported = await space.api.declarative.export({ space: space.name });
    const docs = parseAllDocuments(exported.yaml).map((d) => d.toJS() as TYamlDocument);
    const edited = docs.map((doc) => {
      const metadata = doc.metadata as { name: string };
      if (doc.kind === "Application") return applicationDocument("shop", "Shop Online");
      if (doc.kind === "Environment" && metadata.name === "dev") {
        const spec = doc.spec as Record<string, unknown>;
        return {
          ...doc,
          spec: { ...spec, configuration: { env: [{ name: "LOG_LEVEL", value: "info" }] } },
        };
      }
      if (doc.kind === "SnapshotEnvironmentBinding" && metadata.name === "shop-stage") {
        return { ...doc, spec: { ...(doc.spec as object), snapshot: "s2" } };
      }
      return doc;
    });
    const yaml = yamlStream(edited);
    const plan = await space.api.declarative.plan({ space: space.name, yaml });
    const byName = (k: string, name: string) =>
      plan.items.find((i) => i.kind === k && i.name === name);
    expect(byName("Application", "shop")).toMatchObject({
      action: "update",
      changes: [{ field: "displayName", before: "Shop", after: "Shop Online" }],
    });
    expect(byName("Environment", "dev")).toMatchObject({
      action: "update",
      changes: [
        {
          field: "env",
          before: '[{"name":"LOG_LEVEL","value":"debug"}]',
          after: '[{"name":"LOG_LEVEL","value":"info"}]',
        },
      ],
    });
    expect(byName("SnapshotEnvironmentBinding", "shop-stage")).toMatchObject({
      action: "update",
      changes: [{ field: "snapshot", before: "s1", after: "s2" }],
    });
    expect(byName("Environment", "stage")?.action).toBe("unchanged");
    expect(plan.applicable).toBe(true);

    await space.api.declarative.import({ space: space.name, yaml });
    const rows = await rowsOf(space.id);
    expect(rows.apps).toEqual([{ name: "shop", displayName: "Shop Online" }]);
    expect(rows.envs.find((e) => e.name === "dev")?.variables).toEqual([
      { name: "LOG_LEVEL", value: "info" },
    ]);
    expect(rows.bindings.find((b) => b.environment === "stage")?.snapshot).toBe("s2");
    const imported = (await auditTrailOf(database().db, space.id)).at(-1);
    expect(imported).toMatchObject({
      action: "declarative.import",
      after: {
        created: 0,
        updated: 3,
        unchanged: 8,
        objects: [
          "update Environment dev",
          "update Application shop",
          "update SnapshotEnvironmentBinding shop-stage",
        ],
      },
    });
  });

  describe("refusals", () => {
    let space: Awaited<ReturnType<typeof arrangeSource>>;
    let docs: TYamlDocument[];
    beforeAll(async () => {
      space = await arrangeSource();
      const exported = await space.api.declarative.export({ space: space.name });
      docs = parseAllDocuments(exported.yaml).map((d) => d.toJS() as TYamlDocument);
    });

    const named = (kind: string, name: string) =>
      docs.find(
        (d) => d.kind === kind && (d.metadata as { name: string }).name === name,
      ) as TYamlDocument;
    const withSpec = (doc: TYamlDocument, spec: Record<string, unknown>) => ({
      ...doc,
      spec: { ...(doc.spec as object), ...spec },
    });

    async function expectRefused(
      documents: TYamlDocument[],
      kind: string,
      name: string,
      reason: RegExp,
    ) {
      const yaml = yamlStream(documents);
      const plan = await space.api.declarative.plan({ space: space.name, yaml });
      expect(plan.errors).toEqual([]);
      const item = plan.items.find((i) => i.kind === kind && i.name === name);
      expect(item?.action).toBe("refused");
      expect(item?.reason).toMatch(reason);
      expect(plan.applicable).toBe(false);
      const before = await tableCounts();
      const error = await trpcError(space.api.declarative.import({ space: space.name, yaml }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(reason);
      expect(await tableCounts()).toEqual(before);
    }

    it("refuses changing a snapshot's components", () =>
      expectRefused(
        [
          applicationDocument("shop", "Renamed too"),
          withSpec(named("Snapshot", "s1"), {
            components: [{ name: "web", containerImage: "quay.io/team/web:9" }],
          }),
        ],
        "Snapshot",
        "shop/s1",
        /A snapshot's components, images and artifacts never change/,
      ));

    it("refuses changing a binding's environment", () =>
      expectRefused(
        [withSpec(named("SnapshotEnvironmentBinding", "shop-dev"), { environment: "prod" })],
        "SnapshotEnvironmentBinding",
        "shop-dev",
        /a binding's application and environment never change/,
      ));

    it("refuses a cycle in the environment graph", () =>
      expectRefused(
        [withSpec(named("Environment", "dev"), { parentEnvironment: "prod" })],
        "Environment",
        "dev",
        /cycle in the promotion order: dev → stage → prod → dev/,
      ));

    it("refuses moving an environment to another placement", () =>
      expectRefused(
        [
          {
            ...named("Environment", "dev"),
            metadata: {
              name: "dev",
              annotations: { "slipway.dev/type": "test", "slipway.dev/cluster": "yaml-cluster" },
            },
          },
        ],
        "Environment",
        "dev",
        /type, cluster and claim never change/,
      ));
  });

  it("shows what only the services check in the plan, against its document, and writes nothing", async () => {
    const space = await arrangeSource();
    const yaml = yamlStream([
      applicationDocument("blog"),
      componentDocument("blog", "cms"),
      {
        apiVersion: "appstudio.redhat.com/v1alpha1",
        kind: "Environment",
        metadata: {
          name: "dev2",
          annotations: { "slipway.dev/type": "dev", "slipway.dev/cluster": "yaml-cluster" },
        },
        spec: { displayName: "Second dev" },
      },
    ]);
    const before = await tableCounts();
    const plan = await space.api.declarative.plan({ space: space.name, yaml });
    expect(plan.items.map((i) => i.action)).toEqual(["create", "create", "create"]);
    expect(plan.errors).toEqual([
      {
        index: 2,
        kind: "Environment",
        name: "dev2",
        path: "",
        message:
          "This space already has a dev environment; a space has at most one dev environment.",
      },
    ]);
    expect(plan.applicable).toBe(false);
    // The dry run left nothing behind: no rows, no audit records.
    expect(await tableCounts()).toEqual(before);
    const error = await trpcError(space.api.declarative.import({ space: space.name, yaml }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(
      "Nothing was imported: document 2 (Environment dev2): This space already has a dev environment; a space has at most one dev environment.",
    );
    expect(await tableCounts()).toEqual(before);
  });

  describe("errors name the document and the field, and nothing is written", () => {
    let space: Awaited<ReturnType<typeof emptySpace>>;
    beforeAll(async () => {
      space = await emptySpace("yaml-err");
    });

    async function expectError(
      yaml: string,
      expected: {
        index: number;
        kind: string | null;
        name: string | null;
        path: string;
        message: RegExp;
      },
    ) {
      const plan = await space.api.declarative.plan({ space: space.name, yaml });
      expect(plan.applicable).toBe(false);
      expect(plan.errors).toContainEqual({
        ...expected,
        message: expect.stringMatching(expected.message) as unknown,
      });
      const before = await tableCounts();
      const error = await trpcError(space.api.declarative.import({ space: space.name, yaml }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/^Nothing was imported: document \d/);
      expect(await tableCounts()).toEqual(before);
    }

    const app = [applicationDocument("shop"), componentDocument("shop", "web")];

    it("invalid YAML", () =>
      expectError(`${yamlStream(app)}---\nkind: Application\nmetadata: {name: [unclosed\n`, {
        index: 2,
        kind: null,
        name: null,
        path: "",
        message: /^Not valid YAML \(line \d+\)/,
      }));

    it("an unknown kind", () =>
      expectError(
        yamlStream([...app, { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }]),
        {
          index: 2,
          kind: "Pod",
          name: "p",
          path: "kind",
          message: /Slipway does not import kind "Pod"/,
        },
      ));

    it("a missing required field", () =>
      expectError(
        yamlStream([
          ...app,
          {
            apiVersion: "appstudio.redhat.com/v1alpha1",
            kind: "Snapshot",
            metadata: { name: "s1" },
            spec: { application: "shop", displayName: "S1", components: [{ name: "web" }] },
          },
        ]),
        {
          index: 2,
          kind: "Snapshot",
          name: "s1",
          path: "spec.components[0].containerImage",
          message: /./,
        },
      ));

    it("a reference to nothing", () =>
      expectError(
        yamlStream([
          ...app,
          {
            apiVersion: "appstudio.redhat.com/v1alpha1",
            kind: "Snapshot",
            metadata: { name: "s1" },
            spec: {
              application: "shop",
              displayName: "S1",
              components: [{ name: "web", containerImage: "quay.io/team/web:1" }],
            },
          },
          {
            apiVersion: "appstudio.redhat.com/v1alpha1",
            kind: "SnapshotEnvironmentBinding",
            metadata: { name: "shop-nowhere" },
            spec: { application: "shop", environment: "nowhere", snapshot: "s1", components: [] },
          },
        ]),
        {
          index: 3,
          kind: "SnapshotEnvironmentBinding",
          name: "shop-nowhere",
          path: "spec.environment",
          message: /No environment "nowhere" in the space or the YAML/,
        },
      ));

    it("an annotation Slipway reads, with its key quoted in the path", () =>
      expectError(
        yamlStream([
          {
            apiVersion: "appstudio.redhat.com/v1alpha1",
            kind: "Environment",
            metadata: { name: "dev", annotations: { "slipway.dev/cluster": "no-such-cluster" } },
            spec: { displayName: "Dev" },
          },
        ]),
        {
          index: 0,
          kind: "Environment",
          name: "dev",
          path: 'metadata.annotations["slipway.dev/cluster"]',
          message: /No cluster "no-such-cluster" is registered/,
        },
      ));
  });

  it("lets viewers export but not import, and outsiders do neither", async () => {
    const space = await emptySpace("yaml-auth");
    const yaml = yamlStream([applicationDocument("shop"), componentDocument("shop", "web")]);
    const asViewer = callerFor(database().db, viewer);
    await expect(asViewer.declarative.export({ space: space.name })).resolves.toMatchObject({
      documents: 0,
    });
    for (const call of [asViewer.declarative.plan, asViewer.declarative.import]) {
      expect((await trpcError(call({ space: space.name, yaml }))).code).toBe("FORBIDDEN");
    }
    const asOutsider = callerFor(database().db, outsider);
    expect((await trpcError(asOutsider.declarative.export({ space: space.name }))).code).toBe(
      "NOT_FOUND",
    );
    const [apps] = await database()
      .db.select({ c: count() })
      .from(applications)
      .where(and(eq(applications.spaceId, space.id)));
    expect(Number(apps?.c)).toBe(0);
  });
});
