// An emulated Argo CD application controller (off unless asked for): the sandbox has no Git
// access and runs no workloads, but without something answering for Argo CD an Application never
// reports Synced/Healthy and nothing that waits for a deployment (promotion, e2e journeys) ever
// completes. It writes what Argo CD writes after a successful sync of a repository it cannot
// actually reach: sync status at the source's targetRevision, Healthy, the images the overrides
// name, an operationState for each sync, and it lets go of deleted Applications. Every write goes
// through the API's own validation against the bundled CRD and, like apply, refuses a field the
// CRD does not declare, so nothing here can drift from Argo CD's real schema unnoticed.
import { type Api, nowIso } from "./api.js";
import { deepEqual, isPlainObject } from "./json.js";
import { type ResourceType, typeKey, writeSchema } from "./registry.js";
import { type KubeObject, type StoreEvent } from "./store.js";
import { typedPatchErrors } from "./typed-patch.js";

type Obj = Record<string, unknown>;

const APPLICATIONS = typeKey("argoproj.io", "applications");
/** The field manager Argo CD's controller writes under (its binary's name). */
export const ARGO_CD_MANAGER = "argocd-application-controller";
/** Argo CD's cascade finalizer (plain, `/background` and `/foreground` variants). */
const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
export const EMULATED_SYNC_MESSAGE = "emulated sync: the sandbox runs no workloads";

export interface ArgoCdEmulatorOptions {
  /** How long a "sync" takes before its result is written (0: on the next turn). */
  delayMs: number;
  /**
   * The namespace Argo CD is "installed" in (created at start, as an install would). Like Argo CD
   * without apps-in-any-namespace, only Applications there are acted on.
   */
  namespace: string;
}

export const DEFAULT_ARGO_CD_NAMESPACE = "argocd";

const obj = (v: unknown): Obj => (isPlainObject(v) ? v : {});

/** The images Argo CD would find running: kustomize `images` overrides or helm image parameters. */
export function overriddenImages(source: Obj): string[] {
  const kustomize = obj(source.kustomize);
  if (Array.isArray(kustomize.images)) {
    // `old=new:tag` names the replacement; `name:tag` / `name@digest` is the image itself.
    return kustomize.images.map((i) => {
      const s = String(i);
      return s.includes("=") ? s.slice(s.indexOf("=") + 1) : s;
    });
  }
  const parameters = obj(source.helm).parameters;
  if (!Array.isArray(parameters)) return [];
  const param = (name: string) =>
    parameters.map(obj).find((p) => p.name === name)?.value as string | undefined;
  const repository = param("image.repository");
  if (!repository) return [];
  const digest = param("image.digest");
  const tag = param("image.tag");
  return [digest ? `${repository}@${digest}` : tag ? `${repository}:${tag}` : repository];
}

function sourceType(source: Obj): string {
  if (source.kustomize) return "Kustomize";
  if (source.helm || source.chart) return "Helm";
  return "Directory";
}

type Plan =
  | { kind: "release-finalizer" }
  | { kind: "terminate" }
  | { kind: "sync"; operation: Obj }
  | { kind: "status"; status: Obj };

/** The sync/health/summary Argo CD would report for `app`'s spec once it is in sync. */
function syncedStatus(spec: Obj, source: Obj): Obj {
  const images = overriddenImages(source);
  return {
    sync: {
      status: "Synced",
      revision: typeof source.targetRevision === "string" ? source.targetRevision : "HEAD",
      comparedTo: { source, destination: obj(spec.destination) },
    },
    health: { status: "Healthy" },
    ...(images.length > 0 ? { summary: { images } } : {}),
  };
}

const comparedPart = (status: Obj) => ({
  sync: status.sync,
  health: obj(status.health).status,
  summary: status.summary,
});

/** What the controller would do with `app` now, or undefined when nothing changes. */
function planFor(app: KubeObject): Plan | undefined {
  const finalizers = (app.metadata.finalizers as string[] | undefined) ?? [];
  if (app.metadata.deletionTimestamp) {
    return finalizers.some((f) => f.startsWith(RESOURCES_FINALIZER))
      ? { kind: "release-finalizer" }
      : undefined;
  }
  const status = obj(app.status);
  if (obj(status.operationState).phase === "Terminating") return { kind: "terminate" };
  const spec = obj(app.spec);
  const source = obj(spec.source);
  if (isPlainObject(app.operation)) return { kind: "sync", operation: app.operation };
  const synced = syncedStatus(spec, source);
  const inSync = deepEqual(comparedPart(status), comparedPart(synced));
  if (isPlainObject(spec.syncPolicy) && isPlainObject(spec.syncPolicy.automated)) {
    if (inSync) return undefined;
    // An automated sync: Argo CD starts the operation itself, initiated by "automated".
    return {
      kind: "sync",
      operation: {
        sync: { revision: obj(synced.sync).revision, prune: true },
        initiatedBy: { automated: true },
        ...(isPlainObject(spec.syncPolicy.retry) ? { retry: spec.syncPolicy.retry } : {}),
      },
    };
  }
  // Manual: still Synced if nothing changed since the last sync, otherwise waiting for one.
  if (inSync) return undefined;
  const outOfSync = {
    sync: {
      status: "OutOfSync",
      comparedTo: { source, destination: obj(spec.destination) },
    },
    health: { status: "Missing" },
  };
  if (deepEqual(comparedPart(status), comparedPart(outOfSync))) return undefined;
  return { kind: "status", status: outOfSync };
}

