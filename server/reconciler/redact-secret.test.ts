import type { V1Secret } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { buildArgoRepositorySecret } from "@/server/k8s/manifests/argo-repository-secret";
import { observedObject } from "./managed-objects";
import { redactSecret } from "./redact-secret";

const TOKEN = "glpat-very-secret-token";
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("redacting a Secret before it is recorded", () => {
  it("replaces every data and stringData value with its size, keeping the keys", () => {
    const redacted = redactSecret({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "repo", namespace: "argocd", labels: { team: "shop" } },
      type: "Opaque",
      data: { password: b64(TOKEN), empty: "" },
      stringData: { note: "héllo" },
    });
    expect(redacted).toStrictEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "repo", namespace: "argocd", labels: { team: "shop" } },
      type: "Opaque",
      data: { password: `<redacted: ${TOKEN.length} bytes>`, empty: "<redacted: 0 bytes>" },
      stringData: { note: "<redacted: 6 bytes>" },
    });
  });

  it("drops kubectl's last-applied copy (it holds the values) and keeps other annotations", () => {
    const lastApplied = JSON.stringify({ data: { password: b64(TOKEN) } });
    const withOthers = redactSecret({
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "repo",
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration": lastApplied,
          "managed-by": "argocd.argoproj.io",
        },
      },
    });
    expect(withOthers.metadata).toStrictEqual({
      name: "repo",
      annotations: { "managed-by": "argocd.argoproj.io" },
    });
    const onlyLastApplied = redactSecret({
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "repo",
        annotations: { "kubectl.kubernetes.io/last-applied-configuration": lastApplied },
      },
    });
    expect(onlyLastApplied.metadata).toStrictEqual({ name: "repo" });
  });

  it("leaves other kinds as they are", () => {
    const configMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings" },
      data: { mode: "fast" },
    };
    expect(redactSecret(configMap)).toBe(configMap);
  });

  it("is applied to every observed object, so a recorded repository Secret holds no credential", () => {
    const secret: V1Secret = buildArgoRepositorySecret({
      bindingId: "b1",
      credentialId: "c1",
      spaceName: "shop",
      environmentName: "dev",
      argoCdNamespace: "argocd",
      repository: "https://git.example.com/shop.git",
      auth: { kind: "https", username: "deployer", password: TOKEN },
    });
    const observed = observedObject({
      ...secret,
      metadata: {
        ...secret.metadata,
        managedFields: [{ manager: "slipway", operation: "Apply" }],
      },
    });
    const text = JSON.stringify(observed);
    for (const leaked of [TOKEN, b64(TOKEN), "deployer", b64("deployer")])
      expect(text).not.toContain(leaked);
    expect(observed).toMatchObject({
      kind: "Secret",
      metadata: { name: secret.metadata?.name, namespace: "argocd" },
      data: {
        type: "<redacted: 3 bytes>",
        url: "<redacted: 32 bytes>",
        username: "<redacted: 8 bytes>",
        password: `<redacted: ${TOKEN.length} bytes>`,
      },
    });
    expect(observed.metadata).not.toHaveProperty("managedFields");
  });
});
