// Bad text never reaches the database as a server error: every text field of every procedure
// refuses control characters (Postgres refuses NUL in text outright) with BAD_REQUEST and a message
// on that field. The procedures and their text fields are read from appRouter itself, so a new
// procedure that takes text is covered as soon as it has a sample input below — and the
// "covers every procedure" test fails, naming it, until it has one.
import { TRPCError } from "@trpc/server";
import { ZodError, type z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, spaceMembers } from "@/db/schema";
import { fieldMessagesOf, type TFieldMessages } from "@/lib/validators/field-messages";
import { DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { appRouter } from "@/server/api/root";
import { callerFor, createTestUser, procedureAt, type TTestUser } from "@/testing/callers";
import { openTestDatabase, testDatabaseKinds } from "@/testing/test-database";

/** What a sample input can refer to: an existing space the caller owns and one of its members. */
interface TFixture {
  space: string;
  member: TTestUser;
}

/** A well-formed id (of nothing); the refusal must come from the spoiled field before any lookup. */
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

const NO_SUCH_INVITATION = "00000000-0000-4000-8000-000000000000";

/** Every cluster setting filled in, lists with one entry, so each text field can be spoiled. */
const CLUSTER_SETTINGS = {
  displayName: "Production",
  description: "EU",
  apiUrl: "https://127.0.0.1:1",
  namespaces: ["team-a"],
  labels: [{ key: "region", value: "eu-west-1" }],
  argoCdNamespace: "argocd",
  workspaceUrl: "https://che.example.com",
  quotaCeilings: [{ resource: "pods", quantity: "20" }],
};
const CLUSTER_CREDENTIALS = {
  source: "token",
  token: "t",
  caData: "-----BEGIN CERTIFICATE-----",
  kubeconfig: "kind: Config",
  context: "ctx",
};

/** A component with every text field filled in. */
const COMPONENT = {
  name: "web",
  displayName: "Web",
  sourceUrl: "https://git.example.com/team/web.git",
  containerImage: "quay.io/team/web:1",
  gitopsSource: {
    repoUrl: "https://git.example.com/team/gitops.git",
    path: "components/web",
    targetRevision: "main",
    type: "kustomize",
  },
};

/** A binding with one configured component, one variable and every resource quantity set. */
const BINDING = {
  application: "shop",
  environment: "dev",
  snapshot: "s1",
  components: [
    {
      name: "web",
      configuration: {
        replicas: 2,
        env: [{ name: "LOG_LEVEL", value: "debug" }],
        resources: {
          requests: { cpu: "100m", memory: "128Mi" },
          limits: { cpu: "1", memory: "1Gi" },
        },
      },
    },
  ],
};

const PROMOTION = { application: "shop", snapshot: "s1", environment: "dev" };

/** A valid input for each procedure that takes text; each case then spoils one text field. */
const SAMPLE_INPUTS: Record<string, (f: TFixture) => Record<string, unknown>> = {
  "space.list": () => ({ query: "team", cursor: "abc" }),
  "space.get": (f) => ({ space: f.space }),
  "space.create": () => ({ name: "fresh-space", displayName: "Fresh", description: "About" }),
  "space.update": (f) => ({ space: f.space, displayName: "Renamed", description: "About" }),
  "space.delete": (f) => ({ space: f.space, confirmName: f.space }),
  "member.list": (f) => ({ space: f.space, cursor: "abc" }),
  "member.updateRole": (f) => ({ space: f.space, userId: f.member.id, role: "viewer" }),
  "member.remove": (f) => ({ space: f.space, userId: f.member.id }),
  "member.leave": (f) => ({ space: f.space }),
  "activity.list": (f) => ({ space: f.space, cursor: "abc" }),
  "invitation.create": (f) => ({ space: f.space, email: "someone@example.com", role: "viewer" }),
  "invitation.list": (f) => ({ space: f.space, cursor: "abc" }),
  "invitation.revoke": (f) => ({ space: f.space, invitationId: NO_SUCH_INVITATION }),
  "invitation.mine": () => ({ cursor: "abc" }),
  "invitation.accept": () => ({ invitationId: NO_SUCH_INVITATION }),
  "invitation.decline": () => ({ invitationId: NO_SUCH_INVITATION }),
  "admin.activity": (f) => ({ actor: f.member.id, space: f.space, cursor: "abc" }),
  "admin.searchUsers": () => ({ query: "text" }),
  "environment.list": (f) => ({ space: f.space, cursor: "abc" }),
  "environment.graph": (f) => ({ space: f.space }),
  "environment.placements": (f) => ({ space: f.space }),
  "environment.get": (f) => ({ space: f.space, environment: "dev" }),
  "environment.deployed": (f) => ({ space: f.space, environment: "dev", cursor: "abc" }),
  "environment.create": (f) => ({
    space: f.space,
    name: "dev",
    displayName: "Dev",
    description: "About",
    type: "dev",
    clusterId: NO_SUCH_ID,
    namespace: "team-dev",
    parentId: NO_SUCH_ID,
    variables: [{ name: "LOG_LEVEL", value: "debug" }],
    tags: ["team"],
    quota: DEFAULT_QUOTA.dev,
  }),
  "environment.update": (f) => ({
    space: f.space,
    environment: "dev",
    displayName: "Dev",
    description: "About",
    parentId: NO_SUCH_ID,
    variables: [{ name: "LOG_LEVEL", value: "debug" }],
    tags: ["team"],
    quota: DEFAULT_QUOTA.dev,
  }),
  "environment.extend": (f) => ({
    space: f.space,
    environment: "dev",
    expiresAt: new Date(Date.now() + 86_400_000),
  }),
  "environment.openWorkspace": (f) => ({ space: f.space, environment: "dev" }),
  "environment.delete": (f) => ({ space: f.space, environment: "dev", confirmName: "dev" }),
  "cluster.list": () => ({ query: "prod", cursor: "abc" }),
  "cluster.get": () => ({ name: "some-cluster" }),
  "cluster.inspectKubeconfig": () => ({ kubeconfig: "kind: Config\ncontexts: []\n" }),
  "cluster.register": () => ({
    ...CLUSTER_SETTINGS,
    name: "fresh-cluster",
    credentials: CLUSTER_CREDENTIALS,
  }),
  "cluster.update": () => ({ ...CLUSTER_SETTINGS, name: "some-cluster", hubCluster: "hub" }),
  "cluster.rotateCredentials": () => ({ name: "some-cluster", credentials: CLUSTER_CREDENTIALS }),
  "cluster.setCordoned": () => ({ name: "some-cluster", cordoned: true }),
  "cluster.check": () => ({ name: "some-cluster" }),
  "cluster.delete": () => ({ name: "some-cluster", confirmName: "some-cluster" }),
  "clusterSignIn.get": () => ({ name: "some-cluster" }),
  "clusterSignIn.set": () => ({
    name: "some-cluster",
    kind: "oidc",
    issuerUrl: "https://login.example.com",
    clientId: "slipway",
    clientSecret: "secret",
    scopes: "openid email",
    usernameClaim: "email",
    usernamePrefix: "oidc:",
    groupsClaim: "groups",
    groupsPrefix: "oidc:",
    caData: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
  }),
  "clusterSignIn.clear": () => ({ name: "some-cluster" }),
  "clusterSignIn.test": () => ({ name: "some-cluster" }),
  "connection.forEnvironment": (f) => ({ space: f.space, environment: "dev" }),
  "connection.health": (f) => ({ space: f.space, cursor: "abc" }),
  "connection.mine": () => ({ cursor: "abc" }),
  "connection.disconnect": () => ({ cluster: "some-cluster" }),
  "deploymentTargetClass.create": () => ({
    name: "fresh-class",
    description: "About",
    clusterId: NO_SUCH_ID,
    reclaimPolicy: "Delete",
    quota: {
      requestsCpu: "1",
      requestsMemory: "1Gi",
      limitsCpu: "2",
      limitsMemory: "2Gi",
      pods: "5",
    },
  }),
  "deploymentTargetClass.update": () => ({
    classId: NO_SUCH_ID,
    description: "About",
    reclaimPolicy: "Retain",
    quota: {
      requestsCpu: "1",
      requestsMemory: "1Gi",
      limitsCpu: "2",
      limitsMemory: "2Gi",
      pods: "5",
    },
  }),
  "deploymentTargetClass.delete": () => ({ classId: NO_SUCH_ID }),
  "deploymentTargetClass.list": () => ({ cursor: "abc" }),
  "deploymentTarget.list": () => ({ cursor: "abc" }),
  "deploymentTarget.register": () => ({
    classId: NO_SUCH_ID,
    name: "fresh-target",
    namespace: "fresh-ns",
  }),
  "deploymentTarget.delete": () => ({ targetId: NO_SUCH_ID }),
  "deploymentTarget.makeAvailable": () => ({ targetId: NO_SUCH_ID }),
  "deploymentTargetClaim.list": (f) => ({ space: f.space, cursor: "abc" }),
  "deploymentTargetClaim.get": (f) => ({ space: f.space, name: "some-claim" }),
  "deploymentTargetClaim.create": (f) => ({
    space: f.space,
    name: "fresh-claim",
    classId: NO_SUCH_ID,
  }),
  "deploymentTargetClaim.delete": (f) => ({ space: f.space, name: "some-claim" }),
  "application.list": (f) => ({ space: f.space, cursor: "abc" }),
  "application.get": (f) => ({ space: f.space, application: "shop" }),
  "application.stages": (f) => ({ space: f.space, application: "shop", cursor: "abc" }),
  "application.create": (f) => ({
    space: f.space,
    name: "shop",
    displayName: "Shop",
    components: [COMPONENT],
  }),
  "application.update": (f) => ({ space: f.space, application: "shop", displayName: "Shop" }),
  "application.setPipelineMap": (f) => ({
    space: f.space,
    application: "shop",
    stages: [{ name: "test", environment: "qa" }],
  }),
  "application.delete": (f) => ({ space: f.space, application: "shop", confirmName: "shop" }),
  "component.list": (f) => ({ space: f.space, application: "shop", cursor: "abc" }),
  "component.get": (f) => ({ space: f.space, application: "shop", component: "web" }),
  "component.create": (f) => ({ space: f.space, application: "shop", ...COMPONENT }),
  "component.update": (f) => {
    const { name: _name, ...fields } = COMPONENT;
    return { space: f.space, application: "shop", component: "web", ...fields };
  },
  "component.delete": (f) => ({ space: f.space, application: "shop", component: "web" }),
  "snapshot.list": (f) => ({ space: f.space, application: "shop", cursor: "abc" }),
  "snapshot.get": (f) => ({ space: f.space, application: "shop", snapshot: "s1" }),
  "snapshot.create": (f) => ({
    space: f.space,
    application: "shop",
    name: "s1",
    displayName: "First",
    description: "About",
    components: [{ name: "web", containerImage: "quay.io/team/web:1" }],
  }),
  "snapshot.update": (f) => ({
    space: f.space,
    application: "shop",
    snapshot: "s1",
    displayName: "First",
    description: "About",
  }),
  "snapshot.delete": (f) => ({ space: f.space, application: "shop", snapshot: "s1" }),
  "deployment.list": (f) => ({ space: f.space, environment: "dev", cursor: "abc" }),
  "binding.list": (f) => ({ space: f.space, application: "shop", cursor: "abc" }),
  "binding.get": (f) => ({ space: f.space, application: "shop", environment: "dev" }),
  "binding.create": (f) => ({ ...BINDING, space: f.space }),
  "binding.update": (f) => ({ ...BINDING, space: f.space }),
  "binding.delete": (f) => ({ space: f.space, application: "shop", environment: "dev" }),
  "syncRun.list": (f) => ({
    space: f.space,
    application: "shop",
    environment: "dev",
    component: "web",
    cursor: "abc",
  }),
  "syncRun.get": (f) => ({ space: f.space, id: NO_SUCH_ID }),
  "syncRun.create": (f) => ({
    space: f.space,
    application: "shop",
    environment: "dev",
    component: "web",
    revisionID: "main",
  }),
  "syncRun.cancel": (f) => ({ space: f.space, id: NO_SUCH_ID }),
  "promotion.preview": (f) => ({ ...PROMOTION, space: f.space }),
  "promotion.create": (f) => ({ ...PROMOTION, space: f.space }),
  "promotion.rollback": (f) => ({ ...PROMOTION, space: f.space }),
  "promotion.list": (f) => ({ space: f.space, application: "shop", cursor: "abc" }),
  "promotion.get": (f) => ({ space: f.space, application: "shop", promotionId: NO_SUCH_ID }),
  "promotion.history": (f) => ({
    space: f.space,
    application: "shop",
    environment: "dev",
    cursor: "abc",
  }),
  "repositoryCredential.list": (f) => ({ space: f.space, cursor: "abc" }),
  "repositoryCredential.get": (f) => ({ space: f.space, credentialId: NO_SUCH_ID }),
  "repositoryCredential.create": (f) => ({
    space: f.space,
    repository: "https://git.example.com/team/app.git",
    kind: "https",
    username: "deployer",
    token: "token",
    privateKey: "key",
  }),
  "repositoryCredential.rotate": (f) => ({
    space: f.space,
    credentialId: NO_SUCH_ID,
    kind: "https",
    username: "deployer",
    token: "token",
    privateKey: "key",
  }),
  "repositoryCredential.delete": (f) => ({ space: f.space, credentialId: NO_SUCH_ID }),
  "declarative.export": (f) => ({ space: f.space }),
  "declarative.plan": (f) => ({ space: f.space, yaml: "kind: Application" }),
  "declarative.import": (f) => ({ space: f.space, yaml: "kind: Application" }),
};

/** Control characters alone, and a NUL inside otherwise valid text. */
const BAD_TEXTS = ["\u0000", "\u0007", "\u001b", "valid\u0000text"];

type TSchema = z.core.$ZodType;

/** Zod wrappers whose inner schema holds the fields. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch"]);
/** Leaf types that take no free text. */
const NOT_TEXT = new Set([
  "number",
  "int",
  "boolean",
  "enum",
  "literal",
  "bigint",
  "date",
  "null",
  // Free-form JSON (snapshot artifacts) and fields a procedure refuses outright: their own
  // validators refuse control characters (lib/validators/snapshot.test.ts).
  "unknown",
]);

/** Dotted paths of every string field in a schema. */
function textFieldsOf(schema: TSchema, path: string[] = []): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "string") return [path.join(".")];
  if (WRAPPERS.has(def.type)) return textFieldsOf(def.innerType as TSchema, path);
  if (def.type === "pipe") return textFieldsOf(def.in as TSchema, path);
  // An array's elements are spoiled through its first one ("tags.0"); samples give one.
  if (def.type === "array") return textFieldsOf(def.element as TSchema, [...path, "0"]);
  if (def.type === "object")
    return Object.entries(def.shape as Record<string, TSchema>).flatMap(([key, field]) =>
      textFieldsOf(field, [...path, key]),
    );
  if (NOT_TEXT.has(def.type)) return [];
  throw new Error(
    `text-input test: teach textFieldsOf about zod type "${def.type}" at ${path.join(".")}`,
  );
}

