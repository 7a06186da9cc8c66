// Public entry point: start a faithful Kubernetes API test double and get a kubeconfig for it.
//
//   const server = await startKubeTestServer();
//   const kc = server.kubeConfig;                // admin credentials
//   const ro = server.kubeConfigFor(server.issueToken({ user: "ro", rules: [{ verbs: ["get", "list"], resources: ["*"] }] }));
//   server.faults.failRequests({ ratio: 0.5, status: 429 });
//   server.metrics.writes({ resource: "configmaps" });
//   await server.stop();
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KubeConfig } from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { Api } from "./api.js";
import { Authenticator, type IssueTokenOptions } from "./auth.js";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./builtin-roles.js";
import { ArgoCdEmulator, DEFAULT_ARGO_CD_NAMESPACE } from "./argo-cd-emulator.js";
import { Controllers } from "./controllers.js";
import { Faults } from "./faults.js";
import { KubeHttpServer } from "./http-server.js";
import { kubeConfigFromYaml, kubeconfigYaml } from "./kubeconfig.js";
import { RequestMetrics } from "./metrics.js";
import { OidcAuthenticator, type OidcIssuerOptions } from "./oidc.js";
import {
  OpenShiftOAuth,
  type OpenShiftOAuthHandle,
  type OpenShiftOAuthOptions,
} from "./openshift-oauth.js";
import { openShiftBootstrapRbac } from "./openshift-oauth-api.js";
import { Authorizer } from "./rbac.js";
import { Registry } from "./registry.js";
import { Store } from "./store.js";
import { str } from "./json.js";
import { generateTls } from "./tls.js";

export { Faults, type FailureRule } from "./faults.js";
export {
  RequestMetrics,
  type ConnectionCounts,
  type RequestRecord,
  type RequestFilter,
} from "./metrics.js";
export { type IssueTokenOptions } from "./auth.js";
export { type OidcIssuerOptions } from "./oidc.js";
export { type OpenShiftOAuthHandle, type OpenShiftOAuthOptions } from "./openshift-oauth.js";
export { type TokenRule, type PolicyRule } from "./rbac.js";

export interface KubeTestServerOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Where to write the admin kubeconfig; a temporary file (removed on stop) by default. */
  kubeconfigPath?: string;
  /** Directories whose *.yaml/*.yml/*.json manifests (e.g. CRDs) are applied at start. */
  manifestDirs?: string[];
  /** Watch events retained per resource type before older resourceVersions answer 410 Expired. */
  watchHistoryLimit?: number;
  /**
   * Run an emulated Argo CD application controller (off by default): Applications report a
   * successful sync `delayMs` after they change (see argo-cd-emulator.ts). Creates its namespace
   * (`argocd` by default) and acts on the Applications there. Needs the Argo CD CRDs.
   */
  emulateArgoCd?: boolean | { delayMs?: number; namespace?: string };
  /**
   * Trusted OIDC issuers, as kube-apiserver's `--oidc-*` flags configure (see oidc.ts): their ID
   * tokens authenticate as `<prefix><username claim>` with the groups claim's groups.
   */
  oidc?: OidcIssuerOptions[];
  /**
   * Emulate OpenShift's integrated OAuth server (off by default): discovery at
   * /.well-known/oauth-authorization-server, the code flow at /oauth/authorize and /oauth/token
   * for these users and OAuthClients, `sha256~` bearer tokens, useroauthaccesstokens and users/~
   * (see openshift-oauth.ts and the README).
   */
  openshiftOAuth?: OpenShiftOAuthOptions;
  /** Where the server logs why a request was refused (a bad OIDC token); silent by default. */
  log?: (message: string) => void;
}

