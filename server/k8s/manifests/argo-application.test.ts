import { describe, expect, it } from "vitest";
import {
  APPLICATION_NAME_MAX,
  argoApplicationName,
  buildArgoApplication,
  type TArgoApplicationInput,
} from "./argo-application";

const bindingId = "7c1d2a44-0e5b-4f57-9a9e-3f3c8d2b1a10";
const configuration = {
  replicas: null,
  env: [],
  resources: { requests: { cpu: "", memory: "" }, limits: { cpu: "", memory: "" } },
};
const input: TArgoApplicationInput = {
  bindingId,
  spaceName: "payments",
  applicationName: "shop",
  environmentName: "stage",
  componentName: "api",
  argoCdNamespace: "argocd",
  destinationServer: "https://kubernetes.default.svc",
  destinationNamespace: "payments-stage",
  source: {
    repoUrl: "https://git.example.com/shop/deploy.git",
    path: "api/overlays/stage",
    targetRevision: "main",
    type: "kustomize",
  },
  componentImage: "quay.io/shop/api:latest",
  image: "quay.io/shop/api:1.4.2",
  configuration,
  sync: "automated",
};
const metadata = {
  name: "payments-shop-api-stage",
  namespace: "argocd",
  labels: {
    "app.kubernetes.io/managed-by": "slipway",
    "slipway.dev/owner-kind": "binding",
    "slipway.dev/owner-id": bindingId,
    "slipway.dev/space": "payments",
    "slipway.dev/environment": "stage",
    "slipway.dev/application": "shop",
    "slipway.dev/component": "api",
  },
  // Argo CD's cascade delete: what the Application deployed goes with it.
  finalizers: ["resources-finalizer.argocd.argoproj.io"],
};
const source = {
  repoURL: "https://git.example.com/shop/deploy.git",
  path: "api/overlays/stage",
  targetRevision: "main",
};
const destination = { server: "https://kubernetes.default.svc", namespace: "payments-stage" };

describe("buildArgoApplication", () => {
  it("overrides a kustomize source's image, replicas, env and resources, synced automatically", () => {
    const built = buildArgoApplication({
      ...input,
      configuration: {
        replicas: 3,
        env: [{ name: "LOG_LEVEL", value: "debug" }],
        resources: { requests: { cpu: "250m", memory: "" }, limits: { cpu: "", memory: "1Gi" } },
      },
    });
    expect(built).toStrictEqual({
      application: {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Application",
        metadata,
        spec: {
          project: "default",
          source: {
            ...source,
            kustomize: {
              images: ["quay.io/shop/api=quay.io/shop/api:1.4.2"],
              replicas: [{ name: "api", count: 3 }],
              patches: [
                {
                  target: { group: "apps", version: "v1", kind: "Deployment", name: "api" },
                  patch: JSON.stringify({
                    apiVersion: "apps/v1",
                    kind: "Deployment",
                    metadata: { name: "api" },
                    spec: {
                      template: {
                        spec: {
                          containers: [
                            {
                              name: "api",
                              env: [{ name: "LOG_LEVEL", value: "debug" }],
                              resources: { requests: { cpu: "250m" }, limits: { memory: "1Gi" } },
                            },
                          ],
                        },
                      },
                    },
                  }),
                },
              ],
            },
          },
          destination,
          syncPolicy: {
            automated: { prune: true, selfHeal: true, allowEmpty: false },
            retry: { limit: 5, backoff: { duration: "5s", factor: 2, maxDuration: "3m" } },
          },
        },
      },
      unappliedOverrides: [],
    });
  });

  it("sets only the image when the binding configures nothing, and no sync policy when manual", () => {
    const { application } = buildArgoApplication({ ...input, sync: "manual" });
    expect(application).toStrictEqual({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata,
      spec: {
        project: "default",
        source: { ...source, kustomize: { images: ["quay.io/shop/api=quay.io/shop/api:1.4.2"] } },
        destination,
      },
    });
  });

  it("passes helm parameters with the documented value names", () => {
    const { application, unappliedOverrides } = buildArgoApplication({
      ...input,
      source: { ...input.source, type: "helm", path: "charts/api" },
      image: "registry.example.com:5000/shop/api@sha256:" + "a".repeat(64),
      configuration: {
        replicas: 2,
        env: [{ name: "REGION", value: "eu" }],
        resources: { requests: { cpu: "", memory: "256Mi" }, limits: { cpu: "1", memory: "" } },
      },
    });
    expect(application.spec).toStrictEqual({
      project: "default",
      source: {
        ...source,
        path: "charts/api",
        helm: {
          parameters: [
            { name: "image.repository", value: "registry.example.com:5000/shop/api" },
            { name: "image.digest", value: "sha256:" + "a".repeat(64) },
            { name: "replicaCount", value: "2" },
            { name: "env[0].name", value: "REGION" },
            { name: "env[0].value", value: "eu" },
            { name: "resources.requests.memory", value: "256Mi" },
            { name: "resources.limits.cpu", value: "1" },
          ],
        },
      },
      destination,
      syncPolicy: {
        automated: { prune: true, selfHeal: true, allowEmpty: false },
        retry: { limit: 5, backoff: { duration: "5s", factor: 2, maxDuration: "3m" } },
      },
    });
    expect(unappliedOverrides).toStrictEqual([]);
  });

  it("says which overrides a plain directory cannot carry instead of failing", () => {
    const built = buildArgoApplication({
      ...input,
      source: { ...input.source, type: "directory" },
      configuration: { ...configuration, replicas: 2, env: [{ name: "A", value: "1" }] },
    });
    expect(built.application.spec).toStrictEqual({
      project: "default",
      source: { ...source, directory: {} },
      destination,
      syncPolicy: {
        automated: { prune: true, selfHeal: true, allowEmpty: false },
        retry: { limit: 5, backoff: { duration: "5s", factor: 2, maxDuration: "3m" } },
      },
    });
    expect(built.unappliedOverrides).toStrictEqual([
      "image quay.io/shop/api:1.4.2",
      "2 replicas",
      "1 env vars",
    ]);
  });

  it("points the Application at a remote cluster's API URL in the hub topology", () => {
    const { application } = buildArgoApplication({
      ...input,
      destinationServer: "https://api.edge-1.example.com:6443",
    });
    expect(application.spec).toMatchObject({
      destination: { server: "https://api.edge-1.example.com:6443", namespace: "payments-stage" },
    });
  });
});

describe("argoApplicationName", () => {
  const long = "a".repeat(63);
  it("keeps short names as they are", () => {
    expect(argoApplicationName(input)).toBe("payments-shop-api-stage");
  });

  it("shortens long names to a label value's limit with a deterministic hash", () => {
    const parts = { ...input, spaceName: long, applicationName: long };
    const name = argoApplicationName(parts);
    expect(name).toHaveLength(APPLICATION_NAME_MAX);
    expect(name).toMatch(/^a+-[0-9a-f]{6}$/);
    expect(argoApplicationName(parts)).toBe(name);
    // Two names differing only past the cut stay distinct.
    expect(argoApplicationName({ ...parts, componentName: "web" })).not.toBe(name);
  });

  it("keeps every label value of a long-named binding within 63 characters", () => {
    const { application } = buildArgoApplication({
      ...input,
      spaceName: long,
      applicationName: long,
      environmentName: long,
      componentName: long,
    });
    for (const value of Object.values(application.metadata.labels)) {
      expect(value.length).toBeLessThanOrEqual(63);
    }
  });
});