/** Each procedure's text fields, from the input schemas it was built with. */
function proceduresWithText(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [path, procedure] of Object.entries(appRouter._def.procedures)) {
    const inputs = (procedure as unknown as { _def: { inputs: TSchema[] } })._def.inputs;
    const fields = [...new Set(inputs.flatMap((input) => textFieldsOf(input)))];
    if (fields.length > 0) found.set(path, fields.sort());
  }
  return found;
}

function withField(input: Record<string, unknown>, path: string, value: string) {
  const copy = structuredClone(input);
  const keys = path.split(".");
  let node = copy;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
  return copy;
}

async function refusalOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const fields: TFieldMessages =
      error.cause instanceof ZodError ? fieldMessagesOf(error.cause.issues) : {};
    return { code: error.code, fields };
  }
  return { code: "accepted", fields: {} as TFieldMessages };
}

const PROCEDURES = proceduresWithText();
const CASES = [...PROCEDURES].flatMap(([procedure, fields]) =>
  fields.map((field) => ({ procedure, field })),
);

describe("text input coverage", () => {
  it("has a sample input for every procedure that takes text, and for nothing else", () => {
    expect(PROCEDURES.size).toBeGreaterThan(0);
    const missing = [...PROCEDURES.keys()].filter((path) => !(path in SAMPLE_INPUTS));
    expect(missing, "add these procedures to SAMPLE_INPUTS in text-input.int.test.ts").toEqual([]);
    const stale = Object.keys(SAMPLE_INPUTS).filter((path) => !PROCEDURES.has(path));
    expect(stale, "these SAMPLE_INPUTS take no text (or no longer exist)").toEqual([]);
  });
});

