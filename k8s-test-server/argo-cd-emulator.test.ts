// The emulated Argo CD application controller, through client-node as Slipway sees it: what it
// writes for automated, manual and operation-carrying Applications, terminations and deletions,
// all accepted by Argo CD's real CRD, under Argo CD's field manager, and only when something
// changed.
import { CoreV1Api, CustomObjectsApi, KubernetesObjectApi, Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARGO_CD_MANAGER, EMULATED_SYNC_MESSAGE, overriddenImages } from "./argo-cd-emulator.js";
import { BUNDLED_CRDS_DIR, type KubeTestServer, startKubeTestServer } from "./index.js";

type Obj = Record<string, unknown>;
const GROUP = { group: "argoproj.io", version: "v1alpha1", plural: "applications" };
const NS = "argocd";

let server: KubeTestServer;
let custom: CustomObjectsApi;

beforeAll(async () => {
  server = await startKubeTestServer({
    manifestDirs: [BUNDLED_CRDS_DIR],
    emulateArgoCd: true,
  });
  custom = server.kubeConfig.makeApiClient(CustomObjectsApi);
});
afterAll(async () => {
  // Nothing it wrote was refused by the API (the CRD's schema or a conflict).
  expect(server.argoCdEmulatorErrors).toEqual([]);
  await server.stop();
});

const kustomizeSource = {
  repoURL: "https://git.example.com/team/app.git",
  path: "deploy/overlays/stage",
  targetRevision: "v1.2.0",
  kustomize: { images: ["quay.io/team/api=quay.io/team/api@sha256:" + "a".repeat(64)] },
};

function application(name: string, spec: Obj, extra: Obj = {}): Obj {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name, namespace: NS },
    spec: {
      project: "default",
      source: kustomizeSource,
      destination: { server: "https://kubernetes.default.svc", namespace: "team-stage" },
      ...spec,
    },
    ...extra,
  };
}

async function create(body: Obj): Promise<void> {
  await custom.createNamespacedCustomObject({ ...GROUP, namespace: NS, body });
  await server.settled();
}

async function read(name: string): Promise<Obj & { status?: Obj; metadata: Obj }> {
  return (await custom.getNamespacedCustomObject({ ...GROUP, namespace: NS, name })) as Obj & {
    status?: Obj;
    metadata: Obj;
  };
}

const automated = { syncPolicy: { automated: { prune: true, selfHeal: true } } };

