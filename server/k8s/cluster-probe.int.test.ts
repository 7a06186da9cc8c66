// The connectivity probe against the Kubernetes API test server over real HTTPS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BUNDLED_CRDS_DIR,
  startKubeTestServer,
  type KubeTestServer,
} from "@/k8s-test-server/index";
import { probeCluster } from "./cluster-probe";
import type { TClusterConnection } from "./connection";

describe("probeCluster", () => {
  let server: KubeTestServer;
  let other: KubeTestServer;

  beforeAll(async () => {
    [server, other] = await Promise.all([
      startKubeTestServer({ manifestDirs: [BUNDLED_CRDS_DIR] }),
      startKubeTestServer(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([server.stop(), other.stop()]);
  });

  const connection = (token: string, caData = server.caPem): TClusterConnection => ({
    clusterId: "c",
    clusterName: "test",
    apiUrl: server.url,
    insecureSkipTlsVerify: false,
    credentials: { kind: "token", token, caData },
  });

  it("reports a healthy cluster: version, Argo CD served, every permission granted", async () => {
    const outcome = await probeCluster(connection(server.adminToken));
    expect(outcome).toMatchObject({ ready: true, reason: "Reachable" });
    expect(outcome.probe.serverVersion).toMatch(/^v1\./);
    expect(outcome.probe.argoCdApplicationServed).toBe(true);
    expect(outcome.probe.permissions).toEqual({
      "create namespaces": true,
      "create resourcequotas": true,
      "create limitranges": true,
      "create serviceaccounts": true,
      "create networkpolicies": true,
      "create rolebindings": true,
    });
    expect(outcome.probe.error).toBeUndefined();
  });

  it("says Argo CD is not served on a cluster without its CRDs", async () => {
    const outcome = await probeCluster({
      ...connection(other.adminToken, other.caPem),
      apiUrl: other.url,
    });
    expect(outcome.ready).toBe(true);
    expect(outcome.probe.argoCdApplicationServed).toBe(false);
  });

  it("refuses a server whose certificate the CA bundle does not sign", async () => {
    const outcome = await probeCluster(connection(server.adminToken, other.caPem));
    expect(outcome).toMatchObject({ ready: false, reason: "CertificateUnknownAuthority" });
    expect(outcome.probe.error).toContain("certificate signed by unknown authority");
  });

  it("says a wrong token was rejected", async () => {
    const outcome = await probeCluster(connection("not-a-token"));
    expect(outcome).toMatchObject({ ready: false, reason: "Unauthorized" });
    expect(outcome.message).toBe("401: the token was rejected (Unauthorized)");
  });

  it("names what a token without namespace rights cannot create", async () => {
    const token = server.issueToken({
      user: "namespaced-only",
      rules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["resourcequotas", "limitranges"] }],
    });
    const outcome = await probeCluster(connection(token));
    expect(outcome).toMatchObject({ ready: false, reason: "InsufficientPermissions" });
    expect(outcome.message).toBe(
      "the credentials cannot create namespaces, serviceaccounts, networkpolicies, rolebindings",
    );
    expect(outcome.probe.permissions?.["create resourcequotas"]).toBe(true);
  });

  it("says the server is unreachable when it refuses connections", async () => {
    await other.faults.refuseConnections();
    try {
      const outcome = await probeCluster({
        ...connection(other.adminToken, other.caPem),
        apiUrl: other.url,
      });
      expect(outcome).toMatchObject({ ready: false, reason: "Unreachable" });
      expect(outcome.probe.error).toBe("unreachable: connection refused");
    } finally {
      await other.faults.acceptConnections();
    }
  });
});
