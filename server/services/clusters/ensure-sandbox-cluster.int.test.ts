import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clusters, clusterUserSignIns } from "@/db/schema";
import { startKubeTestServer, type KubeTestServer } from "@/k8s-test-server/index";
import { isReady } from "@/lib/conditions";
import { openSecret } from "@/server/crypto/secret-box";
import {
  DEV_CLUSTER_OIDC_CLIENT_ID,
  DEV_CLUSTER_OIDC_CLIENT_SECRET,
} from "@/server/dev/oidc/constants";
import { callerFor, createTestUser } from "@/testing/callers";
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
  const signInRow = async () => {
    const cluster = await sandboxRow();
    const rows = await database()
      .db.select()
      .from(clusterUserSignIns)
      .where(eq(clusterUserSignIns.clusterId, cluster!.id));
    return rows[0];
  };
  const DEV_ISSUER = "http://localhost:3001";

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

  it("writes the sandbox's user sign-in for the development provider once, as Slipway, its secret sealed", async () => {
    const db = database().db;
    expect(
      await ensureSandboxCluster(db, first.kubeconfigYaml, { userSignInIssuer: DEV_ISSUER }),
    ).toBe("registered");
    const row = await signInRow();
    expect(row).toMatchObject({
      kind: "oidc",
      issuerUrl: DEV_ISSUER,
      clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
      scopes: "openid email profile offline_access",
      usernameClaim: "email",
      usernamePrefix: "-",
      createdBy: null,
    });
    expect(row?.clientSecret).not.toContain(DEV_CLUSTER_OIDC_CLIENT_SECRET);
    expect(openSecret(row!.clientSecret!)).toBe(DEV_CLUSTER_OIDC_CLIENT_SECRET);
    const audited = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.targetId, SANDBOX_CLUSTER),
          eq(auditEvents.action, "cluster.set-user-sign-in"),
        ),
      );
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: null, actorLabel: "Slipway" });
    expect(JSON.stringify(audited[0]?.after)).not.toContain(DEV_CLUSTER_OIDC_CLIENT_SECRET);

    // The next start finds it: nothing written again.
    expect(
      await ensureSandboxCluster(db, second.kubeconfigYaml, { userSignInIssuer: DEV_ISSUER }),
    ).toBe("updated");
    expect((await signInRow())?.updatedAt).toStrictEqual(row?.updatedAt);
  });

  it("keeps an admin's edit and an admin's removal of the sandbox's user sign-in at the next start", async () => {
    const db = database().db;
    await ensureSandboxCluster(db, first.kubeconfigYaml, { userSignInIssuer: DEV_ISSUER });
    const admin = callerFor(db, await createTestUser(db, "sandbox-admin", { isAdmin: true }));
    await admin.clusterSignIn.set({
      name: SANDBOX_CLUSTER,
      kind: "oidc",
      issuerUrl: DEV_ISSUER,
      clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
      scopes: "openid email",
      usernameClaim: "sub",
    });
    await ensureSandboxCluster(db, second.kubeconfigYaml, { userSignInIssuer: DEV_ISSUER });
    expect(await signInRow()).toMatchObject({ scopes: "openid email", usernameClaim: "sub" });

    await admin.clusterSignIn.clear({ name: SANDBOX_CLUSTER });
    await ensureSandboxCluster(db, first.kubeconfigYaml, { userSignInIssuer: DEV_ISSUER });
    expect(await signInRow()).toBeUndefined();
  });

  it("writes no user sign-in without the development provider", async () => {
    const db = database().db;
    await ensureSandboxCluster(db, first.kubeconfigYaml);
    expect(await signInRow()).toBeUndefined();
  });
});
