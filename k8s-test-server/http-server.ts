// HTTPS front end: routing of /api and /apis paths to the resource verbs, authentication,
// authorization, discovery, fault injection and request accounting.
import { type IncomingMessage, type ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { type Socket } from "node:net";
import { assertAcceptsJson } from "./accept.js";
import { type Api, nowIso, type Result } from "./api.js";
import { type Authenticator } from "./auth.js";
import { type Faults } from "./faults.js";
import { type RequestMetrics } from "./metrics.js";
import {
  type Attributes,
  type Authorizer,
  escalationDenial,
  forbiddenMessage,
  nonResourceAttributes,
  type UserInfo,
} from "./rbac.js";
import { type Registry, type ResourceType, typeKey } from "./registry.js";
import { str } from "./json.js";
import { openApiDocument } from "./openapi-docs/serve.js";
import { requestBodyText } from "./protobuf/request-body.js";
import { ApiError, errors } from "./status.js";
import { bodyAsAccepted, watchEventRenderer } from "./tables/table.js";
import { type TlsMaterial } from "./tls.js";
import { type ActiveWatch, serveWatch } from "./watch.js";
import { readLimitedBody } from "./request-body.js";
import { type OpenShiftOAuth } from "./openshift-oauth.js";
import { serveOpenShiftOAuth } from "./openshift-oauth-http.js";
import { serveOpenShiftUserApi } from "./openshift-oauth-api.js";

export interface ServerDeps {
  api: Api;
  auth: Authenticator;
  authorizer: Authorizer;
  faults: Faults;
  metrics: RequestMetrics;
  /** The emulated OpenShift OAuth server, when on. */
  openshiftOAuth?: OpenShiftOAuth;
}

export interface ResourceRequest {
  group: string;
  version: string;
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
}

const PUBLIC_PATHS = new Set(["/version", "/version/", "/healthz", "/livez", "/readyz"]);
export const VERSION_INFO = {
  major: "1",
  minor: "33",
  gitVersion: "v1.33.0-slipway-test",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2026-01-01T00:00:00Z",
  goVersion: "go1.24.0",
  compiler: "gc",
  platform: "linux/amd64",
};

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-cache, private",
    ...headers,
  });
  res.end(text);
}

/** Counts a request that names no resource (discovery, health, refused before routing). */
function recordNonResource(metrics: RequestMetrics, verb: string, code: number): void {
  metrics.record({
    verb,
    group: "",
    version: "",
    resource: "",
    subresource: "",
    namespace: "",
    code,
  });
}

function sendError(res: ServerResponse, e: unknown): number {
  const err =
    e instanceof ApiError ? e : errors.internal(e instanceof Error ? e.message : String(e));
  send(res, err.code, err.toStatus(), err.headers);
  return err.code;
}

/**
 * A 404 in kube-apiserver's two shapes. Paths under /api and under built-in groups are go-restful
 * routes, which answer a miss with a Status. Everything else — groups that are not served, CRD
 * groups (whose handler delegates what it does not know), other URLs — falls through to Go's
 * http.NotFound: plain text.
 */
function sendNotFound(res: ServerResponse, registry: Registry, group: string | undefined): number {
  if (group !== undefined && registry.isBuiltinGroup(group))
    return sendError(res, errors.resourceNotFound());
  send(res, 404, "404 page not found\n", { "X-Content-Type-Options": "nosniff" });
  return 404;
}

/** The group a path belongs to: "" for /api/…, the group for /apis/<group>/…, else undefined. */
function groupOfPath(segs: string[]): string | undefined {
  if (segs[0] === "api" && segs.length >= 2) return "";
  if (segs[0] === "apis" && segs.length >= 2) return segs[1];
  return undefined;
}

function parseResourcePath(segs: string[], group: string, version: string): ResourceRequest {
  const base = { group, version, namespace: "", resource: "", name: "", subresource: "" };
  const clusterNamespaceSub =
    segs[0] === "namespaces" &&
    segs.length === 3 &&
    group === "" &&
    (segs[2] === "status" || segs[2] === "finalize");
  if (segs[0] === "namespaces" && segs.length >= 3 && !clusterNamespaceSub) {
    return {
      ...base,
      namespace: segs[1] ?? "",
      resource: segs[2] ?? "",
      name: segs[3] ?? "",
      subresource: segs[4] ?? "",
    };
  }
  return { ...base, resource: segs[0] ?? "", name: segs[1] ?? "", subresource: segs[2] ?? "" };
}

