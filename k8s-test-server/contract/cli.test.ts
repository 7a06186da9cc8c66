// The CLI starts a server, writes a working kubeconfig, and stops on SIGTERM.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CoreV1Api, KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { skipReason, usingRealCluster } from "./target.js";

describe.skipIf(usingRealCluster)("cli (test server)", () => {
  if (usingRealCluster) console.log(skipReason("the CLI"));

  it("serves the bundled CRDs and writes a kubeconfig", async () => {
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
      const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain("default");
      const apps = await KubernetesObjectApi.makeApiClient(kc).list(
        "argoproj.io/v1alpha1",
        "Application",
      );
      expect(apps.items).toEqual([]);
    } finally {
      // A child that already exited (e.g. crashed at start-up) emits no second "exit".
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    }
  });
});
