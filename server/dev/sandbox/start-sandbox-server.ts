// Starts the Kubernetes API test server for `npm run dev` as a child process (node + tsx), so
// nothing from k8s-test-server/ (a dev-only module tree) is ever bundled by Next. Next runs
// instrumentation in several processes: the first to bind the port serves, the others find
// EADDRINUSE and use the kubeconfig the first one wrote. Argo CD is emulated there (syncs report
// success after a short delay, so a deployment is seen Progressing, then Synced and Healthy).
import { spawn } from "node:child_process";
import { mkdir, readFile, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { DEV_CLUSTER_OIDC_CLIENT_ID } from "@/server/dev/oidc/constants";

/** Long enough for a person to see a deployment in progress before it reports Synced. */
export const SANDBOX_ARGO_CD_SYNC_MS = 1500;

export interface TSandboxServer {
  kubeconfigYaml: string;
  /** False when another process already served the port. */
  startedHere: boolean;
}

/**
 * The sandbox's `--oidc-*` flags trusting the development OpenID provider at `issuerUrl`, as a
 * cluster with user sign-in trusts its issuer: ID tokens for the provider's cluster client
 * authenticate as the verified e-mail with no prefix, the name members are bound by
 * (server/k8s/manifests/role-binding.ts). The dev issuer serves plain http on localhost, which
 * only the test server accepts. It fetches discovery and keys on the first token, not at start,
 * and again on the next token after a failure, so a provider that starts later is found.
 */
export function sandboxOidcFlags(issuerUrl: string): string[] {
  return [
    `--oidc-issuer-url=${issuerUrl}`,
    `--oidc-client-id=${DEV_CLUSTER_OIDC_CLIENT_ID}`,
    "--oidc-username-claim=email",
    "--oidc-username-prefix=-",
    "--oidc-allow-insecure-issuer",
  ];
}

export async function startSandboxServer(options: {
  port: number;
  dataDir: string;
  /** The development OpenID provider's issuer, when it runs: the sandbox then trusts it. */
  oidcIssuerUrl?: string;
}): Promise<TSandboxServer> {
  const dir = path.resolve(/* turbopackIgnore: true */ options.dataDir);
  await mkdir(dir, { recursive: true });
  const kubeconfigPath = path.join(dir, "sandbox-kubeconfig.yaml");
  const spawnedAt = Date.now();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "k8s-test-server/cli.ts",
      "--port",
      String(options.port),
      "--kubeconfig",
      kubeconfigPath,
      `--emulate-argo-cd=${SANDBOX_ARGO_CD_SYNC_MS}`,
      ...(options.oidcIssuerUrl ? sandboxOidcFlags(options.oidcIssuerUrl) : []),
      "--quiet",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  const startedHere = await new Promise<boolean>((resolve, reject) => {
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.includes("export KUBECONFIG=")) resolve(true);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (stderr.includes("EADDRINUSE")) resolve(false);
      else reject(new Error(`the sandbox test server exited (${code}): ${stderr.slice(-500)}`));
    });
  });
  if (startedHere) {
    // Stop it with this process; keep reading stderr so the pipe never fills.
    process.once("exit", () => child.kill());
    child.stderr.resume();
  } else await writtenSince(kubeconfigPath, spawnedAt);
  return { kubeconfigYaml: await readFile(kubeconfigPath, "utf8"), startedHere };
}

/**
 * The process that won the port writes its kubeconfig just after binding: wait for that write,
 * up to a few seconds (a server left over from an earlier run wrote it long ago).
 */
async function writtenSince(file: string, since: number): Promise<void> {
  for (let waited = 0; waited < 3000; waited += 100) {
    const written = await stat(file).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (written >= since - 1000) return;
    await sleep(100);
  }
}
