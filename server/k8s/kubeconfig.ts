// Reads a pasted or uploaded kubeconfig without trusting it. client-node's KubeConfig would read
// files the text names (token-file, certificate paths) from this server's disk and would run exec
// plugins; Slipway must do neither, so the YAML is parsed as data (client-node's loadYaml) and
// only embedded credentials are accepted: a bearer token, or a client certificate and key.
import { loadYaml } from "@kubernetes/client-node";
import type { TClusterCredentials } from "./connection";

export class KubeconfigError extends Error {
  constructor(
    message: string,
    /** The form field the message belongs under. */
    readonly field: "kubeconfig" | "context" = "kubeconfig",
  ) {
    super(message);
    this.name = "KubeconfigError";
  }
}

export interface TKubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  /** The cluster's API URL as written, or null when the context's cluster is missing. */
  server: string | null;
  insecureSkipTlsVerify: boolean;
  authKind: TClusterCredentials["kind"] | null;
  /** Why Slipway cannot use this context, in plain words; null when it can. */
  problem: string | null;
}

type TNamed = { name?: unknown; [key: string]: unknown };
type TRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is TRecord =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function namedEntries(doc: TRecord, list: string, inner: string): Map<string, TRecord> {
  const entries = new Map<string, TRecord>();
  const items = Array.isArray(doc[list]) ? (doc[list] as TNamed[]) : [];
  for (const item of items) {
    if (isRecord(item) && typeof item.name === "string" && isRecord(item[inner]))
      entries.set(item.name, item[inner]);
  }
  return entries;
}

function parseDocument(text: string): TRecord {
  let doc: unknown;
  try {
    doc = loadYaml<unknown>(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "unreadable";
    throw new KubeconfigError(`This is not valid YAML: ${reason}.`);
  }
  if (!isRecord(doc) || doc.kind !== "Config" || !Array.isArray(doc.contexts))
    throw new KubeconfigError(
      "This is not a kubeconfig: expected `kind: Config` with a `contexts` list.",
    );
  return doc;
}

const str = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);

