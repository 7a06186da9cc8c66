// The environment page's data path end to end: an admin registers the test server with its
// kubeconfig, a developer creates dev → stage → prod through the router, the reconciler makes them
// on the cluster, and `environment.get` (what the page reads) shows each Ready with its objects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isReady } from "@/lib/conditions";
import { callerFor, createTestUser, testLogger, type TTestUser } from "@/testing/callers";
import { environmentInput } from "@/testing/environments";
import { joinByInvitation } from "@/testing/join-space";
import {
  clusterObjects,
  eventually,
  startKubeTestServer,
  type KubeTestServer,
} from "@/testing/reconciler-fixtures";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { startReconciler, type TRunningReconciler } from "./manager";

describe.each(testDatabaseKinds())("environment pages, reconciled (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let reconciler: TRunningReconciler;
  let admin: TTestUser;
  let owner: TTestUser;
  let developer: TTestUser;
  let registeredToken: string;
  const space = `shop-${kind}`;
  const clusterName = "test-server";
  const api = (user: TTestUser) => callerFor(database().db, user);
  const get = (environment: string) => api(developer).environment.get({ space, environment });

  beforeAll(async () => {
    const db = database().db;
    server = await startKubeTestServer();
    admin = await createTestUser(db, `page-admin-${kind}`, { isAdmin: true });
    owner = await createTestUser(db, `page-owner-${kind}`);
    developer = await createTestUser(db, `page-dev-${kind}`);
    registeredToken = server.issueToken({ user: "slipway", groups: ["system:masters"] });
    await api(admin).cluster.register({
      name: clusterName,
      credentials: { source: "kubeconfig", kubeconfig: server.kubeconfigYamlFor(registeredToken) },
    });
    await api(owner).space.create({ name: space, displayName: "Shop" });
    await joinByInvitation(db, owner, space, developer, "contributor");
    reconciler = await startReconciler({
      handle: database(),
      workers: 4,
      holder: `page-${kind}`,
      log: testLogger,
      backoff: { baseMs: 50, capMs: 1000 },
    });
  });
  afterAll(async () => {
    await reconciler?.stop();
    await server?.stop();
  });

  const whenReady = (environment: string) =>
    eventually(async () => {
      const page = await get(environment);
      return isReady(page.environment.status, page.environment.generation) ? page : undefined;
    }, `${environment} to show Ready`);

  const create = async (
    name: string,
    type: "dev" | "test" | "stage" | "run",
    parentId: string | null,
    values: Record<string, unknown> = {},
  ) => {
    const clusterId = (await api(admin).cluster.get({ name: clusterName })).id;
    return api(developer).environment.create(
      environmentInput(space, clusterId, { name, type, parentId, ...values }),
    );
  };

  it("shows dev → stage → prod Ready with their objects, and a deleted one goes", async () => {
    const dev = await create("dev", "dev", null);
    const stage = await create("stage", "stage", dev.id, {
      variables: [{ name: "LOG_LEVEL", value: "debug" }],
    });
    await create("prod", "run", stage.id);
    await reconciler.idle();

    const isolation = ["LimitRange", "Namespace", "NetworkPolicy", "NetworkPolicy"];
    const expected = {
      dev: [...isolation, "ResourceQuota", "RoleBinding", "RoleBinding"],
      stage: ["ConfigMap", ...isolation, "ResourceQuota", "RoleBinding", "RoleBinding"],
      prod: [...isolation, "ResourceQuota", "RoleBinding", "RoleBinding"],
    };
    for (const [name, kinds] of Object.entries(expected)) {
      const page = await whenReady(name);
      const namespace = page.environment.namespace!;
      expect(page.cluster?.name).toBe(clusterName);
      expect(page.objects.map((o) => o.kind).sort()).toEqual(kinds);
      expect(page.objects.every((o) => o.health === "Applied" && o.namespace !== null)).toBe(true);
      expect(
        page.objects
          .filter((o) => o.kind === "NetworkPolicy" || o.kind === "RoleBinding")
          .map((o) => o.name)
          .sort(),
      ).toEqual([
        "allow-same-namespace",
        "deny-all-ingress",
        "slipway-contributors",
        "slipway-owners",
      ]);
      // What the page shows as YAML is what the cluster holds, in its own field names.
      const limits = page.objects.find((o) => o.kind === "LimitRange")?.observed as {
        spec: { limits: { default?: object }[] };
      };
      expect(limits.spec.limits[0]?.default).toBeDefined();
      expect(await clusterObjects(server).get("v1", "Namespace", namespace)).toBeDefined();
    }

    const prodNamespace = (await get("prod")).environment.namespace!;
    await api(owner).environment.delete({ space, environment: "prod", confirmName: "prod" });
    await eventually(async () => {
      const error = await trpcError(get("prod"));
      return error.code === "NOT_FOUND" ? true : undefined;
    }, "prod to go");
    expect(await clusterObjects(server).get("v1", "Namespace", prodNamespace)).toBeUndefined();
    expect(isReady((await get("stage")).environment.status, 1)).toBe(true);
  });

  it("follows a credentials rotation: the old token is revoked and the new one repairs", async () => {
    await create("qa", "test", null);
    const page = await whenReady("qa");
    const rotatedToken = server.issueToken({ user: "slipway-2", groups: ["system:masters"] });
    await api(admin).cluster.rotateCredentials({
      name: clusterName,
      credentials: { source: "kubeconfig", kubeconfig: server.kubeconfigYamlFor(rotatedToken) },
    });
    server.revokeToken(registeredToken);
    // Out of band: the quota goes. Only a client with the new token can see and restore it.
    const objects = clusterObjects(server);
    const namespace = page.environment.namespace!;
    const quota = await objects.get("v1", "ResourceQuota", "slipway-quota", namespace);
    await objects.api.delete(quota!);
    const restored = await eventually(
      () => objects.get("v1", "ResourceQuota", "slipway-quota", namespace),
      "the quota to be restored with the new token",
    );
    expect(restored.metadata?.uid).not.toBe(quota!.metadata?.uid);
    const after = await whenReady("qa");
    expect(after.environment.status.lastError).toBeUndefined();
  });
});
