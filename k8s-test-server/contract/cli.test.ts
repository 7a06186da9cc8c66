// The CLI starts a server, writes a working kubeconfig, and stops on SIGTERM.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
} from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { eventually, skipReason, usingRealCluster } from "./target.js";

/** Runs the CLI with `args` until `withClient` is done with a client for it, then stops it. */
async function withCli(
  args: string[],
  withClient: (kc: KubeConfig) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "k8s-cli-"));
  const kubeconfig = join(dir, "kubeconfig.yaml");
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(import.meta.dirname, "..", "cli.ts"),
      "--quiet",
      "--kubeconfig",
      kubeconfig,
      ...args,
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  try {
    let stderr = "";
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        stderr += chunk;
        if (stderr.includes("kubeconfig written")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`cli exited with ${code}: ${stderr}`)));
    });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    await withClient(kc);
  } finally {
    // A child that already exited (e.g. crashed at start-up) emits no second "exit".
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

describe.skipIf(usingRealCluster)("cli (test server)", () => {
  if (usingRealCluster) console.log(skipReason("the CLI"));

  it("serves the bundled CRDs and writes a kubeconfig", async () => {
    await withCli([], async (kc) => {
      const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain("default");
      const apps = await KubernetesObjectApi.makeApiClient(kc).list(
        "argoproj.io/v1alpha1",
        "Application",
      );
      expect(apps.items).toEqual([]);
    });
  });

  it("--emulate-argo-cd=<delayMs> reports automated Applications Synced and Healthy", async () => {
    await withCli(["--emulate-argo-cd=20"], async (kc) => {
      const custom = kc.makeApiClient(CustomObjectsApi);
      const where = { group: "argoproj.io", version: "v1alpha1", plural: "applications" };
      await custom.createNamespacedCustomObject({
        ...where,
        namespace: "argocd",
        body: {
          apiVersion: "argoproj.io/v1alpha1",
          kind: "Application",
          metadata: { name: "cli-app" },
          spec: {
            project: "default",
            source: { repoURL: "https://git.example.com/a.git", path: ".", targetRevision: "main" },
            destination: { server: "https://kubernetes.default.svc", namespace: "argocd" },
            syncPolicy: { automated: {} },
          },
        },
      });
      const status = await eventually(async () => {
        const app = (await custom.getNamespacedCustomObject({
          ...where,
          namespace: "argocd",
          name: "cli-app",
        })) as { status?: { sync?: { status?: string }; health?: { status?: string } } };
        return app.status?.health?.status === "Healthy" ? app.status : undefined;
      }, "the emulated sync");
      expect(status.sync?.status).toBe("Synced");
    });
  });
});