/**
 * The name a list or watch asks for with `fieldSelector=metadata.name=<name>`, as kube-apiserver's
 * RequestInfoFactory finds it, so RBAC rules with `resourceNames` authorize such a request (and
 * only such a list or watch: create and deletecollection never get a name). Undefined when the
 * selector asks for no single name; a selector that does not parse leaves the request unnamed.
 */
export function nameOfListSelector(fieldSelector: string | null): string | undefined {
  for (const term of (fieldSelector ?? "").split(",")) {
    const m = term.match(/^\s*metadata\.name\s*(?:==|=)\s*(.*?)\s*$/);
    if (!m || m[1] === undefined) continue;
    const name = m[1];
    // path.IsValidPathSegmentName
    const valid = name !== "" && name !== "." && name !== ".." && !/[/%]/.test(name);
    return valid ? name : undefined;
  }
  return undefined;
}

function kubeVerb(method: string, r: ResourceRequest, watch: boolean): string {
  switch (method) {
    case "GET":
      if (watch) return "watch";
      return r.name ? "get" : "list";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return r.name ? "delete" : "deletecollection";
    default:
      return method.toLowerCase();
  }
}

/** apiserver_request_total's verb label. */
function metricVerb(verb: string, contentType: string): string {
  if (verb === "patch" && contentType.startsWith("application/apply-patch")) return "APPLY";
  if (verb === "create") return "POST";
  if (verb === "update") return "PUT";
  return verb.toUpperCase();
}

export class KubeHttpServer {
  readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<ActiveWatch>();
  private port = 0;
  private refusing = false;