describe.each(testDatabaseKinds())("text input (%s)", (kind) => {
  let handle: DatabaseHandle;
  let n = 0;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle.close();
  });

  /** An admin (so admin procedures let them through) who owns a space with one other member. */
  async function arrange(): Promise<{ actor: TTestUser; fixture: TFixture }> {
    n += 1;
    const actor = await createTestUser(handle.db, `text-admin-${n}`, { isAdmin: true });
    const member = await createTestUser(handle.db, `text-member-${n}`);
    const space = `text-${n}`;
    const created = await callerFor(handle.db, actor).space.create({
      name: space,
      displayName: "Text",
    });
    await handle.db
      .insert(spaceMembers)
      .values({ spaceId: created.id, userId: member.id, role: "viewer" });
    return { actor, fixture: { space, member } };
  }

  it.each(CASES)(
    "$procedure refuses control characters in $field with BAD_REQUEST on that field",
    async ({ procedure, field }) => {
      const { actor, fixture } = await arrange();
      const sample = SAMPLE_INPUTS[procedure]!(fixture);
      const call = procedureAt(callerFor(handle.db, actor), procedure);
      const auditBefore = (await handle.db.select().from(auditEvents)).length;

      for (const bad of BAD_TEXTS) {
        const refusal = await refusalOf(call(withField(sample, field, bad)));
        expect(refusal.code, `${JSON.stringify(bad)} in ${field}`).toBe("BAD_REQUEST");
        expect(refusal.fields[field]?.length, `${JSON.stringify(bad)} in ${field}`).toBeTruthy();
      }
      expect((await handle.db.select().from(auditEvents)).length).toBe(auditBefore);
    },
  );
});
