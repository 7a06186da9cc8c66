// Registering, editing, rotating, cordoning, checking and deleting clusters through the router,
// against the Kubernetes API test server over real HTTPS.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clusters, environments } from "@/db/schema";
import { startKubeTestServer, type KubeTestServer } from "@/k8s-test-server/index";
import { findCondition } from "@/lib/conditions";
import { callerFor, createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { trpcError } from "@/testing/rejection";
import { fieldMessagesOf } from "@/lib/validators/field-messages";
import { AppError } from "@/server/services/errors";
import { ZodError } from "zod";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

const EXEC_KUBECONFIG = `apiVersion: v1
kind: Config
current-context: eks
clusters: [{name: eks, cluster: {server: "https://eks.example.com"}}]
users: [{name: aws, user: {exec: {command: aws, apiVersion: client.authentication.k8s.io/v1beta1}}}]
contexts: [{name: eks, context: {cluster: eks, user: aws}}]
`;

/** The refusal's code, message and per-field messages (from zod or a service's field error). */
async function refusal(call: Promise<unknown>) {
  const error = await trpcError(call);
  const fieldErrors =
    error.cause instanceof ZodError
      ? fieldMessagesOf(error.cause.issues)
      : error.cause instanceof AppError
        ? error.cause.fieldErrors
        : undefined;
  return { code: error.code, message: error.message, fieldErrors };
}

describe.each(testDatabaseKinds())("cluster router (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let n = 0;

  beforeAll(async () => {
    server = await startKubeTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function admin() {
    n += 1;
    const user = await createTestUser(database().db, `cluster-admin-${n}`, { isAdmin: true });
    return callerFor(database().db, user);
  }

  it("registers a cluster from a pasted kubeconfig, checks it and reports it healthy", async () => {
    const api = await admin();
    const inspected = await api.cluster.inspectKubeconfig({ kubeconfig: server.kubeconfigYaml });
    expect(inspected.contexts).toHaveLength(1);
    const cluster = await api.cluster.register({
      name: `healthy-${n}`,
      labels: [{ key: "region", value: "eu-west-1" }],
      quotaCeilings: [{ resource: "requests.cpu", quantity: "8" }],
      credentials: { source: "kubeconfig", kubeconfig: server.kubeconfigYaml },
    });
    expect(cluster.apiUrl).toBe(server.url);
    expect(cluster.labels).toEqual({ region: "eu-west-1" });
    expect(cluster.quotaCeilings).toEqual({ "requests.cpu": "8" });
    expect(findCondition(cluster.status, "Ready")).toMatchObject({ status: "True" });
    expect(cluster.probe?.serverVersion).toMatch(/^v1\./);
    expect(cluster).not.toHaveProperty("credentials");
    const [audit] = await database()
      .db.select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, cluster.name));
    expect(audit).toMatchObject({ action: "cluster.register", spaceId: null });
  });

  it("puts kubeconfig problems under the field, naming the context and user", async () => {
    const api = await admin();
    const exec = await refusal(
      api.cluster.register({
        name: `exec-${n}`,
        credentials: { source: "kubeconfig", kubeconfig: EXEC_KUBECONFIG },
      }),
    );
    expect(exec.code).toBe("BAD_REQUEST");
    expect(exec.fieldErrors?.["credentials.kubeconfig"]?.[0]).toMatch(
      /User "aws" \(context "eks"\) uses an exec plugin \(aws\)/,
    );
    const http = await refusal(
      api.cluster.register({
        name: `http-${n}`,
        credentials: {
          source: "kubeconfig",
          kubeconfig: server.kubeconfigYaml.replace("https://", "http://"),
        },
      }),
    );
    expect(http.fieldErrors?.["credentials.kubeconfig"]?.[0]).toMatch(
      /only talks to clusters over https/,
    );
    const token = await refusal(
      api.cluster.register({
        name: `plain-${n}`,
        apiUrl: "http://10.0.0.1",
        credentials: { source: "token", token: "t" },
      }),
    );
    expect(token.fieldErrors?.apiUrl).toEqual(["Slipway only talks to clusters over https://."]);
  });

  it("rotates credentials: a rejected token shows as 401, a good one recovers", async () => {
    const api = await admin();
    const name = `rotate-${n}`;
    const token = (value: string) => ({
      source: "token" as const,
      token: value,
      caData: server.caPem,
    });
    await api.cluster.register({ name, apiUrl: server.url, credentials: token("wrong") });
    const before = await api.cluster.get({ name });
    expect(findCondition(before.status, "Ready")).toMatchObject({
      status: "False",
      reason: "Unauthorized",
      message: "401: the token was rejected (Unauthorized)",
    });
    const cluster = await api.cluster.rotateCredentials({
      name,
      credentials: token(server.adminToken),
    });
    expect(findCondition(cluster.status, "Ready")?.status).toBe("True");
    expect(cluster.credentialsRotatedAt).toBeInstanceOf(Date);
  });

  it("cordons, edits and checks", async () => {
    const api = await admin();
    const row = await insertTestCluster(database().db, `edit-${n}`);
    expect((await api.cluster.setCordoned({ name: row.name, cordoned: true })).cordoned).toBe(true);
    const edited = await api.cluster.update({
      name: row.name,
      apiUrl: row.apiUrl,
      displayName: "Edited",
      argoCdNamespace: "argocd",
    });
    expect(edited).toMatchObject({
      displayName: "Edited",
      argoCdNamespace: "argocd",
      generation: 2,
    });
    const checked = await api.cluster.check({ name: row.name });
    expect(checked.probe?.error).toBe("unreachable: connection refused");
    const choices = await callerFor(
      database().db,
      await createTestUser(database().db, `dev-${n}`),
    ).cluster.choices();
    expect(choices.find((c) => c.name === row.name)).toEqual({
      id: row.id,
      name: row.name,
      displayName: "Edited",
      labels: {},
      cordoned: true,
      emulated: false,
      quotaCeilings: {},
      healthy: false,
      health: "unreachable: connection refused",
    });
  });

  it("reports, on check, credentials that cannot write members' Argo CD roles where its Argo CD runs", async () => {
    const api = await admin();
    const db = database().db;
    const token = server.issueToken({
      user: `no-roles-${n}`,
      rules: [{ verbs: ["create"], apiGroups: ["*"], resources: ["*"] }],
    });
    const row = await insertTestCluster(db, `no-roles-${n}`, {
      apiUrl: server.url,
      argoCdNamespace: "argocd",
      plainCredentials: { kind: "token", token, caData: server.caPem },
    });
    const checked = await api.cluster.check({ name: row.name });
    expect(findCondition(checked.status, "Ready")).toMatchObject({
      status: "False",
      reason: "InsufficientPermissions",
      message: expect.stringContaining(
        "cannot grant get, list, watch, patch, update on applications.argoproj.io in argocd",
      ) as unknown,
    });
    expect(checked.probe?.permissions).toMatchObject({
      "create roles in argocd": true,
      "grant members access to Applications in argocd": false,
    });
    // With a hub, the hub's Argo CD deploys here and its credentials write the roles.
    const hub = await insertTestCluster(db, `roles-hub-${n}`, { argoCdNamespace: "argocd" });
    await db.update(clusters).set({ hubClusterId: hub.id }).where(eq(clusters.id, row.id));
    const spoke = await api.cluster.check({ name: row.name });
    expect(findCondition(spoke.status, "Ready")?.status).toBe("True");
    expect(Object.keys(spoke.probe?.permissions ?? {})).not.toContain("create roles in argocd");
  });

  it("names a hub cluster whose Argo CD deploys to it, refusing hubs that cannot serve", async () => {
    const api = await admin();
    const db = database().db;
    const hub = await insertTestCluster(db, `hub-${n}`, { argoCdNamespace: "argocd" });
    const noArgo = await insertTestCluster(db, `no-argo-${n}`);
    const spoke = await insertTestCluster(db, `spoke-${n}`);
    const edit = (name: string, hubCluster: string) => {
      const row = [hub, noArgo, spoke].find((c) => c.name === name)!;
      return api.cluster.update({ name, apiUrl: row.apiUrl, hubCluster });
    };
    // Only clusters running their own Argo CD are offered.
    const before = await api.cluster.get({ name: spoke.name });
    expect(before.hubCluster).toBe("");
    expect(before.hubChoices).toContain(hub.name);
    expect(before.hubChoices).not.toContain(noArgo.name);
    expect(before.hubChoices).not.toContain(spoke.name);

    const messageFor = async (name: string, hubCluster: string) =>
      (await refusal(edit(name, hubCluster))).fieldErrors?.hubCluster;
    expect(await messageFor(spoke.name, spoke.name)).toEqual(["A cluster cannot be its own hub."]);
    expect(await messageFor(spoke.name, "nowhere")).toEqual(['Cluster "nowhere" was not found.']);
    expect(await messageFor(spoke.name, noArgo.name)).toEqual([
      `Cluster "${noArgo.name}" runs no Argo CD: set its Argo CD namespace first.`,
    ]);

    await edit(spoke.name, hub.name);
    const [row] = await db.select().from(clusters).where(eq(clusters.id, spoke.id));
    expect(row?.hubClusterId).toBe(hub.id);
    expect((await api.cluster.get({ name: spoke.name })).hubCluster).toBe(hub.name);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, spoke.name));
    expect(audit).toMatchObject({
      action: "cluster.update",
      before: { hubClusterId: null },
      after: { hubClusterId: hub.id },
    });
    // One level only: a hub keeps its own Argo CD, and a spoke cannot serve as a hub.
    expect(await messageFor(hub.name, spoke.name)).toEqual([
      `Cluster "${spoke.name}" runs no Argo CD: set its Argo CD namespace first.`,
    ]);
    await db.update(clusters).set({ argoCdNamespace: "argocd" }).where(eq(clusters.id, spoke.id));
    expect(await messageFor(noArgo.name, spoke.name)).toEqual([
      `Cluster "${spoke.name}" deploys through a hub itself; a hub must run its own Argo CD.`,
    ]);
    await db.update(clusters).set({ argoCdNamespace: "argocd" }).where(eq(clusters.id, noArgo.id));
    expect(await messageFor(hub.name, noArgo.name)).toEqual([
      `Cluster "${hub.name}" is the hub of 1 cluster, so it keeps its own Argo CD.`,
    ]);
  });

  it("deletes an unused cluster at once; one with environments only when asked, by marking them", async () => {
    const api = await admin();
    const unused = await insertTestCluster(database().db, `unused-${n}`);
    const wrongName = await refusal(api.cluster.delete({ name: unused.name, confirmName: "nope" }));
    expect(wrongName.fieldErrors?.confirmName).toEqual([`Type "${unused.name}" to confirm.`]);
    expect(await api.cluster.delete({ name: unused.name, confirmName: unused.name })).toEqual({
      deleted: true,
      environmentsToDelete: 0,
    });
    expect(await database().db.select().from(clusters).where(eq(clusters.id, unused.id))).toEqual(
      [],
    );

    const used = await insertTestCluster(database().db, `used-${n}`);
    const space = await api.space.create({ name: `cl-space-${n}`, displayName: "S" });
    await database().db.insert(environments).values({
      spaceId: space.id,
      name: "dev",
      displayName: "Dev",
      type: "dev",
      clusterId: used.id,
    });
    const refused = await refusal(api.cluster.delete({ name: used.name, confirmName: used.name }));
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect(refused.message).toContain("has 1 environment.");
    expect(
      await api.cluster.delete({
        name: used.name,
        confirmName: used.name,
        deleteEnvironments: true,
      }),
    ).toEqual({ deleted: false, environmentsToDelete: 1 });
    const [env] = await database()
      .db.select()
      .from(environments)
      .where(eq(environments.clusterId, used.id));
    expect(env?.deletionRequestedAt).toBeInstanceOf(Date);
    const cluster = await api.cluster.get({ name: used.name });
    expect(cluster.deletionRequestedAt).toBeInstanceOf(Date);
    expect(cluster.usage.environmentsBeingDeleted).toBe(1);
  });
});