describe("emulated Argo CD (test server)", () => {
  it("reports an automated Application Synced at its targetRevision and Healthy, with its images", async () => {
    await create(application("auto", automated));
    const app = await read("auto");
    const status = app.status as {
      sync: Obj;
      health: Obj;
      summary: Obj;
      reconciledAt: string;
      sourceType: string;
      operationState: Obj;
    };
    expect(status.sync).toEqual({
      status: "Synced",
      revision: "v1.2.0",
      comparedTo: {
        source: kustomizeSource,
        destination: { server: "https://kubernetes.default.svc", namespace: "team-stage" },
      },
    });
    expect(status.health).toEqual({ status: "Healthy" });
    expect(status.summary).toEqual({ images: ["quay.io/team/api@sha256:" + "a".repeat(64)] });
    expect(status.sourceType).toBe("Kustomize");
    expect(Date.parse(status.reconciledAt)).not.toBeNaN();
    expect(status.operationState).toMatchObject({
      phase: "Succeeded",
      message: EMULATED_SYNC_MESSAGE,
      operation: { initiatedBy: { automated: true }, sync: { revision: "v1.2.0" } },
      syncResult: { revision: "v1.2.0" },
    });
    const managers = (app.metadata.managedFields as { manager: string }[]).map((m) => m.manager);
    expect(managers).toContain(ARGO_CD_MANAGER);
  });

  it("writes nothing more once an Application is in sync, and syncs again when its spec changes", async () => {
    const before = (await read("auto")).metadata.resourceVersion;
    // A write that changes nothing Argo CD compares (a label) leaves the status alone.
    await custom.patchNamespacedCustomObject({
      ...GROUP,
      namespace: NS,
      name: "auto",
      body: [{ op: "add", path: "/metadata/labels", value: { a: "b" } }],
    });
    await server.settled();
    const labelled = await read("auto");
    expect(Number(labelled.metadata.resourceVersion)).toBe(Number(before) + 1);

    await custom.patchNamespacedCustomObject({
      ...GROUP,
      namespace: NS,
      name: "auto",
      body: [{ op: "replace", path: "/spec/source/targetRevision", value: "v1.3.0" }],
    });
    await server.settled();
    const resynced = await read("auto");
    expect((resynced.status?.sync as Obj).revision).toBe("v1.3.0");
    expect((resynced.status?.operationState as Obj).syncResult).toMatchObject({
      revision: "v1.3.0",
    });
  });

  it("syncs helm and plain-directory sources once (settling proves no write loop)", async () => {
    const helmSource = {
      repoURL: "https://git.example.com/team/charts.git",
      path: "charts/web",
      targetRevision: "1.4.0",
      helm: {
        parameters: [
          { name: "image.repository", value: "quay.io/team/web" },
          { name: "image.tag", value: "s2" },
          { name: "replicaCount", value: "2" },
        ],
      },
    };
    await create(application("helm", { ...automated, source: helmSource }));
    const helm = await read("helm");
    expect(helm.status?.summary).toEqual({ images: ["quay.io/team/web:s2"] });
    expect(helm.status?.sourceType).toBe("Helm");
    const plain = { repoURL: "https://git.example.com/team/docs.git", path: ".", directory: {} };
    await create(application("plain", { ...automated, source: plain }));
    const dir = await read("plain");
    // No targetRevision: Argo CD's default, HEAD. No overrides: no images to report.
    expect(dir.status?.sync).toMatchObject({ status: "Synced", revision: "HEAD" });
    expect(dir.status?.summary).toBeUndefined();
    const rv = dir.metadata.resourceVersion;
    await server.settled();
    expect((await read("plain")).metadata.resourceVersion).toBe(rv);
  });

  it("leaves a manual Application with no operation OutOfSync and Missing", async () => {
    await create(application("manual", {}));
    const status = (await read("manual")).status as {
      sync: Obj;
      health: Obj;
      operationState?: Obj;
    };
    expect(status.sync.status).toBe("OutOfSync");
    expect(status.health).toEqual({ status: "Missing" });
    expect(status.operationState).toBeUndefined();
  });

  it("completes a requested sync operation and removes it, as Argo CD does", async () => {
    const operation = {
      sync: { revision: "v1.2.0", prune: true },
      initiatedBy: { username: "bob@example.com" },
    };
    await create(application("operated", {}, { operation }));
    const app = await read("operated");
    expect(app.operation).toBeUndefined();
    expect(app.status?.sync).toMatchObject({ status: "Synced", revision: "v1.2.0" });
    expect(app.status?.health).toEqual({ status: "Healthy" });
    const state = app.status?.operationState as Obj;
    expect(state).toMatchObject({
      phase: "Succeeded",
      operation,
      message: EMULATED_SYNC_MESSAGE,
      syncResult: { revision: "v1.2.0" },
    });
    expect(Date.parse(String(state.startedAt))).not.toBeNaN();
    expect(Date.parse(String(state.finishedAt))).not.toBeNaN();
    // A manual Application stays Synced after its sync until its spec changes.
    await custom.patchNamespacedCustomObject({
      ...GROUP,
      namespace: NS,
      name: "operated",
      body: [{ op: "replace", path: "/spec/source/targetRevision", value: "v2.0.0" }],
    });
    await server.settled();
    expect((await read("operated")).status?.sync).toMatchObject({ status: "OutOfSync" });
  });

  it('turns a Terminating operation into Failed "terminated"', async () => {
    await create(
      application(
        "terminating",
        {},
        {
          operation: { sync: { revision: "v1.2.0" } },
          status: {
            operationState: {
              operation: { sync: { revision: "v1.2.0" } },
              phase: "Terminating",
              startedAt: "2025-01-01T00:00:00Z",
            },
          },
        },
      ),
    );
    const app = await read("terminating");
    expect(app.operation).toBeUndefined();
    expect(app.status?.operationState).toMatchObject({ phase: "Failed", message: "terminated" });
  });

  it("lets a deleted Application with Argo CD's resources finalizer go", async () => {
    await create(
      application("finalized", automated, {
        metadata: {
          name: "finalized",
          namespace: NS,
          finalizers: ["resources-finalizer.argocd.argoproj.io"],
        },
      }),
    );
    await custom.deleteNamespacedCustomObject({ ...GROUP, namespace: NS, name: "finalized" });
    await server.settled();
    const left = await KubernetesObjectApi.makeApiClient(server.kubeConfig).list(
      "argoproj.io/v1alpha1",
      "Application",
      NS,
    );
    expect(left.items.map((a) => a.metadata?.name)).not.toContain("finalized");
  });
});

