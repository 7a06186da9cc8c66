// Cluster and repository credentials never reach the browser: register clusters whose token,
// client key, certificate and CA are known strings, and repository credentials with a known token
// and SSH key, then call every query of appRouter (the list is read from the router, so a new
// query is covered as soon as it exists) as an admin and as a developer, plus the mutations'
// answers, and look for those strings, their base64, their PEM bodies and their sealed values.
import type { KubernetesObject } from "@kubernetes/client-node";
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeTestServer, type KubeTestServer } from "@/k8s-test-server/index";
import { and, eq } from "drizzle-orm";
import {
  applications,
  clusterUserSignIns,
  environments,
  repositoryCredentials,
  snapshotEnvironmentBindings,
  spaces,
} from "@/db/schema";
import type { Db } from "@/db/client";
import { DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { appRouter } from "@/server/api/root";
import { openSecret } from "@/server/crypto/secret-box";
import { ClusterClientPool } from "@/server/k8s/client-pool";
import {
  buildArgoRepositorySecret,
  type TRepositoryAuth,
} from "@/server/k8s/manifests/argo-repository-secret";
import { targetReconcileDeps } from "@/server/reconciler/deployment-target-deps";
import { recordManagedObjects } from "@/server/reconciler/managed-objects";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import { componentInput, testSshPrivateKey } from "@/testing/applications";
import { callerFor, createTestUser, procedureAt, type TTestUser } from "@/testing/callers";
import { provisionClaim } from "@/testing/deployment-targets";
import { FAKE_TOKENS, insertTestConnection } from "@/testing/connections";
import { insertCompletedPromotion } from "@/testing/promotions";
import { testDatabaseKinds } from "@/testing/test-database";
import { arrangeSyncRuns } from "@/testing/sync-runs";
import { useTestDatabase } from "@/testing/use-test-database";

const TOKEN = "tok-SECRET-7f3a9c1e5b2d";
const SIGN_IN_SECRET = "oidc-client-SECRET-4e8b2a";
const CERT_BODY = "MIIBCERTIFICATEBODYSECRET0123456789abcdef";
const KEY_BODY = "MIIEPRIVATEKEYBODYSECRET0123456789abcdef";
const pem = (kind: string, body: string) =>
  `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
const b64 = (text: string) => Buffer.from(text).toString("base64");

const CERT_KUBECONFIG = `apiVersion: v1
kind: Config
current-context: c
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", certificate-authority-data: ${b64(pem("CERTIFICATE", CERT_BODY))}}}]
users: [{name: u, user: {client-certificate-data: ${b64(pem("CERTIFICATE", CERT_BODY))}, client-key-data: ${b64(pem("EC PRIVATE KEY", KEY_BODY))}}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
`;

/** Repository credentials: a token and an SSH private key that must never come back either. */
const REPO_TOKEN = "ghp_REPOSECRET0123456789abcdefghijklmn";
const SSH_KEY = testSshPrivateKey();
const SSH_KEY_BODY_LINE = SSH_KEY.split("\n")[1] ?? "";

/** An Argo CD repository Secret as a binding's pass builds it, with kubectl's copy of it too. */
function repositorySecret(bindingId: string, credentialId: string, auth: TRepositoryAuth) {
  const secret = buildArgoRepositorySecret({
    bindingId,
    credentialId,
    spaceName: "s",
    environmentName: "dev",
    argoCdNamespace: "argocd",
    repository: "https://git.example.com/team/private.git",
    auth,
  });
  const lastApplied = JSON.stringify(secret);
  return {
    ...secret,
    metadata: {
      ...secret.metadata,
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": lastApplied },
    },
  };
}

/** Records Secrets as managed objects the way a pass does once the cluster accepted them. */
async function recordAsApplied(
  db: Db,
  owner: string,
  clusterId: string,
  secrets: KubernetesObject[],
) {
  const results = secrets.map((secret, i) => ({
    desired: secret,
    applied: { ...secret, metadata: { ...secret.metadata, uid: `uid-${i}`, resourceVersion: "1" } },
  }));
  await recordManagedObjects(db, owner, clusterId, results, () => "", []);
}

type TQueryFixture = {
  space: string;
  cluster: string;
  credential: string;
  syncRun: string;
  promotion: string;
};

/** Inputs for queries that need some; every other query is called without input. */
const QUERY_INPUTS: Record<string, (f: TQueryFixture) => unknown> = {
  "space.list": () => ({}),
  "space.get": (f) => ({ space: f.space }),
  "member.list": (f) => ({ space: f.space }),
  "activity.list": (f) => ({ space: f.space }),
  "invitation.list": (f) => ({ space: f.space }),
  "invitation.mine": () => ({}),
  "admin.activity": () => ({}),
  "admin.searchUsers": () => ({ query: "a" }),
  "cluster.list": () => ({}),
  "cluster.get": (f) => ({ name: f.cluster }),
  "clusterSignIn.get": (f) => ({ name: f.cluster }),
  "connection.forEnvironment": (f) => ({ space: f.space, environment: "dev" }),
  "connection.health": (f) => ({ space: f.space }),
  "connection.mine": () => ({}),
  "environment.list": (f) => ({ space: f.space }),
  "environment.graph": (f) => ({ space: f.space }),
  "environment.placements": (f) => ({ space: f.space }),
  "environment.get": (f) => ({ space: f.space, environment: "dev" }),
  "environment.deployed": (f) => ({ space: f.space, environment: "dev" }),
  "deploymentTargetClass.list": () => ({}),
  "deploymentTarget.list": () => ({}),
  "deploymentTargetClaim.list": (f) => ({ space: f.space }),
  "deploymentTargetClaim.get": (f) => ({ space: f.space, name: "claimed" }),
  "application.list": (f) => ({ space: f.space }),
  "application.get": (f) => ({ space: f.space, application: "shop" }),
  "application.stages": (f) => ({ space: f.space, application: "shop" }),
  "component.list": (f) => ({ space: f.space, application: "shop" }),
  "component.get": (f) => ({ space: f.space, application: "shop", component: "web" }),
  "snapshot.list": (f) => ({ space: f.space, application: "shop" }),
  "snapshot.get": (f) => ({ space: f.space, application: "shop", snapshot: "first" }),
  "deployment.list": (f) => ({ space: f.space, application: "shop" }),
  "binding.list": (f) => ({ space: f.space, application: "shop" }),
  "binding.get": (f) => ({ space: f.space, application: "shop", environment: "dev" }),
  "declarative.export": (f) => ({ space: f.space }),
  "syncRun.list": (f) => ({
    space: f.space,
    application: "shop",
    environment: "dev",
    component: "worker",
  }),
  "syncRun.get": (f) => ({ space: f.space, id: f.syncRun }),
  "promotion.preview": (f) => ({
    space: f.space,
    application: "shop",
    snapshot: "first",
    environment: "dev",
  }),
  "promotion.list": (f) => ({ space: f.space, application: "shop" }),
  "promotion.get": (f) => ({ space: f.space, application: "shop", promotionId: f.promotion }),
  "promotion.history": (f) => ({ space: f.space, application: "shop", environment: "dev" }),
  "repositoryCredential.list": (f) => ({ space: f.space }),
  "repositoryCredential.get": (f) => ({ space: f.space, credentialId: f.credential }),
};

const QUERIES = Object.entries(appRouter._def.procedures)
  .filter(([, p]) => (p as unknown as { _def: { type: string } })._def.type === "query")
  .map(([path]) => path);

describe.each(testDatabaseKinds())("cluster credentials never leave the server (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let admin: TTestUser;
  let developer: TTestUser;
  const secrets: string[] = [];
  const answers: unknown[] = [];
  /** Each space's ssh repository credential (the one repositoryCredential.get reads). */
  const credentials = new Map<string, string>();
  const syncRunIds = new Map<string, string>();
  /** Each space's completed promotion of "first" to "dev" (the one promotion.get reads). */
  const promotions = new Map<string, string>();

  beforeAll(async () => {
    server = await startKubeTestServer();
    const db = database().db;
    admin = await createTestUser(db, "secret-admin", { isAdmin: true });
    developer = await createTestUser(db, "secret-dev");
    const api = callerFor(db, admin);
    await api.space.create({ name: "secret-space", displayName: "S" });
    await callerFor(db, developer).space.create({ name: "dev-space", displayName: "D" });
    answers.push(
      await api.cluster.inspectKubeconfig({ kubeconfig: server.kubeconfigYaml }),
      await api.cluster.inspectKubeconfig({ kubeconfig: CERT_KUBECONFIG }),
      await api.cluster.register({
        name: "live",
        credentials: { source: "kubeconfig", kubeconfig: server.kubeconfigYaml },
      }),
      await api.cluster.register({
        name: "cert",
        credentials: { source: "kubeconfig", kubeconfig: CERT_KUBECONFIG },
      }),
      await api.cluster.register({
        name: "token",
        apiUrl: "https://127.0.0.1:1",
        credentials: { source: "token", token: TOKEN, caData: pem("CERTIFICATE", CERT_BODY) },
      }),
      await api.cluster.rotateCredentials({
        name: "token",
        credentials: { source: "token", token: `${TOKEN}-2` },
      }),
      await api.cluster.update({ name: "cert", apiUrl: "https://127.0.0.1:1", displayName: "C" }),
      await api.cluster.check({ name: "live" }),
    );
    // An environment on the live cluster in each space, so the environment queries answer, and a
    // claim bound to a target provisioned there, whose ServiceAccount token is sealed in its row.
    const live = await api.cluster.get({ name: "live" });
    const targetClass = await api.deploymentTargetClass.create({
      name: "secret-class",
      clusterId: live.id,
      reclaimPolicy: "Delete",
    });
    const pool = new ClusterClientPool();
    for (const [user, space] of [
      [admin, "secret-space"],
      [developer, "dev-space"],
    ] as const) {
      await callerFor(db, user).environment.create({
        space,
        name: "dev",
        displayName: "Dev",
        type: "dev",
        clusterId: live.id,
        quota: DEFAULT_QUOTA.dev,
      });
      const claim = await callerFor(db, user).deploymentTargetClaim.create({
        space,
        name: "claimed",
        classId: targetClass.id,
      });
      // An application bound to the environment, and both kinds of repository credential.
      const api = callerFor(db, user);
      const shop = await api.application.create({
        space,
        name: "shop",
        displayName: "Shop",
        components: [componentInput("web")],
      });
      answers.push(
        shop,
        await api.snapshot.create({
          space,
          application: "shop",
          name: "first",
          displayName: "First",
          components: [{ name: "web", containerImage: "quay.io/team/web:1" }],
        }),
        await api.binding.create({
          space,
          application: "shop",
          environment: "dev",
          snapshot: "first",
        }),
        await api.repositoryCredential.create({
          space,
          repository: "https://git.example.com/team/private.git",
          kind: "https",
          username: "deployer",
          token: REPO_TOKEN,
        }),
      );
      const ssh = await api.repositoryCredential.create({
        space,
        repository: "ssh://git@git.example.com/team/private.git",
        kind: "ssh",
        privateKey: SSH_KEY,
      });
      credentials.set(space, ssh.id);
      // The binding's repository Secrets as its pass records them (their values go through the
      // redaction binding.get's answer is scanned for).
      const [bound] = await db
        .select({ id: snapshotEnvironmentBindings.id })
        .from(snapshotEnvironmentBindings)
        .innerJoin(spaces, eq(spaces.id, snapshotEnvironmentBindings.spaceId))
        .where(eq(spaces.name, space));
      await recordAsApplied(db, reconcileKey("binding", bound!.id), live.id, [
        repositorySecret(bound!.id, ssh.id, { kind: "ssh", sshPrivateKey: SSH_KEY }),
        repositorySecret(bound!.id, "https", {
          kind: "https",
          username: "deployer",
          password: REPO_TOKEN,
        }),
      ]);
      // Deployments as the binding's reconcile records them, one with a sync run.
      syncRunIds.set(space, (await arrangeSyncRuns(db, shop.id, live.id)).pendingRunId);
      const [ids] = await db
        .select({
          spaceId: spaces.id,
          applicationId: applications.id,
          environmentId: environments.id,
        })
        .from(spaces)
        .innerJoin(applications, eq(applications.spaceId, spaces.id))
        .innerJoin(environments, eq(environments.spaceId, spaces.id))
        .where(
          and(eq(spaces.name, space), eq(applications.name, "shop"), eq(environments.name, "dev")),
        );
      if (!ids) throw new Error("no application or environment to promote");
      promotions.set(space, await insertCompletedPromotion(db, { ...ids, snapshot: "first" }));
      answers.push(
        ssh,
        await api.repositoryCredential.rotate({
          space,
          credentialId: ssh.id,
          kind: "ssh",
          privateKey: SSH_KEY,
        }),
      );
      const target = await provisionClaim(targetReconcileDeps(db, pool), claim.id);
      if (!target.credentials) throw new Error("the target has no token");
      secrets.push(target.credentials, openSecret(target.credentials));
    }
    pool.close();
    // The live cluster as a hub: the Argo CD cluster Secret of a spoke reached with TOKEN.
    const spokeConfig = b64(JSON.stringify({ bearerToken: TOKEN }));
    secrets.push(spokeConfig);
    await recordAsApplied(db, reconcileKey("cluster", live.id), live.id, [
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "cluster-spoke", namespace: "argocd" },
        data: { config: spokeConfig },
      } as KubernetesObject,
    ]);
    const adminToken = server.adminToken;
    for (const secret of [
      TOKEN,
      CERT_BODY,
      KEY_BODY,
      adminToken,
      server.caPem.split("\n")[1] ?? "",
    ])
      secrets.push(secret, b64(secret));
    // The sealed values too: sealed is not the same as fit to send.
    const sealed = await db
      .select({ secret: repositoryCredentials.secret })
      .from(repositoryCredentials);
    expect(sealed).toHaveLength(4);
    for (const row of sealed) secrets.push(row.secret);
    for (const secret of [REPO_TOKEN, SSH_KEY_BODY_LINE]) secrets.push(secret, b64(secret));
    secrets.push(b64(SSH_KEY));
    // A user sign-in client secret on the live cluster: only "set" may come back.
    answers.push(
      await api.clusterSignIn.set({
        name: "live",
        kind: "oidc",
        issuerUrl: "https://login.example.com",
        clientId: "slipway",
        clientSecret: SIGN_IN_SECRET,
      }),
    );
    const [signIn] = await db.select().from(clusterUserSignIns);
    secrets.push(SIGN_IN_SECRET, b64(SIGN_IN_SECRET), signIn?.clientSecret ?? "missing");
    // Both people connected to it: their tokens and the sealed value must not come back either.
    for (const user of [admin, developer]) {
      const connection = await insertTestConnection(db, { userId: user.id, clusterId: live.id });
      secrets.push(connection.tokens);
    }
    for (const token of Object.values(FAKE_TOKENS)) secrets.push(token, b64(token));
    secrets.push(
      b64(pem("CERTIFICATE", CERT_BODY)),
      b64(pem("EC PRIVATE KEY", KEY_BODY)),
      b64(server.caPem),
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(["admin", "developer"] as const)(
    "answers no query with credential material (%s)",
    async (who) => {
      const db = database().db;
      const caller = callerFor(db, who === "admin" ? admin : developer);
      const space = who === "admin" ? "secret-space" : "dev-space";
      const fixture = {
        space,
        cluster: "live",
        credential: credentials.get(space) ?? "",
        syncRun: syncRunIds.get(space) ?? "",
        promotion: promotions.get(space) ?? "",
      };
      const seen: unknown[] = [...answers];
      const refused: string[] = [];
      for (const path of QUERIES) {
        const inputs =
          path === "cluster.get"
            ? ["live", "cert", "token"].map((cluster) => ({ name: cluster }))
            : [QUERY_INPUTS[path]?.(fixture)];
        for (const input of inputs) {
          try {
            seen.push(await procedureAt(caller, path)(input));
          } catch (error) {
            // A developer is refused admin queries: the refusal is scanned too.
            if (!(error instanceof TRPCError)) throw error;
            refused.push(`${path}: ${error.code}`);
            seen.push(error.message);
          }
        }
      }
      // Every query really ran (a missing input would hide it); a developer is refused admin ones only.
      const adminOnly = QUERIES.filter(
        (p) =>
          p.startsWith("admin.") ||
          p.startsWith("clusterSignIn.") ||
          p === "cluster.list" ||
          p === "cluster.get" ||
          p === "deploymentTarget.list",
      );
      const expectedRefusals =
        who === "admin"
          ? []
          : adminOnly
              .flatMap((p) => (p === "cluster.get" ? [p, p, p] : [p]))
              .map((p) => `${p}: FORBIDDEN`);
      expect(refused, "add the query's input to QUERY_INPUTS").toEqual(expectedRefusals);
      const text = JSON.stringify(superjson.serialize(seen));
      expect(text).toContain("live");
      // The credentials were really listed (by URL and whether a secret is held), just not their secrets.
      expect(text).toContain("ssh://git@git.example.com/team/private.git");
      expect(text).toContain('"hasPrivateKey":true');
      expect(text).toContain('"clientSecretSet":true');
      expect(text).toContain('"kind":"connected"');
      // The Secrets Slipway wrote were really listed (binding.get; cluster.get for admins), redacted.
      expect(text).toContain(`"password":"<redacted: ${REPO_TOKEN.length} bytes>"`);
      if (who === "admin") expect(text).toContain("cluster-spoke");
      for (const secret of secrets)
        expect(text, "credential material in a response").not.toContain(secret);
    },
  );
});
