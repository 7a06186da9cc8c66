// Fixtures for reconciler integration tests: a test Kubernetes API server registered as a cluster
// (credentials sealed as the cluster services seal them), a space with members, environments
// inserted as the environment services would, and polling.
import { eq } from "drizzle-orm";
import { KubernetesObjectApi } from "@kubernetes/client-node";
import type { Db } from "../db/client";
import type { ClusterClientPool } from "../server/k8s/client-pool";
import type { TReconcileContext } from "../server/reconciler/controller";
import { clusterNamespaces, environments, spaceMembers, spaces } from "../db/schema";
import { startKubeTestServer, type KubeTestServer } from "../k8s-test-server/index";
import type { TSpaceRole } from "../lib/validators/space";
import { toWireShape } from "../server/k8s/wire-shape";
import { reconcileKey, requestReconcile } from "../server/services/reconcile/request-reconcile";
import { createTestUser, testLogger } from "./callers";
import { insertTestCluster } from "./clusters";
import { insertTestEnvironment } from "./environments";
import { connectionTo } from "./kube-test-cluster";

export { startKubeTestServer, type KubeTestServer };

/** Registers the test server as a cluster, its admin token sealed like any cluster's. */
export async function registerTestCluster(db: Db, server: KubeTestServer, name = "sandbox") {
  return insertTestCluster(db, name, {
    apiUrl: server.url,
    emulated: true,
    plainCredentials: connectionTo(server, name).credentials,
  });
}

/** A space with these members (signed-in users: users.email holds only verified addresses). */
export async function createSpaceWith(db: Db, name: string, members: Record<string, TSpaceRole>) {
  const [space] = await db.insert(spaces).values({ name, displayName: name }).returning();
  const created: Record<string, { id: string; email: string }> = {};
  for (const [username, role] of Object.entries(members)) {
    const user = await createTestUser(db, `${name}-${username}`);
    await db.insert(spaceMembers).values({ spaceId: space!.id, userId: user.id, role });
    created[username] = { id: user.id, email: user.email };
  }
  return { space: space!, members: created };
}

/** Inserts an environment and its cluster_namespace row and requests its reconcile, as H4's service does. */
export async function insertEnvironment(
  db: Db,
  input: {
    spaceId: string;
    clusterId: string;
    name: string;
    namespace: string;
    quota?: Record<string, string>;
  },
) {
  return db.transaction(async (tx) => {
    const env = await insertTestEnvironment(tx, {
      ...input,
      type: "stage",
      quota: input.quota ?? { pods: "10" },
    });
    const key = reconcileKey("environment", env.id);
    await tx.insert(clusterNamespaces).values({
      clusterId: input.clusterId,
      namespace: input.namespace,
      ownerKey: key,
    });
    await requestReconcile(tx, [key]);
    return env;
  });
}

/** Asks for an environment's deletion, as environment.delete does (without the audit record). */
export async function requestEnvironmentDeletion(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(environments)
      .set({ deletionRequestedAt: new Date() })
      .where(eq(environments.id, id));
    await requestReconcile(tx, [reconcileKey("environment", id)]);
  });
}

/** Polls `probe` until it returns a value other than undefined; fails after a generous bound. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `timed out waiting for ${what}${lastError ? `: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}` : ""}`,
  );
}

/**
 * Reads objects on the test server as admin, independently of the reconciler's own client, in
 * the wire shape (`default`, `from`) that reaches the cluster.
 */
export function clusterObjects(server: KubeTestServer) {
  const api = KubernetesObjectApi.makeApiClient(server.kubeConfig);
  return {
    api,
    async get(apiVersion: string, kind: string, name: string, namespace?: string) {
      try {
        const found = await api.read({ apiVersion, kind, metadata: { name, namespace } });
        return toWireShape({ ...found, apiVersion, kind });
      } catch {
        return undefined;
      }
    },
    async list(apiVersion: string, kind: string, namespace?: string) {
      const { items } = await api.list(apiVersion, kind, namespace);
      return items.map((item) => toWireShape({ ...item, apiVersion, kind }));
    },
  };
}

/**
 * What the reconciler's workers hand a pass, minus leases and watches (one worker, every cluster
 * held), for running single reconcile functions from the reconcile pump.
 */
export function passContext(db: Db, pool: ClusterClientPool) {
  return (id: string): TReconcileContext => ({
    db,
    log: testLogger,
    id,
    holder: "pump",
    pool,
    now: () => new Date(),
    retryAt: (minimumMs = 0) => new Date(Date.now() + minimumMs),
    observed: () => null,
    expectApplied: () => undefined,
    holdCluster: () => Promise.resolve(true),
    enqueue: () => undefined,
  });
}