export interface KubeTestServer {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly caPem: string;
  readonly adminToken: string;
  readonly kubeconfigPath: string;
  readonly kubeconfigYaml: string;
  /** A KubeConfig with admin credentials. */
  readonly kubeConfig: KubeConfig;
  readonly faults: Faults;
  readonly metrics: RequestMetrics;
  /** Mint a bearer token for `user` with optional static rules; RBAC objects in the store grant on top. */
  issueToken(opts: IssueTokenOptions): string;
  revokeToken(token: string): void;
  /** A KubeConfig for the server using `token`. */
  kubeConfigFor(token: string): KubeConfig;
  kubeconfigYamlFor(token: string): string;
  /** Create-or-replace manifests (YAML text or objects) as admin, then wait for controllers to settle. */
  applyManifests(manifests: string | Record<string, unknown>[]): Promise<void>;
  /** The emulated OpenShift OAuth server (undefined unless `openshiftOAuth` was given). */
  readonly openshiftOAuth: OpenShiftOAuthHandle | undefined;
  /** Errors of the emulated Argo CD's writes (empty when all were accepted; undefined when off). */
  readonly argoCdEmulatorErrors: readonly unknown[] | undefined;
  /**
   * Resolves when the built-in controllers have nothing queued and no emulated Argo CD sync is
   * pending (test-server-only convenience).
   */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export async function startKubeTestServer(
  options: KubeTestServerOptions = {},
): Promise<KubeTestServer> {
  const tls = await generateTls();
  const store = new Store(options.watchHistoryLimit ?? 1000);
  const registry = new Registry();
  const api = new Api(store, registry);
  const controllers = new Controllers(api, tls.caCertPem);
  const emulate = options.emulateArgoCd === true ? {} : options.emulateArgoCd || undefined;
  const argoCd = emulate
    ? new ArgoCdEmulator(api, {
        delayMs: emulate.delayMs ?? 0,
        namespace: emulate.namespace ?? DEFAULT_ARGO_CD_NAMESPACE,
      })
    : undefined;
  // Each may give the other work (an emulated sync writes; controllers react), so settle both.
  const settled = async () => {
    do {
      await controllers.idle();
      await argoCd?.idle();
    } while (!controllers.isIdle() || (argoCd && !argoCd.isIdle()));
  };
  // Validates the issuer options before anything listens: a bad flag fails the start.
  const oidc = new OidcAuthenticator(options.oidc ?? [], options.log);
  const openshiftOAuth = options.openshiftOAuth
    ? new OpenShiftOAuth(options.openshiftOAuth)
    : undefined;
  const auth = new Authenticator(store, Date.now, oidc, openshiftOAuth);
  const authorizer = new Authorizer(store);
  const metrics = new RequestMetrics();
  const httpRef: { server?: KubeHttpServer } = {};
  const faults = new Faults({
    refuse: () => httpRef.server?.refuse() ?? Promise.resolve(),
    accept: () => httpRef.server?.accept() ?? Promise.resolve(),
    dropWatches: (abrupt) => httpRef.server?.dropWatches(abrupt) ?? 0,
    compactWatchHistory: () => store.compact(),
    sendBookmarks: () => httpRef.server?.sendBookmarks(),
  });

  const applyObjects = async (objects: Record<string, unknown>[]) => {
    for (const obj of objects) applyAsAdmin(api, obj);
    await controllers.idle();
  };

  const initialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
  if (argoCd) initialNamespaces.push(argoCd.namespace);
  for (const name of initialNamespaces)
    applyAsAdmin(api, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  for (const o of [...bootstrapClusterRoles(), ...bootstrapClusterRoleBindings()])
    applyAsAdmin(api, o);
  if (openshiftOAuth) for (const o of openShiftBootstrapRbac()) applyAsAdmin(api, o);
  for (const dir of options.manifestDirs ?? []) await applyObjects(await readManifestDir(dir));
  await controllers.idle();

  const http = new KubeHttpServer(tls, {
    api,
    auth,
    authorizer,
    faults,
    metrics,
    ...(openshiftOAuth ? { openshiftOAuth } : {}),
  });
  httpRef.server = http;
  const port = await http.listen(options.port ?? 0, "127.0.0.1");
  const url = `https://127.0.0.1:${port}`;
  if (openshiftOAuth) openshiftOAuth.issuer = url;
  const yamlFor = (token: string, userName = "admin") =>
    kubeconfigYaml({ server: url, caPem: tls.caCertPem, token, userName });
  const adminYaml = yamlFor(auth.adminToken);
  let tempDir: string | undefined;
  let kubeconfigPath = options.kubeconfigPath;
  if (!kubeconfigPath) {
    tempDir = await mkdtemp(join(tmpdir(), "k8s-test-server-"));
    kubeconfigPath = join(tempDir, "kubeconfig.yaml");
  }
  await writeFile(kubeconfigPath, adminYaml, { mode: 0o600 });
  const server = http;

  return {
    url,
    port,
    caPem: tls.caCertPem,
    adminToken: auth.adminToken,
    kubeconfigPath,
    kubeconfigYaml: adminYaml,
    kubeConfig: kubeConfigFromYaml(adminYaml),
    faults,
    metrics,
    issueToken: (opts) => auth.issue(opts),
    revokeToken: (token) => auth.revoke(token),
    kubeConfigFor: (token) => kubeConfigFromYaml(yamlFor(token, "user")),
    kubeconfigYamlFor: (token) => yamlFor(token, "user"),
    applyManifests: (m) => applyObjects(typeof m === "string" ? parseManifests(m) : m),
    openshiftOAuth: openshiftOAuth && {
      issuer: url,
      revokeAllFor: (user) => openshiftOAuth.revokeAllFor(user),
    },
    argoCdEmulatorErrors: argoCd?.errors,
    settled,
    stop: async () => {
      argoCd?.stop();
      await server.close();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

function parseManifests(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const doc of parseAllDocuments(text)) {
    const v = doc.toJS() as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) out.push(v as Record<string, unknown>);
  }
  return out;
}

async function readManifestDir(dir: string): Promise<Record<string, unknown>[]> {
  const files = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const out: Record<string, unknown>[] = [];
  for (const f of files) out.push(...parseManifests(await readFile(join(dir, f), "utf8")));
  return out;
}

/** Create or update through the regular API path (so validation and controllers apply). */
function applyAsAdmin(api: Api, obj: Record<string, unknown>): void {
  const apiVersion = str(obj.apiVersion);
  const type = api.registry.byKind(apiVersion, str(obj.kind));
  if (!type) throw new Error(`k8s-test-server: no served kind ${str(obj.kind)} in ${apiVersion}`);
  const version = apiVersion.includes("/") ? (apiVersion.split("/")[1] ?? "") : apiVersion;
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  const ns = type.namespaced ? str(meta.namespace) || "default" : "";
  const existing = api.store.get(
    `${type.group}/${type.plural}`,
    type.namespaced ? ns : undefined,
    String(meta.name),
  );
  if (existing)
    api.update(
      type,
      version,
      ns,
      String(meta.name),
      { ...obj, metadata: { ...meta, resourceVersion: undefined } },
      { manager: "k8s-test-server" },
    );
  else api.create(type, version, ns, obj, { manager: "k8s-test-server" });
}

/** Path of the bundled upstream CRDs (Argo CD Application and AppProject). */
export const BUNDLED_CRDS_DIR = join(import.meta.dirname, "crds", "argo-cd");
