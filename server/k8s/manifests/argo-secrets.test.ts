import { describe, expect, it } from "vitest";
import { expectedBindingLabels } from "@/testing/expected-manifests";
import { buildArgoClusterSecret, argoClusterSecretName } from "./argo-cluster-secret";
import { argoRepositorySecretName, buildArgoRepositorySecret } from "./argo-repository-secret";

const bindingId = "7c1d2a44-0e5b-4f57-9a9e-3f3c8d2b1a10";
const credentialId = "0f4c3b2a-1d2e-4f5a-8b6c-7d8e9f0a1b2c";
const b64 = (text: string) => Buffer.from(text).toString("base64");
const labels = expectedBindingLabels(bindingId);

describe("buildArgoRepositorySecret", () => {
  const input = {
    bindingId,
    credentialId,
    spaceName: "payments",
    environmentName: "stage",
    argoCdNamespace: "argocd",
    repository: "https://git.example.com/shop/deploy.git",
  };

  it("writes a username and token for an https repository", () => {
    expect(
      buildArgoRepositorySecret({
        ...input,
        auth: { kind: "https", username: "bot", password: "glpat-123" },
      }),
    ).toStrictEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: `slipway-repo-${bindingId}-${credentialId}`,
        namespace: "argocd",
        labels: { ...labels, "argocd.argoproj.io/secret-type": "repository" },
      },
      type: "Opaque",
      data: {
        type: b64("git"),
        url: b64("https://git.example.com/shop/deploy.git"),
        username: b64("bot"),
        password: b64("glpat-123"),
      },
    });
  });

  it("writes the private key for an ssh repository", () => {
    const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";
    const secret = buildArgoRepositorySecret({
      ...input,
      repository: "ssh://git@git.example.com/shop/deploy.git",
      auth: { kind: "ssh", sshPrivateKey: key },
    });
    expect(secret.data).toStrictEqual({
      type: b64("git"),
      url: b64("ssh://git@git.example.com/shop/deploy.git"),
      sshPrivateKey: b64(key),
    });
  });

  it("keeps its name within 253 characters", () => {
    const name = argoRepositorySecretName("x".repeat(200), "y".repeat(200));
    expect(name).toHaveLength(253);
    expect(name).toMatch(/-[0-9a-f]{6}$/);
  });
});

describe("buildArgoClusterSecret", () => {
  const ownership = { owner: { kind: "binding" as const, id: bindingId } };
  const connection = {
    clusterId: "c1",
    clusterName: "edge-1",
    apiUrl: "https://api.edge-1.example.com:6443",
    insecureSkipTlsVerify: false,
  };

  it("carries a bearer token and the CA for a token-registered cluster", () => {
    const secret = buildArgoClusterSecret({
      ownership,
      argoCdNamespace: "argocd",
      connection: {
        ...connection,
        credentials: { kind: "token", token: "t0ken", caData: "CA PEM\n" },
      },
      namespaces: ["payments-stage", "payments-prod"],
      clusterResources: false,
    });
    expect(secret).toStrictEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "slipway-cluster-edge-1",
        namespace: "argocd",
        labels: {
          "app.kubernetes.io/managed-by": "slipway",
          "slipway.dev/owner-kind": "binding",
          "slipway.dev/owner-id": bindingId,
          "argocd.argoproj.io/secret-type": "cluster",
        },
      },
      type: "Opaque",
      data: {
        name: b64("edge-1"),
        server: b64("https://api.edge-1.example.com:6443"),
        namespaces: b64("payments-stage,payments-prod"),
        clusterResources: b64("false"),
        config: b64(
          JSON.stringify({
            bearerToken: "t0ken",
            tlsClientConfig: { insecure: false, caData: b64("CA PEM\n") },
          }),
        ),
      },
    });
  });

  it("carries a client certificate and key, and no namespaces key when any namespace is allowed", () => {
    const secret = buildArgoClusterSecret({
      ownership,
      argoCdNamespace: "argocd",
      connection: {
        ...connection,
        insecureSkipTlsVerify: true,
        credentials: { kind: "client-certificate", certData: "CERT\n", keyData: "KEY\n" },
      },
      namespaces: [],
      clusterResources: true,
    });
    expect(secret.data).toStrictEqual({
      name: b64("edge-1"),
      server: b64("https://api.edge-1.example.com:6443"),
      clusterResources: b64("true"),
      config: b64(
        JSON.stringify({
          tlsClientConfig: { insecure: true, certData: b64("CERT\n"), keyData: b64("KEY\n") },
        }),
      ),
    });
  });

  it("keeps its name within 253 characters", () => {
    expect(argoClusterSecretName("c".repeat(300))).toHaveLength(253);
  });
});