describe("emulated Argo CD's namespace (test server)", () => {
  it("exists from the start, and Applications outside it are not Argo CD's", async () => {
    const ns = await server.kubeConfig.makeApiClient(CoreV1Api).readNamespace({ name: NS });
    expect(ns.status?.phase).toBe("Active");
    await custom.createNamespacedCustomObject({
      ...GROUP,
      namespace: "default",
      body: { ...application("elsewhere", automated), metadata: { name: "elsewhere" } },
    });
    await server.settled();
    const app = (await custom.getNamespacedCustomObject({
      ...GROUP,
      namespace: "default",
      name: "elsewhere",
    })) as Obj;
    expect(app.status).toBeUndefined();
  });
});

describe("overriddenImages", () => {
  it("reads kustomize overrides and helm image parameters", () => {
    expect(overriddenImages({ kustomize: { images: ["a/b=c/d:1", "e/f:2"] } })).toEqual([
      "c/d:1",
      "e/f:2",
    ]);
    const helm = (parameters: { name: string; value: string }[]) =>
      overriddenImages({ helm: { parameters } });
    expect(
      helm([
        { name: "image.repository", value: "quay.io/t/api" },
        { name: "image.tag", value: "1.0" },
      ]),
    ).toEqual(["quay.io/t/api:1.0"]);
    expect(
      helm([
        { name: "image.repository", value: "quay.io/t/api" },
        { name: "image.digest", value: "sha256:abc" },
      ]),
    ).toEqual(["quay.io/t/api@sha256:abc"]);
    expect(overriddenImages({ directory: {} })).toEqual([]);
  });
});

describe("emulated Argo CD with a delay (test server)", () => {
  it("shows the sync running (Progressing) before it reports Synced and Healthy", async () => {
    const slow = await startKubeTestServer({
      manifestDirs: [BUNDLED_CRDS_DIR],
      emulateArgoCd: { delayMs: 300 },
    });
    try {
      const api = slow.kubeConfig.makeApiClient(CustomObjectsApi);
      const created = (await api.createNamespacedCustomObject({
        ...GROUP,
        namespace: NS,
        body: application("slow", automated),
      })) as { metadata: { resourceVersion: string } };
      await slow.settled();
      // Every version since the create, replayed by a watch: no timing involved.
      const seen: { health?: string; phase?: string; startedAt?: string }[] = [];
      let healthy!: () => void;
      const reachedHealthy = new Promise<void>((resolve) => (healthy = resolve));
      const request = await new Watch(slow.kubeConfig).watch(
        `/apis/argoproj.io/v1alpha1/namespaces/${NS}/applications`,
        { resourceVersion: created.metadata.resourceVersion },
        (_type, app: { status?: { health?: Obj; operationState?: Obj } }) => {
          const state = app.status?.operationState;
          seen.push({
            health: app.status?.health?.status as string | undefined,
            phase: state?.phase as string | undefined,
            startedAt: state?.startedAt as string | undefined,
          });
          if (app.status?.health?.status === "Healthy") healthy();
        },
        // Ended by the abort below; the events are what the test reads.
        () => undefined,
      );
      await reachedHealthy;
      request.abort();
      expect(seen.map((s) => [s.health, s.phase])).toEqual([
        ["Progressing", "Running"],
        ["Healthy", "Succeeded"],
      ]);
      // The same operation, started when it showed as running.
      expect(seen[1]!.startedAt).toBe(seen[0]!.startedAt);
      expect(slow.argoCdEmulatorErrors).toEqual([]);
    } finally {
      await slow.stop();
    }
  });
});

describe("emulated Argo CD is off by default", () => {
  it("leaves Applications without status", async () => {
    const plain = await startKubeTestServer({ manifestDirs: [BUNDLED_CRDS_DIR] });
    try {
      const api = plain.kubeConfig.makeApiClient(CustomObjectsApi);
      await api.createNamespacedCustomObject({
        ...GROUP,
        namespace: "default",
        body: {
          ...application("auto", automated),
          metadata: { name: "auto", namespace: "default" },
        },
      });
      await plain.settled();
      const app = (await api.getNamespacedCustomObject({
        ...GROUP,
        namespace: "default",
        name: "auto",
      })) as Obj;
      expect(app.status).toBeUndefined();
      expect(plain.argoCdEmulatorErrors).toBeUndefined();
    } finally {
      await plain.stop();
    }
  });
});
