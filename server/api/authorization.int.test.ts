// The authorization matrix: every procedure of appRouter, called by every kind of caller. Adding a
// procedure without an entry here fails both the type check (TMatrix is mapped over the router's
// inputs) and the "covers every procedure" test below.
import { TRPCError, type inferRouterInputs } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  applications,
  auditEvents,
  clusters,
  components,
  environments,
  environmentWorkspaces,
  pipelineEnvironmentMaps,
  promotionRuns,
  repositoryCredentials,
  snapshotEnvironmentBindings,
  snapshots,
  spaceInvitations,
  spaceMembers,
  spaces,
  syncRuns,
} from "@/db/schema";
import {
  arrangeApplication,
  componentInput,
  type TApplicationFixture,
} from "@/testing/applications";
import { insertTestCluster, tokenRegistration } from "@/testing/clusters";
import { insertTestConnection } from "@/testing/connections";
import { applicationYaml } from "@/testing/declarative";
import { insertTestEnvironment, READY_STATUS } from "@/testing/environments";
import { insertCompletedPromotion } from "@/testing/promotions";
import { callerFor, createTestUser, procedureAt, type TTestUser } from "@/testing/callers";
import { arrangeTargets, type TTargetFixture } from "@/testing/deployment-targets";
import { arrangeSyncRuns, type TSyncRunFixture } from "@/testing/sync-runs";
import { openTestDatabase, testDatabaseKinds } from "@/testing/test-database";
import { DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { roleAtLeast, SPACE_ROLES, type TSpaceRole } from "@/lib/validators/space";
import { appRouter, type AppRouter } from "@/server/api/root";
import type { TActor } from "@/server/services/context";

type TInputs = inferRouterInputs<AppRouter>;

/** What each case gets: a fresh space and fresh users, so a successful mutation affects nothing else. */
interface TFixture {
  /** Name of a fresh space, created by someone other than the actor. */
  space: string;
  /** A contributor of that space who is not the actor (the one to re-role or remove). */
  target: TTestUser;
  /** A signed-up user who is not a member of the space (the one to invite). */
  outsider: TTestUser;
  /** An unused, valid space name. */
  freshName: string;
  /** A pending invitation into the space, to an address nobody signs in with (the one to revoke). */
  invitation: string;
  /** A pending invitation into the space addressed to the actor (the one to accept or decline). */
  actorInvitation: string;
  /**
   * A second space where the actor has the same role, holding environments and a deployment
   * target claim (a space with environments or claims cannot be deleted, so they live apart from
   * `space`).
   */
  envSpace: string;
  /** A cluster environments and the deployment target classes use. */
  clusterId: string;
  /** A registered cluster nothing uses (unreachable). */
  cluster: string;
  /** An unused, valid cluster name. */
  freshCluster: string;
  /** Deployment target classes, targets and a claim in envSpace, on `clusterId`. */
  targets: TTargetFixture;
  /**
   * In envSpace: application "shop" (component "web", snapshots s1 bound to "dev" and s2 free), an
   * environment "qa" it is not bound to, and a repository credential.
   */
  app: TApplicationFixture;
  /** GitOps deployments of app's binding: manual, automated, and manual with a Pending run. */
  runs: TSyncRunFixture;
  /** A completed promotion of s1 to "dev" (s2 ran there before): history to roll back to. */
  promotionId: string;
}

type TExpectedError = { code: TRPCError["code"]; message: string };

type TAccess =
  /** Any signed-in user. */
  | { kind: "signed-in" }
  /** Only administrators. */
  | { kind: "admin" }
  /** Members of the space with at least `minimum`; admins act as owners unless `adminNonMember` says otherwise. */
  | { kind: "space"; minimum: TSpaceRole; adminNonMember?: TExpectedError };

interface TEntry<TInput> {
  access: TAccess;
  input: (fixture: TFixture) => TInput;
}

type TMatrix = { [R in keyof TInputs]: { [P in keyof TInputs[R]]: TEntry<TInputs[R][P]> } };

const MATRIX: TMatrix = {
  viewer: {
    get: { access: { kind: "signed-in" }, input: () => undefined },
  },
  gettingStarted: {
    get: { access: { kind: "signed-in" }, input: () => undefined },
  },
  space: {
    list: { access: { kind: "signed-in" }, input: () => ({}) },
    create: {
      access: { kind: "signed-in" },
      input: (f) => ({ name: f.freshName, displayName: "Fresh" }),
    },
    get: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.space }) },
    update: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.space, displayName: "Renamed", description: "Changed" }),
    },
    delete: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.space, confirmName: f.space }),
    },
  },
  member: {
    list: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.space }) },
    updateRole: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.space, userId: f.target.id, role: "viewer" }),
    },
    remove: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.space, userId: f.target.id }),
    },
    leave: {
      access: {
        kind: "space",
        minimum: "viewer",
        adminNonMember: { code: "BAD_REQUEST", message: "You are not a member of this space." },
      },
      input: (f) => ({ space: f.space }),
    },
  },
  activity: {
    list: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.space }) },
  },
  admin: {
    activity: { access: { kind: "admin" }, input: (f) => ({ space: f.space }) },
    searchUsers: { access: { kind: "admin" }, input: (f) => ({ query: f.target.username }) },
  },
  environment: {
    list: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.envSpace }) },
    graph: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.envSpace }) },
    placements: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace }),
    },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, environment: "dev" }),
    },
    deployed: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, environment: "dev" }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        name: "stage",
        displayName: "Stage",
        type: "stage",
        clusterId: f.clusterId,
        quota: DEFAULT_QUOTA.stage,
      }),
    },
    update: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        environment: "dev",
        displayName: "Development",
        quota: DEFAULT_QUOTA.dev,
      }),
    },
    extend: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        environment: "dev",
        expiresAt: new Date(Date.now() + 5 * 86_400_000),
      }),
    },
    openWorkspace: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({ space: f.envSpace, environment: "dev" }),
    },
    delete: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.envSpace, environment: "dev", confirmName: "dev" }),
    },
  },
  cluster: {
    list: { access: { kind: "admin" }, input: () => ({}) },
    get: { access: { kind: "admin" }, input: (f) => ({ name: f.cluster }) },
    choices: { access: { kind: "signed-in" }, input: () => undefined },
    inspectKubeconfig: {
      access: { kind: "admin" },
      input: () => ({
        kubeconfig:
          "kind: Config\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]\nusers: [{name: u, user: {token: t}}]\n",
      }),
    },
    register: { access: { kind: "admin" }, input: (f) => tokenRegistration(f.freshCluster) },
    update: {
      access: { kind: "admin" },
      input: (f) => ({ name: f.cluster, apiUrl: "https://127.0.0.1:1", displayName: "Edited" }),
    },
    rotateCredentials: {
      access: { kind: "admin" },
      input: (f) => ({ name: f.cluster, credentials: { source: "token", token: "rotated" } }),
    },
    setCordoned: { access: { kind: "admin" }, input: (f) => ({ name: f.cluster, cordoned: true }) },
    check: { access: { kind: "admin" }, input: (f) => ({ name: f.cluster }) },
    delete: {
      access: { kind: "admin" },
      input: (f) => ({ name: f.cluster, confirmName: f.cluster }),
    },
  },
  clusterSignIn: {
    get: { access: { kind: "admin" }, input: (f) => ({ name: f.cluster }) },
    set: {
      access: { kind: "admin" },
      input: (f) => ({
        name: f.cluster,
        kind: "oidc",
        issuerUrl: "https://login.example.com",
        clientId: "slipway",
        publicClient: true,
      }),
    },
    clear: { access: { kind: "admin" }, input: (f) => ({ name: f.cluster }) },
    test: { access: { kind: "admin" }, input: (f) => ({ name: f.cluster }) },
  },
  // Each person sees and disconnects only their own connections (the actor has one to `cluster`;
  // another person's cannot even be named: see connection.int.test.ts).
  connection: {
    forEnvironment: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, environment: "dev" }),
    },
    health: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.envSpace }) },
    mine: { access: { kind: "signed-in" }, input: () => ({}) },
    disconnect: { access: { kind: "signed-in" }, input: (f) => ({ cluster: f.cluster }) },
  },
  invitation: {
    create: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.space, email: f.outsider.email, role: "viewer" }),
    },
    list: { access: { kind: "space", minimum: "owner" }, input: (f) => ({ space: f.space }) },
    revoke: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.space, invitationId: f.invitation }),
    },
    // Anyone signed in answers the invitations addressed to them (refusing others' is tested in
    // invitation.int.test.ts); an existing member accepting keeps the higher role.
    mine: { access: { kind: "signed-in" }, input: () => ({}) },
    mineCount: { access: { kind: "signed-in" }, input: () => undefined },
    accept: {
      access: { kind: "signed-in" },
      input: (f) => ({ invitationId: f.actorInvitation }),
    },
    decline: {
      access: { kind: "signed-in" },
      input: (f) => ({ invitationId: f.actorInvitation }),
    },
  },
  deploymentTargetClass: {
    list: { access: { kind: "signed-in" }, input: () => ({}) },
    create: {
      access: { kind: "admin" },
      input: (f) => ({
        name: f.freshName,
        clusterId: f.clusterId,
        reclaimPolicy: "Delete",
      }),
    },
    update: {
      access: { kind: "admin" },
      input: (f) => ({
        classId: f.targets.classId,
        description: "Changed",
        reclaimPolicy: "Retain",
        quota: { pods: "10" },
      }),
    },
    delete: { access: { kind: "admin" }, input: (f) => ({ classId: f.targets.unusedClassId }) },
  },
  deploymentTarget: {
    list: { access: { kind: "admin" }, input: () => ({}) },
    register: {
      access: { kind: "admin" },
      input: (f) => ({ classId: f.targets.classId, name: f.freshName, namespace: f.freshName }),
    },
    delete: { access: { kind: "admin" }, input: (f) => ({ targetId: f.targets.freeTargetId }) },
    makeAvailable: {
      access: { kind: "admin" },
      input: (f) => ({ targetId: f.targets.releasedTargetId }),
    },
  },
  application: {
    list: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.envSpace }) },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application }),
    },
    stages: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        name: f.freshName,
        displayName: "Fresh",
        components: [componentInput("api")],
      }),
    },
    update: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({ space: f.envSpace, application: f.app.application, displayName: "Shop 2" }),
    },
    setPipelineMap: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        stages: [{ name: "test", environment: "qa" }],
      }),
    },
    delete: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        confirmName: f.app.application,
      }),
    },
  },
  component: {
    list: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application }),
    },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application, component: "web" }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        ...componentInput("api"),
      }),
    },
    update: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => {
        const { name: _name, ...fields } = componentInput("web", {
          containerImage: "quay.io/team/web:2",
        });
        return { space: f.envSpace, application: f.app.application, component: "web", ...fields };
      },
    },
    delete: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.envSpace, application: f.app.application, component: "web" }),
    },
  },
  snapshot: {
    list: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application }),
    },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application, snapshot: "s1" }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        name: f.freshName,
        displayName: "Fresh",
        components: [{ name: "web", containerImage: "quay.io/team/web:3" }],
      }),
    },
    update: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        snapshot: "s1",
        displayName: "Known good",
      }),
    },
    delete: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.envSpace, application: f.app.application, snapshot: "s2" }),
    },
  },
  deployment: {
    list: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application }),
    },
  },
  syncRun: {
    list: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        environment: "dev",
        component: f.runs.busyComponent,
      }),
    },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, id: f.runs.pendingRunId }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        environment: "dev",
        component: f.runs.manualComponent,
      }),
    },
    cancel: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({ space: f.envSpace, id: f.runs.pendingRunId }),
    },
  },
  promotion: {
    preview: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        snapshot: "s2",
        environment: "dev",
      }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        snapshot: "s2",
        environment: "qa",
      }),
    },
    rollback: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        snapshot: "s2",
        environment: "dev",
      }),
    },
    list: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application }),
    },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        promotionId: f.promotionId,
      }),
    },
    history: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application, environment: "dev" }),
    },
  },
  binding: {
    list: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application }),
    },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, application: f.app.application, environment: "dev" }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        environment: "qa",
        snapshot: "s1",
      }),
    },
    update: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        application: f.app.application,
        environment: "dev",
        snapshot: "s2",
      }),
    },
    delete: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.envSpace, application: f.app.application, environment: "dev" }),
    },
  },
  repositoryCredential: {
    list: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.envSpace }) },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, credentialId: f.app.credentialId }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        repository: `https://git.example.com/team/${f.freshName}.git`,
        kind: "https",
        username: "deployer",
        token: "new-token",
      }),
    },
    rotate: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({
        space: f.envSpace,
        credentialId: f.app.credentialId,
        kind: "https",
        username: "deployer",
        token: "rotated-token",
      }),
    },
    delete: {
      access: { kind: "space", minimum: "owner" },
      input: (f) => ({ space: f.envSpace, credentialId: f.app.credentialId }),
    },
  },
  declarative: {
    export: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.envSpace }) },
    plan: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({ space: f.space, yaml: applicationYaml(f.freshName) }),
    },
    import: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({ space: f.space, yaml: applicationYaml(f.freshName) }),
    },
  },
  deploymentTargetClaim: {
    list: { access: { kind: "space", minimum: "viewer" }, input: (f) => ({ space: f.envSpace }) },
    get: {
      access: { kind: "space", minimum: "viewer" },
      input: (f) => ({ space: f.envSpace, name: f.targets.claim }),
    },
    create: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({ space: f.envSpace, name: f.freshName, classId: f.targets.classId }),
    },
    delete: {
      access: { kind: "space", minimum: "contributor" },
      input: (f) => ({ space: f.envSpace, name: f.targets.claim }),
    },
  },
};