function decodePem(base64: string, expected: RegExp, what: string, where: string): string {
  const pem = Buffer.from(base64, "base64").toString("utf8");
  if (!expected.test(pem))
    throw new KubeconfigError(`${where}: ${what} is not base64 of a PEM block.`);
  return pem;
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----/;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Credentials of a user entry, or the reason they cannot be used. */
function userCredentials(user: TRecord, where: string): TClusterCredentials {
  if (user.exec !== undefined)
    throw new KubeconfigError(
      `${where} uses an exec plugin (${str((user.exec as TRecord | null)?.command) ?? "a command"}), which Slipway will not run. Use a service-account token or a client certificate instead.`,
    );
  if (user["auth-provider"] !== undefined)
    throw new KubeconfigError(
      `${where} uses an auth-provider plugin, which Slipway does not support. Use a service-account token or a client certificate instead.`,
    );
  if (user.username !== undefined || user.password !== undefined)
    throw new KubeconfigError(
      `${where} uses a username and password; Kubernetes no longer supports basic authentication. Use a token or a client certificate.`,
    );
  if (user.as !== undefined || user["as-groups"] !== undefined)
    throw new KubeconfigError(
      `${where} impersonates another user, which Slipway does not support.`,
    );
  for (const key of ["token-file", "client-certificate", "client-key"]) {
    if (user[key] !== undefined)
      throw new KubeconfigError(
        `${where} refers to a file (${key}); Slipway reads no files. Paste a flattened kubeconfig (kubectl config view --raw --flatten --minify).`,
      );
  }
  const token = str(user.token);
  if (token) return { kind: "token", token: token.trim() };
  const cert = str(user["client-certificate-data"]);
  const key = str(user["client-key-data"]);
  if (cert && key)
    return {
      kind: "client-certificate",
      certData: decodePem(cert, CERTIFICATE, "client-certificate-data", where),
      keyData: decodePem(key, PRIVATE_KEY, "client-key-data", where),
    };
  if (cert || key)
    throw new KubeconfigError(`${where} has a client certificate or key but not both.`);
  throw new KubeconfigError(
    `${where} has no credentials: it needs a token or a client certificate.`,
  );
}

export interface TKubeconfigConnection {
  contextName: string;
  apiUrl: string;
  insecureSkipTlsVerify: boolean;
  credentials: TClusterCredentials;
}

function resolveContext(doc: TRecord, name: string): TKubeconfigConnection {
  const context = namedEntries(doc, "contexts", "context").get(name);
  if (!context) throw new KubeconfigError(`The kubeconfig has no context "${name}".`, "context");
  const clusterName = str(context.cluster) ?? "";
  const userName = str(context.user) ?? "";
  const cluster = namedEntries(doc, "clusters", "cluster").get(clusterName);
  if (!cluster)
    throw new KubeconfigError(
      `Context "${name}" refers to cluster "${clusterName}", which is not defined.`,
    );
  const user = namedEntries(doc, "users", "user").get(userName);
  if (!user)
    throw new KubeconfigError(
      `Context "${name}" refers to user "${userName}", which is not defined.`,
    );
  const server = str(cluster.server) ?? "";
  if (!/^https:\/\/[^/\s]+/.test(server))
    throw new KubeconfigError(
      `Cluster "${clusterName}" has API URL "${server}": Slipway only talks to clusters over https://.`,
    );
  if (cluster["certificate-authority"] !== undefined)
    throw new KubeconfigError(
      `Cluster "${clusterName}" refers to a CA file; Slipway reads no files. Paste a flattened kubeconfig (kubectl config view --raw --flatten --minify).`,
    );
  const credentials = userCredentials(user, `User "${userName}" (context "${name}")`);
  const ca = str(cluster["certificate-authority-data"]);
  const caData = ca
    ? decodePem(ca, CERTIFICATE, "certificate-authority-data", `Cluster "${clusterName}"`)
    : undefined;
  return {
    contextName: name,
    apiUrl: server.replace(/\/+$/, ""),
    insecureSkipTlsVerify: cluster["insecure-skip-tls-verify"] === true,
    credentials: caData ? { ...credentials, caData } : credentials,
  };
}

/** Every context of a kubeconfig, with whether (and why not) Slipway can use it. No credentials. */
export function listKubeconfigContexts(text: string): {
  contexts: TKubeconfigContext[];
  currentContext: string | null;
} {
  const doc = parseDocument(text);
  const names = [...namedEntries(doc, "contexts", "context").entries()];
  if (names.length === 0) throw new KubeconfigError("The kubeconfig defines no contexts.");
  const contexts = names.map(([name, context]): TKubeconfigContext => {
    const cluster = namedEntries(doc, "clusters", "cluster").get(str(context.cluster) ?? "");
    const base = {
      name,
      cluster: str(context.cluster) ?? "",
      user: str(context.user) ?? "",
      server: str(cluster?.server),
      insecureSkipTlsVerify: cluster?.["insecure-skip-tls-verify"] === true,
    };
    try {
      const resolved = resolveContext(doc, name);
      return { ...base, authKind: resolved.credentials.kind, problem: null };
    } catch (error) {
      if (!(error instanceof KubeconfigError)) throw error;
      return { ...base, authKind: null, problem: error.message };
    }
  });
  const current = str(doc["current-context"]);
  return {
    contexts,
    currentContext: current && contexts.some((c) => c.name === current) ? current : null,
  };
}

/** The connection a context describes; without a name, the current context (or the only one). */
export function connectionFromKubeconfig(
  text: string,
  contextName?: string,
): TKubeconfigConnection {
  const doc = parseDocument(text);
  const names = [...namedEntries(doc, "contexts", "context").keys()];
  const chosen =
    contextName ?? str(doc["current-context"]) ?? (names.length === 1 ? names[0] : undefined);
  if (!chosen)
    throw new KubeconfigError("The kubeconfig has several contexts: choose one.", "context");
  return resolveContext(doc, chosen);
}
