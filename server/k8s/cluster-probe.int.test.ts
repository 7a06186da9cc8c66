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

  /** Everything environments need, and `extra` on top. */
  const environmentRules = (
    user: string,
    extra: { verbs: string[]; apiGroups: string[]; resources: string[] }[],
  ) =>
    server.issueToken({
      user,
      rules: [
        {
          verbs: ["create"],
          apiGroups: ["", "networking.k8s.io", "rbac.authorization.k8s.io"],
          resources: [
            "namespaces",
            "resourcequotas",
            "limitranges",
            "serviceaccounts",
            "networkpolicies",
            "rolebindings",
          ],
        },
        ...extra,
      ],
    });

  it("checks, where Argo CD runs, that members' Argo CD roles can be written", async () => {
    const outcome = await probeCluster(connection(server.adminToken), {
      argoCdNamespace: "argocd",
    });
    expect(outcome).toMatchObject({ ready: true, reason: "Reachable" });
    expect(outcome.probe.permissions).toMatchObject({
      "create roles in argocd": true,
      "create rolebindings in argocd": true,
      "grant members access to Applications in argocd": true,
    });
  });

  it("says in plain words when the credentials cannot write members' Argo CD roles", async () => {
    const outcome = await probeCluster(connection(environmentRules("environments-only", [])), {
      argoCdNamespace: "argocd",
    });
    expect(outcome).toMatchObject({ ready: false, reason: "InsufficientPermissions" });
    expect(outcome.message).toBe(
      "the credentials cannot create roles in argocd: members' Argo CD roles cannot be written; " +
        "cannot grant get, list, watch, patch, update on applications.argoproj.io in argocd " +
        "(they need those verbs there, or escalate and bind on roles): members' Argo CD roles cannot be written",
    );
    expect(outcome.probe.error).toBe(outcome.message);
    expect(outcome.probe.permissions).toMatchObject({
      "create namespaces": true,
      "create roles in argocd": false,
      "create rolebindings in argocd": true,
      "grant members access to Applications in argocd": false,
    });
    // Without an Argo CD namespace (or in hub topology) there are no members' roles to write here.
    expect(await probeCluster(connection(environmentRules("environments-only", [])))).toMatchObject(
      { ready: true },
    );
  });

  it("takes either the Applications' verbs or escalate and bind on roles for granting them", async () => {
    const createRoles = {
      verbs: ["create"],
      apiGroups: ["rbac.authorization.k8s.io"],
      resources: ["roles"],
    };
    const holdsVerbs = environmentRules("holds-application-verbs", [
      createRoles,
      {
        verbs: ["get", "list", "watch", "patch", "update"],
        apiGroups: ["argoproj.io"],
        resources: ["applications"],
      },
    ]);
    const escalates = environmentRules("escalates", [
      createRoles,
      {
        verbs: ["escalate", "bind"],
        apiGroups: ["rbac.authorization.k8s.io"],
        resources: ["roles"],
      },
    ]);
    for (const token of [holdsVerbs, escalates])
      expect(await probeCluster(connection(token), { argoCdNamespace: "argocd" })).toMatchObject({
        ready: true,
        reason: "Reachable",
      });
    // Only some of the verbs (no update) is not enough: the edit Role grants update.
    const partial = environmentRules("no-update", [
      createRoles,
      {
        verbs: ["get", "list", "watch", "patch"],
        apiGroups: ["argoproj.io"],
        resources: ["applications"],
      },
    ]);
    const outcome = await probeCluster(connection(partial), { argoCdNamespace: "argocd" });
    expect(outcome.probe.permissions?.["grant members access to Applications in argocd"]).toBe(
      false,
    );
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