const ENTRIES: [string, TEntry<unknown>][] = Object.entries(MATRIX).flatMap(
  ([router, procedures]) =>
    Object.entries(procedures as Record<string, TEntry<unknown>>).map(
      ([name, entry]): [string, TEntry<unknown>] => [`${router}.${name}`, entry],
    ),
);

type TCallerKind = "signed-out" | "non-member" | TSpaceRole | "admin";
const CALLER_KINDS: TCallerKind[] = [
  "signed-out",
  "non-member",
  ...[...SPACE_ROLES].reverse(),
  "admin",
];

/** What a user below the minimum role is told (written out here, not imported, so a change shows). */
const ROLE_REQUIRED: Record<TSpaceRole, string> = {
  owner: "You need to be an owner of this space to do this.",
  contributor: "You need to be at least a contributor of this space to do this.",
  viewer: "You need to be at least a viewer of this space to do this.",
};

/** null means the call must succeed. */
function expectedOutcome(
  access: TAccess,
  caller: TCallerKind,
  space: string,
): TExpectedError | null {
  if (caller === "signed-out") return { code: "UNAUTHORIZED", message: "Sign in to continue." };
  switch (access.kind) {
    case "signed-in":
      return null;
    case "admin":
      return caller === "admin"
        ? null
        : { code: "FORBIDDEN", message: "Only administrators can do this." };
    case "space":
      if (caller === "non-member") {
        return {
          code: "NOT_FOUND",
          message: `Space "${space}" was not found, or you do not have access to it.`,
        };
      }
      if (caller === "admin") return access.adminNonMember ?? null;
      return roleAtLeast(caller, access.minimum)
        ? null
        : {
            code: "FORBIDDEN",
            message: ROLE_REQUIRED[access.minimum],
          };
  }
}

