// Decides what the contract suite runs against: the cluster KUBECONFIG points to, or a freshly
// started test server. Tests needing the server's fault/accounting hooks get `testServer` and
// skip themselves (with a printed reason) when it is absent.
import { randomBytes } from "node:crypto";
import { CoreV1Api, KubeConfig, type V1Namespace } from "@kubernetes/client-node";
import { BUNDLED_CRDS_DIR, type KubeTestServer, startKubeTestServer } from "../index.js";

export interface Target {
  kc: KubeConfig;
  testServer: KubeTestServer | undefined;
  /** Create a uniquely named namespace, deleted again by `cleanup`. */
  namespace(prefix: string): Promise<string>;
  cleanup(): Promise<void>;
}

export const usingRealCluster = !!process.env.KUBECONFIG;

export async function connect(opts: { crds?: boolean } = {}): Promise<Target> {
  let testServer: KubeTestServer | undefined;
  let kc: KubeConfig;
  if (usingRealCluster) {
    kc = new KubeConfig();
    kc.loadFromDefault();
  } else {
    testServer = await startKubeTestServer(opts.crds ? { manifestDirs: [BUNDLED_CRDS_DIR] } : {});
    kc = testServer.kubeConfig;
  }
  const core = kc.makeApiClient(CoreV1Api);
  const created: string[] = [];
  return {
    kc,
    testServer,
    async namespace(prefix: string) {
      const name = uniqueName(prefix);
      const body: V1Namespace = {
        metadata: { name, labels: { "slipway.dev/contract-test": "true" } },
      };
      await core.createNamespace({ body });
      created.push(name);
      return name;
    },
    async cleanup() {
      for (const name of created) {
        await core.deleteNamespace({ name }).catch(() => undefined);
      }
      await testServer?.stop();
    },
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`.slice(0, 63);
}

/** Polls `check` until it returns a value other than undefined/false. Never relies on a fixed sleep. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (let delay = 5; Date.now() < deadline; delay = Math.min(delay * 2, 250)) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, delay));
  }
  throw new Error(
    `timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ""}`,
  );
}

/** The HTTP status of a client-node ApiException (or undefined when the call succeeded). */
export async function statusOf(
  p: Promise<unknown>,
): Promise<
  { code: number; body: Record<string, unknown>; headers: Record<string, string> } | undefined
> {
  try {
    await p;
    return undefined;
  } catch (e) {
    const err = e as { code?: number; body?: unknown; headers?: Record<string, string> };
    if (typeof err.code !== "number") throw e;
    const body =
      typeof err.body === "string"
        ? (JSON.parse(err.body) as Record<string, unknown>)
        : ((err.body ?? {}) as Record<string, unknown>);
    return { code: err.code, body, headers: err.headers ?? {} };
  }
}

export function skipReason(what: string): string {
  return `skipped: ${what} needs the k8s test server's hooks; KUBECONFIG points at a real cluster`;
}

/** A KubeConfig for the same cluster (server + CA) authenticating with `token`. */
export function kubeConfigWithToken(kc: KubeConfig, token: string): KubeConfig {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("no current cluster");
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: [cluster],
    users: [{ name: "token-user", token }],
    contexts: [{ name: "token-context", cluster: cluster.name, user: "token-user" }],
    currentContext: "token-context",
  });
  return out;
}
