// A Kubernetes API test server in a process of its own (k8s-test-server/cli.ts), as a real API
// server always is: the benchmark's default, so Slipway and the bare loop do not share a thread
// with the server they call. Resolves once the server has written its kubeconfig.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TSpawnedTestServer {
  kubeconfigPath: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function spawnTestServer(): Promise<TSpawnedTestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "slipway-bench-server-"));
  const kubeconfigPath = path.join(dir, "kubeconfig.yaml");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "k8s-test-server/cli.ts", "--kubeconfig", kubeconfigPath, "--quiet"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.includes("export KUBECONFIG=")) resolve();
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the test server exited (${code}): ${stderr}`)));
  });
  // Keep reading stderr so the pipe never fills.
  child.stderr.resume();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    kubeconfigPath,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