  constructor(
    tls: TlsMaterial,
    private readonly deps: ServerDeps,
  ) {
    this.server = createServer(
      { key: tls.keyPem, cert: tls.certPem, keepAlive: true },
      (req, res) => {
        this.handle(req, res).catch((e: unknown) => sendError(res, e));
      },
    );
    this.server.on("connection", (s: Socket) => {
      deps.metrics.countConnection("tcp");
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    this.server.on("secureConnection", () => deps.metrics.countConnection("tls"));
    // A client that disconnects mid-handshake must not surface as an unhandled error.
    this.server.on("tlsClientError", () => undefined);
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        const addr = this.server.address();
        this.port = typeof addr === "object" && addr ? addr.port : port;
        resolve(this.port);
      });
    });
  }

  /** Stops listening and cuts every connection; clients get ECONNREFUSED. */
  async refuse(): Promise<void> {
    if (this.refusing) return;
    this.refusing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.dropWatches(true);
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  async accept(): Promise<void> {
    if (!this.refusing) return;
    await this.listen(this.port, "127.0.0.1");
    this.refusing = false;
  }

  dropWatches(abrupt = false): number {
    const all = [...this.watches];
    for (const w of all) w.drop(abrupt);
    return all.length;
  }

  sendBookmarks(): void {
    for (const w of this.watches) w.sendBookmark();
  }

  async close(): Promise<void> {
    const closed = this.refusing
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.dropWatches();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { faults, metrics, auth } = this.deps;
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const method = req.method ?? "GET";
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const path = url.pathname.replace(/\/+$/, "") || "/";

    if (this.deps.openshiftOAuth) {
      // The OAuth server's endpoints are unauthenticated, as on OpenShift.
      const code = await serveOpenShiftOAuth(this.deps.openshiftOAuth, req, res, url, path);
      if (code !== undefined) {
        recordNonResource(metrics, method, code);
        return;
      }
    }
    if (PUBLIC_PATHS.has(path)) {
      if (path.startsWith("/version")) send(res, 200, VERSION_INFO);
      else send(res, 200, "ok");
      recordNonResource(metrics, "GET", 200);
      return;
    }
    const user = await auth.authenticateRequest(req.headers.authorization);
    if (!user) {
      const code = sendError(res, errors.unauthorized());
      recordNonResource(metrics, method, code);
      return;
    }
    const segs = path.split("/").filter(Boolean).map(decodeURIComponent);
    let group = "";
    let version = "";
    let rest: string[] = [];
    if (segs[0] === "api" && segs.length >= 2) {
      version = segs[1] ?? "";
      rest = segs.slice(2);
    } else if (segs[0] === "apis" && segs.length >= 3) {
      group = segs[1] ?? "";
      version = segs[2] ?? "";
      rest = segs.slice(3);
    }
    if (rest.length === 0 || method === "OPTIONS") {
      this.serveNonResource(path, method, user, res, String(req.headers.accept ?? ""));
      return;
    }
    const r = parseResourcePath(rest, group, version);
    const watch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1";
    const verb = kubeVerb(method, r, watch);
    const contentType = String(req.headers["content-type"] ?? "");
    const mverb = metricVerb(verb, contentType);
    const record = (code: number) =>
      metrics.record({
        verb: mverb,
        group: r.group,
        version: r.version,
        resource: r.resource,
        subresource: r.subresource,
        namespace: r.namespace,
        code,
      });
    const failure = faults.pickFailure(mverb, r.resource);
    if (failure) {
      // 429s always carry Retry-After (as API priority and fairness sends); 5xx only when asked.
      const retry = failure.retryAfterSeconds ?? (failure.status === 429 ? 1 : undefined);
      const details = retry !== undefined ? { retryAfterSeconds: retry } : undefined;
      const headers: Record<string, string> =
        retry !== undefined ? { "Retry-After": String(retry) } : {};
      const err =
        failure.status === 409
          ? new ApiError(
              409,
              "Conflict",
              `Operation cannot be fulfilled on ${r.resource}${r.name ? ` "${r.name}"` : ""}: the object has been modified; please apply your changes to the latest version and try again`,
              details,
              headers,
            )
          : failure.status === 429
            ? new ApiError(
                429,
                "TooManyRequests",
                "Too many requests, please try again later.",
                details,
                headers,
              )
            : new ApiError(
                failure.status,
                failure.status === 503 ? "ServiceUnavailable" : "InternalError",
                "Internal error occurred: injected fault",
                details,
                headers,
              );
      record(sendError(res, err));
      return;
    }
    const attrs: Attributes = {
      verb,
      group: r.group,
      resource: r.resource,
      subresource: r.subresource,
      namespace: r.namespace,
      name:
        r.name ||
        (verb === "list" || verb === "watch"
          ? (nameOfListSelector(url.searchParams.get("fieldSelector")) ?? "")
          : ""),
    };
    try {
      // Authorization runs before routing, as apiserver's filter chain does: a user who may not
      // touch a resource learns nothing about whether it exists.
      if (!this.deps.authorizer.authorize(user, attrs)) {
        throw errors.forbidden(forbiddenMessage(user, attrs), {
          ...(r.name ? { name: r.name } : {}),
          group: r.group,
          kind: r.resource,
        });
      }
      assertAcceptsJson(String(req.headers.accept ?? ""));
      const { registry } = this.deps.api;
      const openshift =
        this.deps.openshiftOAuth && serveOpenShiftUserApi(this.deps.openshiftOAuth, verb, r, user);
      if (openshift) {
        send(res, openshift.status, openshift.body);
        record(openshift.status);
        return;
      }
      const type = registry.served(r.group, r.version, r.resource);
      if (!type) {
        record(sendNotFound(res, registry, r.group));
        return;
      }
      if (verb === "watch") {
        const query = new URLSearchParams(url.searchParams);
        // The deprecated single-object form (.../configmaps/<name>?watch=true) is a name field selector.
        if (r.name)
          query.set(
            "fieldSelector",
            [query.get("fieldSelector"), `metadata.name=${r.name}`].filter(Boolean).join(","),
          );
        serveWatch(
          this.deps.api,
          type,
          r.version,
          r.namespace,
          query,
          res,
          { add: (w) => this.watches.add(w), remove: (w) => this.watches.delete(w) },
          watchEventRenderer(String(req.headers.accept ?? ""), {
            store: this.deps.api.store,
            type,
            version: r.version,
            includeObject: query.get("includeObject"),
          }),
        );
        record(200);
        return;
      }
      // kubectl sends built-in kinds as protobuf; everything downstream works on JSON text.
      const body =
        method === "GET" || method === "HEAD"
          ? ""
          : requestBodyText(await readLimitedBody(req), contentType);
      const result = this.dispatch(
        type,
        r,
        verb,
        url.searchParams,
        body,
        contentType,
        user,
        String(req.headers["user-agent"] ?? ""),
      );
      const answer = bodyAsAccepted(
        String(req.headers.accept ?? ""),
        verb,
        {
          store: this.deps.api.store,
          type,
          version: r.version,
          includeObject: url.searchParams.get("includeObject"),
        },
        result.body,
      );
      send(res, result.status, answer);
      record(result.status);
    } catch (e) {
      record(sendError(res, e));
    }
  }

  private serveNonResource(
    path: string,
    method: string,
    user: UserInfo,
    res: ServerResponse,
    accept: string,
  ): void {
    const { api, metrics, authorizer } = this.deps;
    const record = (code: number) => recordNonResource(metrics, method, code);
    if (method !== "GET") {
      record(sendError(res, errors.methodNotAllowed()));
      return;
    }
    const attrs = nonResourceAttributes("get", path);
    if (!authorizer.authorize(user, attrs)) {
      record(sendError(res, errors.forbidden(forbiddenMessage(user, attrs))));
      return;
    }
    const segs = path.split("/").filter(Boolean);
    let body: unknown;
    if (path === "/api") body = api.registry.apiVersions();
    else if (path === "/apis") body = api.registry.apiGroupList();
    else if (segs[0] === "api" && segs.length === 2)
      body = api.registry.resourceList("", segs[1] ?? "");
    else if (segs[0] === "apis" && segs.length === 2) body = api.registry.apiGroup(segs[1] ?? "");
    else if (segs[0] === "apis" && segs.length === 3)
      body = api.registry.resourceList(segs[1] ?? "", segs[2] ?? "");
    else if (segs[0] === "openapi") {
      try {
        body = openApiDocument(api.registry, path, accept);
      } catch (e) {
        record(sendError(res, e));
        return;
      }
    } else if (path === "/metrics") {
      send(res, 200, metrics.toPrometheus());
      record(200);
      return;
    }
    if (body === undefined) {
      record(sendNotFound(res, api.registry, groupOfPath(segs)));
      return;
    }
    send(res, 200, body);
    record(200);
  }

  private dispatch(
    type: ResourceType,
    r: ResourceRequest,
    verb: string,
    query: URLSearchParams,
    rawBody: string,
    contentType: string,
    user: UserInfo,
    userAgent: string,
  ): Result {
    const { api } = this.deps;
    const dryRunParam = query.getAll("dryRun");
    if (dryRunParam.some((d) => d !== "All"))
      throw errors.badRequest(`Invalid dry run value: ${dryRunParam.join(",")}`);
    const manager = query.get("fieldManager") ?? (userAgent.split("/")[0] || "unknown");
    const admit = (t: ResourceType, namespace: string, obj: Record<string, unknown>) => {
      if (t.group !== "rbac.authorization.k8s.io") return;
      const denial = escalationDenial(
        this.deps.authorizer,
        api.store,
        user,
        t.plural,
        namespace,
        obj,
      );
      if (denial)
        throw errors.forbidden(denial, {
          name: str((obj.metadata as { name?: unknown } | undefined)?.name),
          group: t.group,
          kind: t.plural,
        });
    };
    const opts = { manager, dryRun: dryRunParam.length > 0, subresource: r.subresource, admit };
    if (
      type.namespaced &&
      !r.namespace &&
      verb !== "list" &&
      verb !== "watch" &&
      verb !== "deletecollection"
    ) {
      throw errors.resourceNotFound();
    }
    if (!type.namespaced && r.namespace) throw errors.resourceNotFound();
    const allowedSub =
      r.subresource === "" ||
      (r.subresource === "status" && type.statusSubresource) ||
      type.extraSubresources.some((s) => s.name === r.subresource);
    if (!allowedSub) throw errors.resourceNotFound();
    if (type.virtual) {
      if (verb !== "create") throw errors.methodNotAllowed();
      return type.plural === "selfsubjectreviews"
        ? selfSubjectReview(user)
        : this.selfSubjectAccessReview(parseJson(rawBody), user);
    }
    if (r.subresource === "token") {
      if (verb !== "create") throw errors.methodNotAllowed();
      return this.tokenRequest(r, parseJson(rawBody));
    }
    const verbAllowed =
      type.verbs.includes(verb) ||
      (r.subresource !== "" && ["get", "update", "patch"].includes(verb));
    if (!verbAllowed) throw errors.methodNotAllowed();
    switch (verb) {
      case "get":
        return { status: 200, body: api.get(type, r.version, r.namespace, r.name) };
      case "list":
        return { status: 200, body: api.list(type, r.version, r.namespace, query) };
      case "create":
        if (r.name) throw errors.methodNotAllowed();
        return api.create(type, r.version, r.namespace, parseJson(rawBody), opts);
      case "update":
        return api.update(type, r.version, r.namespace, r.name, parseJson(rawBody), opts);
      case "patch":
        return api.patch(type, r.version, r.namespace, r.name, contentType, rawBody, query, opts);
      case "delete":
      case "deletecollection": {
        const options = rawBody.trim() ? parseJson(rawBody) : {};
        const policy = query.get("propagationPolicy");
        const merged = {
          ...(typeof options === "object" && options !== null ? options : {}),
          ...(policy ? { propagationPolicy: policy } : {}),
        };
        return verb === "delete"
          ? api.delete(type, r.version, r.namespace, r.name, merged, opts)
          : api.deleteCollection(type, r.version, r.namespace, query, merged, opts);
      }
      default:
        throw errors.methodNotAllowed();
    }
  }

  private tokenRequest(r: ResourceRequest, body: unknown): Result {
    const { api, auth } = this.deps;
    const sa = api.store.get(typeKey("", "serviceaccounts"), r.namespace, r.name);
    if (!sa) throw errors.notFound("serviceaccounts", "", r.name);
    const spec =
      ((body as Record<string, unknown> | undefined)?.spec as
        Record<string, unknown> | undefined) ?? {};
    const audiences = (spec.audiences as string[] | undefined)?.length
      ? (spec.audiences as string[])
      : ["https://kubernetes.default.svc.cluster.local"];
    const expirationSeconds = Number(spec.expirationSeconds ?? 3600);
    if (expirationSeconds < 600) {
      throw errors.invalid(
        "TokenRequest.authentication.k8s.io",
        "TokenRequest",
        "authentication.k8s.io",
        r.name,
        [
          {
            reason: "FieldValueInvalid",
            field: "spec.expirationSeconds",
            message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`,
          },
        ],
      );
    }
    const { token, expiresAt } = auth.issueForServiceAccount(
      r.namespace,
      r.name,
      sa.metadata.uid,
      audiences,
      expirationSeconds,
    );
    return {
      status: 201,
      body: {
        kind: "TokenRequest",
        apiVersion: "authentication.k8s.io/v1",
        metadata: { name: r.name, namespace: r.namespace, creationTimestamp: nowIso() },
        spec: { audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
        status: { token, expirationTimestamp: expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z") },
      },
    };
  }

  private selfSubjectAccessReview(body: unknown, user: UserInfo): Result {
    const spec =
      ((body as Record<string, unknown> | undefined)?.spec as
        Record<string, unknown> | undefined) ?? {};
    const ra = spec.resourceAttributes as Record<string, string> | undefined;
    const nra = spec.nonResourceAttributes as Record<string, string> | undefined;
    const attrs: Attributes = ra
      ? {
          verb: ra.verb ?? "",
          group: ra.group ?? "",
          resource: ra.resource ?? "",
          subresource: ra.subresource ?? "",
          namespace: ra.namespace ?? "",
          name: ra.name ?? "",
        }
      : nonResourceAttributes(nra?.verb ?? "", nra?.path ?? "");
    const allowed = this.deps.authorizer.authorize(user, attrs);
    return {
      status: 201,
      body: {
        kind: "SelfSubjectAccessReview",
        apiVersion: "authorization.k8s.io/v1",
        metadata: { creationTimestamp: null },
        spec,
        status: { allowed, ...(allowed ? {} : { reason: "" }) },
      },
    };
  }
}

/** The caller as authenticated: name, uid and groups (admin bookkeeping stays internal). */
function selfSubjectReview(user: UserInfo): Result {
  return {
    status: 201,
    body: {
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      status: {
        userInfo: {
          username: user.name,
          ...(user.uid ? { uid: user.uid } : {}),
          groups: user.groups,
          ...(user.extra ? { extra: user.extra } : {}),
        },
      },
    },
  };
}

function parseJson(raw: string): unknown {
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw errors.badRequest(
      `the body of the request could not be decoded: ${(e as Error).message}`,
    );
  }
}
