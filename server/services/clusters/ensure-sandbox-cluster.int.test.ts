import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusters } from "@/db/schema";
import { startKubeTestServer, type KubeTestServer } from "@/k8s-test-server/index";
import { isReady } from "@/lib/conditions";
import { insertTestCluster } from "@/testing/clusters";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { ensureSandboxCluster, SANDBOX_CLUSTER } from "./ensure-sandbox-cluster";
import { loadClusterConnection } from "./load-cluster-connection";

describe.each(testDatabaseKinds())("ensureSandboxCluster (%s)", (kind) => {
  const database = useTestDatabase(kind, [clusters]);
  let first: KubeTestServer;
  let second: KubeTestServer;

  beforeAll(async () => {
    [first, second] = await Promise.all([startKubeTestServer(), startKubeTestServer()]);
  });
  afterAll(async () => {
    await Promise.all([first.stop(), second.stop()]);
  });

  const sandboxRow = async () =>
    (await database().db.select().from(clusters).where(eq(clusters.name, SANDBOX_CLUSTER)))[0];

  it("registers the sandbox as an emulated, healthy cluster, then follows its new credentials", async () => {
    const db = database().db;
    expect(await ensureSandboxCluster(db, first.kubeconfigYaml)).toBe("registered");
    let row = await sandboxRow();
    expect(row).toMatchObject({
      emulated: true,
      labels: { purpose: "sandbox" },
      apiUrl: first.url,
    });
    expect(isReady(row?.status, row?.generation ?? 0)).toBe(true);

    expect(await ensureSandboxCluster(db, second.kubeconfigYaml)).toBe("updated");
    row = await sandboxRow();
    expect(row?.apiUrl).toBe(second.url);
    expect(isReady(row?.status, row?.generation ?? 0)).toBe(true);
    const conn = await loadClusterConnection(db, row?.id ?? "");
    expect(conn.credentials).toMatchObject({ kind: "token", token: second.adminToken });
  });

  it("leaves a real cluster an admin named sandbox alone", async () => {
    const db = database().db;
    const real = await insertTestCluster(db, SANDBOX_CLUSTER);
    expect(await ensureSandboxCluster(db, first.kubeconfigYaml)).toBe("skipped");
    expect((await sandboxRow())?.credentials).toBe(real.credentials);
  });
});