export class ArgoCdEmulator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  /** Writes the API refused (a bug here, kept for tests to assert on rather than crashing). */
  readonly errors: unknown[] = [];

  constructor(
    private readonly api: Api,
    private readonly options: ArgoCdEmulatorOptions,
  ) {
    api.store.onEvent((ev) => this.observe(ev));
  }

  get namespace(): string {
    return this.options.namespace;
  }

  private observe(ev: StoreEvent): void {
    if (ev.typeKey !== APPLICATIONS || ev.type === "DELETED" || this.stopped) return;
    if (ev.object.metadata.namespace !== this.options.namespace) return;
    if (!planFor(ev.object)) return;
    const key = `${ev.object.metadata.namespace ?? ""}/${ev.object.metadata.name}`;
    // One pending pass per Application; it reads the object as it is when the delay is over.
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      setTimeout(() => this.run(key), this.options.delayMs),
    );
    // A sync that takes a while shows as running meanwhile (Progressing), as in Argo CD. Not from
    // inside this store event: the write that raised it is still being committed.
    if (this.options.delayMs > 0) setImmediate(() => this.guard(key, (t, a) => this.start(t, a)));
  }

  /** Runs `work` on the Application named by `key` as it is now, keeping any error for tests. */
  private guard(key: string, work: (type: ResourceType, app: KubeObject) => void): void {
    if (this.stopped) return;
    const [namespace = "", name = ""] = key.split("/");
    const type = this.api.registry.get("argoproj.io", "applications");
    const app = this.api.store.get(APPLICATIONS, namespace, name);
    try {
      if (type && app) work(type, app);
    } catch (e) {
      this.errors.push(e);
    }
  }

  /** The sync under way: operationState Running, OutOfSync and Progressing until it finishes. */
  private start(type: ResourceType, app: KubeObject): void {
    const plan = planFor(app);
    const status = obj(app.status);
    const running = obj(status.operationState);
    if (plan?.kind !== "sync" || running.phase === "Running") return;
    const spec = obj(app.spec);
    this.write(type, app, {
      ...app,
      status: {
        ...status,
        sync: {
          status: "OutOfSync",
          comparedTo: { source: obj(spec.source), destination: obj(spec.destination) },
        },
        health: { status: "Progressing" },
        operationState: {
          operation: plan.operation,
          phase: "Running",
          message: "emulated sync in progress",
          startedAt: nowIso(),
        },
      },
    });
  }

  private run(key: string): void {
    this.timers.delete(key);
    this.guard(key, (type, app) => this.act(type, app));
    this.notifyIfIdle();
  }

  private act(type: ResourceType, app: KubeObject): void {
    const plan = planFor(app);
    if (!plan) return;
    const now = nowIso();
    const status = obj(app.status);
    let next: Obj;
    if (plan.kind === "release-finalizer") {
      const finalizers = ((app.metadata.finalizers as string[] | undefined) ?? []).filter(
        (f) => !f.startsWith(RESOURCES_FINALIZER),
      );
      next = { ...app, metadata: { ...app.metadata, finalizers } };
    } else if (plan.kind === "terminate") {
      const operationState = obj(status.operationState);
      next = withoutOperation(app, {
        ...status,
        operationState: {
          ...operationState,
          phase: "Failed",
          message: "terminated",
          finishedAt: now,
        },
      });
    } else if (plan.kind === "sync") {
      const spec = obj(app.spec);
      const source = obj(spec.source);
      const synced = syncedStatus(spec, source);
      const revision = String(obj(synced.sync).revision);
      const running = obj(status.operationState);
      const startedAt = running.phase === "Running" ? String(running.startedAt) : now;
      next = withoutOperation(app, {
        ...status,
        ...synced,
        sourceType: sourceType(source),
        reconciledAt: now,
        operationState: {
          operation: plan.operation,
          phase: "Succeeded",
          message: EMULATED_SYNC_MESSAGE,
          startedAt,
          finishedAt: now,
          syncResult: { revision, source },
        },
      });
    } else {
      next = { ...app, status: { ...status, ...plan.status, reconciledAt: now } };
    }
    this.write(type, app, next);
  }

  private write(type: ResourceType, app: KubeObject, next: Obj): void {
    const version = type.versions[0] ?? "v1alpha1";
    const schema = writeSchema(type, version);
    const undeclared = schema ? typedPatchErrors(schema, next) : [];
    if (undeclared.length > 0)
      throw new Error(
        `emulated Argo CD wrote fields its CRD does not declare: ${undeclared.join("; ")}`,
      );
    // resourceVersion kept: a write racing another writer fails (409) rather than undoing it.
    this.api.update(type, version, app.metadata.namespace ?? "", app.metadata.name, next, {
      manager: ARGO_CD_MANAGER,
    });
  }

  private notifyIfIdle(): void {
    if (this.timers.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  isIdle(): boolean {
    return this.timers.size === 0;
  }

  /** Resolves once no emulated sync is pending. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.notifyIfIdle();
  }
}

/** Argo CD clears `operation` once the operation completes. */
function withoutOperation(app: KubeObject, status: Obj): Obj {
  const { operation: _done, ...rest } = app;
  return { ...rest, status };
}
