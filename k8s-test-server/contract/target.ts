// Decides what the contract suite runs against: a real cluster only when one is named with
// SLIPWAY_CONTRACT_KUBECONFIG=<path>, otherwise a freshly started test server per file. KUBECONFIG
// alone never selects a cluster: the suite creates namespaces, CRDs and role bindings, and a shell
// that happens to point at a cluster must not get them. Tests needing the server's fault/accounting
// hooks get `testServer` and skip themselves (with a printed reason) on a real cluster.
import { randomBytes } from "node:crypto";
import { request as httpsRequest, type RequestOptions } from "node:https";
import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type V1Namespace,
} from "@kubernetes/client-node";
import { afterAll, beforeAll } from "vitest";
import { BUNDLED_CRDS_DIR, type KubeTestServer, startKubeTestServer } from "../index.js";

export interface Target {
  kc: KubeConfig;
  testServer: KubeTestServer | undefined;
  /** Create a uniquely named namespace, deleted again by `cleanup`. */
  namespace(prefix: string): Promise<string>;
  cleanup(): Promise<void>;
}

export const CLUSTER_KUBECONFIG_ENV = "SLIPWAY_CONTRACT_KUBECONFIG";

export type ContractTarget = { kind: "cluster"; kubeconfigPath: string } | { kind: "test-server" };

/** The target for an environment: only SLIPWAY_CONTRACT_KUBECONFIG names a real cluster. */
export function contractTarget(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ContractTarget {
  const path = env[CLUSTER_KUBECONFIG_ENV]?.trim();
  return path ? { kind: "cluster", kubeconfigPath: path } : { kind: "test-server" };
}

const target = contractTarget();
export const usingRealCluster = target.kind === "cluster";
/** The real cluster's kubeconfig (SLIPWAY_CONTRACT_KUBECONFIG); undefined against the test server. */
export const clusterKubeconfigPath = target.kind === "cluster" ? target.kubeconfigPath : undefined;

export async function connect(opts: { crds?: boolean } = {}): Promise<Target> {
  let testServer: KubeTestServer | undefined;
  let kc: KubeConfig;
  if (target.kind === "cluster") {
    kc = new KubeConfig();
    kc.loadFromFile(target.kubeconfigPath);
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

/**
 * Connects before the file's tests and cleans up after them; call the returned function inside a
 * test or hook to get the target.
 */
export function setupTarget(opts: { crds?: boolean } = {}): () => Target {
  let target: Target | undefined;
  beforeAll(async () => {
    target = await connect(opts);
  });
  afterAll(async () => {
    await target?.cleanup();
  });
  return () => {
    if (!target) throw new Error("the contract target is not connected yet");
    return target;
  };
}

/** A fresh namespace on the target, and a CoreV1Api client to fill it. */
export async function coreInNamespace(
  t: Target,
  prefix: string,
): Promise<{ core: CoreV1Api; ns: string }> {
  return { core: t.kc.makeApiClient(CoreV1Api), ns: await t.namespace(prefix) };
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

export interface Failure {
  code: number;
  /** The parsed Status, or {} when the body was not JSON (e.g. `404 page not found`). */
  body: Record<string, unknown>;
  /** The body as text. */
  text: string;
  headers: Record<string, string>;
}

function failure(code: number, raw: unknown, headers: Record<string, string>): Failure {
  const text = typeof raw === "string" ? raw : raw === undefined ? "" : JSON.stringify(raw);
  let body: Record<string, unknown> = {};
  if (typeof raw === "object" && raw !== null) body = raw as Record<string, unknown>;
  else {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === "object" && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: callers read `text`.
    }
  }
  return { code, body, text, headers };
}

/** The HTTP status of a client-node ApiException (or undefined when the call succeeded). */
export async function statusOf(p: Promise<unknown>): Promise<Failure | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    const err = e as { code?: number; body?: unknown; headers?: Record<string, string> };
    if (typeof err.code !== "number") throw e;
    return failure(err.code, err.body, err.headers ?? {});
  }
}

export interface RawResponse extends Failure {
  contentType: string;
}

/**
 * One HTTPS request with the KubeConfig's credentials, for what client-node cannot express or
 * reshapes on the way (plain-text bodies, raw patch bytes, keys such as `__proto__`).
 */
export async function rawRequest(
  kc: KubeConfig,
  method: string,
  path: string,
  body?: { contentType: string; data: string | Buffer },
): Promise<RawResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("no current cluster");
  const url = new URL(path, cluster.server);
  const options: RequestOptions = { method, headers: {} };
  await kc.applyToHTTPSOptions(options);
  if (body) options.headers = { ...options.headers, "Content-Type": body.contentType };
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers = Object.fromEntries(
          Object.entries(res.headers).map(([k, v]) => [k, String(v)]),
        );
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          ...failure(res.statusCode ?? 0, text, headers),
          contentType: headers["content-type"] ?? "",
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body?.data);
  });
}

export function skipReason(what: string): string {
  return `skipped: ${what} needs the k8s test server's hooks; ${CLUSTER_KUBECONFIG_ENV} points at a real cluster`;
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

/** A new namespace (as `kc`, an admin) where `subject` is bound to the ClusterRole `role`. */
export async function namespaceBoundTo(
  kc: KubeConfig,
  prefix: string,
  subject: { kind: "User" | "Group"; name: string },
  role: string,
): Promise<string> {
  const ns = uniqueName(prefix);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
  await kc.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
    namespace: ns,
    body: {
      metadata: { name: `${prefix}-${role}` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", ...subject }],
    },
  });
  return ns;
}