async function outcomeOf(promise: Promise<unknown>): Promise<TExpectedError | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
}

describe("authorization matrix", () => {
  it("covers every procedure of appRouter, and nothing else", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.length).toBeGreaterThan(0);
    expect(ENTRIES.map(([path]) => path).sort()).toEqual(procedures);
  });
});

describe.each(testDatabaseKinds())("authorization (%s)", (kind) => {
  let handle: DatabaseHandle;
  let n = 0;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle.close();
  });

  async function arrange(
    callerKind: TCallerKind,
  ): Promise<{ fixture: TFixture; actor: TActor | null }> {
    n += 1;
    const db = handle.db;
    const creator = await createTestUser(db, `creator-${n}`);
    const space = `space-${n}`;
    const created = await callerFor(db, creator).space.create({
      name: space,
      displayName: `Space ${n}`,
    });
    const target = await createTestUser(db, `target-${n}`);
    await db
      .insert(spaceMembers)
      .values({ spaceId: created.id, userId: target.id, role: "contributor" });
    const outsider = await createTestUser(db, `outsider-${n}`);
    const invite = async (email: string) => {
      const [row] = await db
        .insert(spaceInvitations)
        .values({
          spaceId: created.id,
          email,
          role: "viewer",
          invitedBy: creator.id,
          expiresAt: new Date(Date.now() + 86_400_000),
        })
        .returning({ id: spaceInvitations.id });
      if (!row) throw new Error("invitation insert returned nothing");
      return row.id;
    };
    const envSpace = `env-space-${n}`;
    const withEnvironments = await callerFor(db, creator).space.create({
      name: envSpace,
      displayName: `Environments ${n}`,
    });
    const cluster = await insertTestCluster(db, `env-cluster-${n}`);
    const dev = await insertTestEnvironment(db, {
      spaceId: withEnvironments.id,
      name: "dev",
      type: "dev",
      clusterId: cluster.id,
      namespace: `${envSpace}-dev`,
      status: READY_STATUS,
      expiresAt: new Date(Date.now() + 2 * 86_400_000),
    });
    await insertTestEnvironment(db, {
      spaceId: withEnvironments.id,
      name: "qa",
      clusterId: cluster.id,
      namespace: `${envSpace}-qa`,
      status: READY_STATUS,
    });
    const app = await arrangeApplication(db, withEnvironments.id, dev.id);
    const actorName = callerKind === "admin" ? `admin-${n}` : `actor-${n}`;
    const unusedCluster = await insertTestCluster(db, `cluster-${n}`);
    const fixture: TFixture = {
      space,
      target,
      outsider,
      freshName: `fresh-${n}`,
      invitation: await invite(`invitee-${n}@example.org`),
      actorInvitation: await invite(`${actorName}@example.com`),
      envSpace,
      clusterId: cluster.id,
      cluster: unusedCluster.name,
      freshCluster: `fresh-cluster-${n}`,
      targets: await arrangeTargets(db, withEnvironments.id, cluster.id, n),
      app,
      runs: await arrangeSyncRuns(db, app.applicationId, cluster.id),
      promotionId: await insertCompletedPromotion(db, {
        spaceId: withEnvironments.id,
        applicationId: app.applicationId,
        environmentId: dev.id,
        snapshot: "s1",
        previous: "s2",
      }),
    };

    if (callerKind === "signed-out") return { fixture, actor: null };
    const actor = await createTestUser(db, actorName, { isAdmin: callerKind === "admin" });
    await insertTestConnection(db, { userId: actor.id, clusterId: unusedCluster.id });
    if (callerKind === "admin") return { fixture, actor };
    if (callerKind !== "non-member") {
      await db.insert(spaceMembers).values([
        { spaceId: created.id, userId: actor.id, role: callerKind },
        { spaceId: withEnvironments.id, userId: actor.id, role: callerKind },
      ]);
    }
    return { fixture, actor };
  }

  async function rowCounts() {
    const db = handle.db;
    const [
      audit,
      members,
      allSpaces,
      invitations,
      envs,
      workspaces,
      allClusters,
      apps,
      allComponents,
      allSnapshots,
      bindings,
      stages,
      credentials,
      runs,
      promotions,
    ] = await Promise.all([
      db.select().from(auditEvents),
      db.select().from(spaceMembers),
      db.select().from(spaces),
      db.select({ status: spaceInvitations.status }).from(spaceInvitations),
      db.select().from(environments),
      db.select().from(environmentWorkspaces),
      db
        .select({
          name: clusters.name,
          generation: clusters.generation,
          cordoned: clusters.cordoned,
        })
        .from(clusters),
      db.select({ id: applications.id, displayName: applications.displayName }).from(applications),
      db.select().from(components),
      db.select({ id: snapshots.id, displayName: snapshots.displayName }).from(snapshots),
      db.select().from(snapshotEnvironmentBindings),
      db.select().from(pipelineEnvironmentMaps),
      db
        .select({ id: repositoryCredentials.id, secret: repositoryCredentials.secret })
        .from(repositoryCredentials),
      db.select().from(syncRuns),
      db.select().from(promotionRuns),
    ]);
    const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort();
    return {
      clusters: allClusters.sort((a, b) => a.name.localeCompare(b.name)),
      audit: audit.length,
      members: members.length,
      spaces: allSpaces.length,
      invitations: invitations.map((i) => i.status).sort(),
      environments: envs
        .map(
          (e) => `${e.id}:${e.generation}:${e.expiresAt?.toISOString()}:${!!e.deletionRequestedAt}`,
        )
        .sort(),
      workspaces: workspaces.length,
      applications: sorted(apps),
      components: sorted(allComponents),
      snapshots: sorted(allSnapshots),
      bindings: sorted(bindings),
      pipelineStages: sorted(stages),
      repositoryCredentials: sorted(credentials),
      syncRuns: sorted(runs),
      promotions: sorted(promotions),
    };
  }

  const cases = ENTRIES.flatMap(([path, entry]) =>
    CALLER_KINDS.map((callerKind) => {
      const expected = expectedOutcome(entry.access, callerKind, "<space>");
      const label = expected ? `${expected.code}` : "succeeds";
      return { path, entry, callerKind, label };
    }),
  );

  it.each(cases)("$path as $callerKind: $label", async ({ path, entry, callerKind }) => {
    const { fixture, actor } = await arrange(callerKind);
    // The space the input names (environment procedures use the fixture's second space).
    const input = entry.input(fixture) as { space?: string } | undefined;
    const expected = expectedOutcome(entry.access, callerKind, input?.space ?? fixture.space);
    const before = await rowCounts();

    const outcome = await outcomeOf(procedureAt(callerFor(handle.db, actor), path)(input));

    expect(outcome).toEqual(expected);
    // A refused call writes nothing.
    if (expected) expect(await rowCounts()).toEqual(before);
  });

  it("gives every space procedure NOT_FOUND for a space that does not exist, even to an admin", async () => {
    const spaceEntries = ENTRIES.filter(([, entry]) => entry.access.kind === "space");
    expect(spaceEntries.length).toBeGreaterThan(0);
    for (const callerKind of ["owner", "admin"] as const) {
      const { fixture, actor } = await arrange(callerKind);
      const missing = { ...fixture, space: `missing-${n}`, envSpace: `missing-${n}` };
      for (const [path, entry] of spaceEntries) {
        const outcome = await outcomeOf(
          procedureAt(callerFor(handle.db, actor), path)(entry.input(missing)),
        );
        expect(outcome, `${path} as ${callerKind}`).toEqual({
          code: "NOT_FOUND",
          message: `Space "${missing.space}" was not found, or you do not have access to it.`,
        });
      }
    }
  });

  it("applies the caller's role in this space only, not their role elsewhere", async () => {
    // An owner of one space who is a viewer of another is a viewer there.
    const { fixture, actor } = await arrange("viewer");
    if (!actor) throw new Error("expected a signed-in actor");
    await callerFor(handle.db, actor).space.create({ name: `own-${n}`, displayName: "Own" });
    const api = callerFor(handle.db, actor);
    const update = await outcomeOf(
      api.space.update({ space: fixture.space, displayName: "Mine now", description: "" }),
    );
    expect(update).toMatchObject({ code: "FORBIDDEN" });
    await expect(
      api.space.update({ space: `own-${n}`, displayName: "Mine", description: "" }),
    ).resolves.toMatchObject({
      displayName: "Mine",
    });
  });
});
