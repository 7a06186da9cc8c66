// One kind's list-then-watch loop for the cluster informer. A 410 Gone, an error or a broken
// stream leads to a relist (with backoff); a relist compares with what was seen before, so
// deletions missed while disconnected still wake their owners.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Logger } from "pino";
import type { TClusterClient } from "@/server/k8s/client-pool";
import { MANAGED_SELECTOR, ownerKey, ownerOfLabels } from "@/server/k8s/labels";
import { collectionPath, type TManagedKind } from "@/server/k8s/managed-kinds";
import type { TReconcileKey } from "@/server/services/reconcile/request-reconcile";
import { toWireShape } from "@/server/k8s/wire-shape";
import { KeyBackoff } from "./backoff";
import { identity } from "./object-identity";
import type { TScheduler, TTimer } from "./scheduler";

export interface TInformerOptions {
  /** Read per (re)list, so rotated credentials are picked up. */
  client: () => Promise<TClusterClient>;
  kinds: readonly TManagedKind[];
  onOwnerChanged: (key: TReconcileKey) => void;
  /**
   * Whether an added or changed object is the echo of its owner's own apply (it still holds every
   * field the owner applied): then the owner is not woken. Deletions always wake.
   */
  isEcho?: (owner: TReconcileKey, identity: string, content: KubernetesObject) => boolean;
  scheduler: TScheduler;
  log: Logger;
  /** Relist backoff; the first relist after a clean stream end is immediate. */
  backoff?: { baseMs: number; capMs: number };
}

// Everything Slipway manages, cluster-wide; never a kind's every object (a namespace's ConfigMaps
// include kube-root-ca.crt, which is nobody's here).
const SELECTOR = MANAGED_SELECTOR;

interface TSeen {
  rv: string;
  owner: TReconcileKey | null;
  identity: string;
  /**
   * The object in the wire shape, without status and managedFields: what a pass compares its
   * desired objects with, so a status-only change (a quota's usage) needs no re-apply.
   */
  content: KubernetesObject;
}

/** What a pass compares against: everything but status and managedFields, kind filled in. */
function contentOf(object: KubernetesObject, kind: TManagedKind): KubernetesObject {
  const { status: _status, ...rest } = object as KubernetesObject & { status?: unknown };
  const { managedFields: _managedFields, ...metadata } = rest.metadata ?? {};
  return { ...rest, apiVersion: kind.apiVersion, kind: kind.kind, metadata };
}

export class KindWatch {
  /** uid → what was last seen of every object. */
  private readonly seen = new Map<string, TSeen>();
  /** owner → uids of its objects in `seen`, so a pass's lookup does not scan every object. */
  private readonly byOwner = new Map<TReconcileKey, Set<string>>();
  private watching = false;
  private resourceVersion: string | undefined;
  private synced = false;
  private abort: AbortController | undefined;
  private timer: TTimer | undefined;
  private stopped = false;
  private waitingToRelist = false;
  private readonly backoff: KeyBackoff;

  constructor(
    private readonly kind: TManagedKind,
    private readonly options: TInformerOptions,
  ) {
    this.backoff = new KeyBackoff(options.backoff ?? { baseMs: 500, capMs: 10_000 });
  }

  start(): void {
    void this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.abort?.abort();
  }

  /** Adds `owner`'s objects to `into` (identity → content); false when this watch is not in sync. */
  collect(owner: TReconcileKey, into: Map<string, KubernetesObject>): boolean {
    if (!this.synced || !this.watching) return false;
    for (const uid of this.byOwner.get(owner) ?? []) {
      const seen = this.seen.get(uid);
      if (seen) into.set(seen.identity, seen.content);
    }
    return true;
  }

  kick(): void {
    if (!this.waitingToRelist || this.stopped) return;
    this.timer?.cancel();
    this.waitingToRelist = false;
    void this.relist();
  }

  private retry(after: "relist" | "rewatch", ms: number): void {
    if (this.stopped) return;
    this.timer?.cancel();
    this.waitingToRelist = after === "relist";
    this.timer = this.options.scheduler.after(ms, () => {
      this.waitingToRelist = false;
      if (after === "relist") void this.relist();
      else void this.watch().catch(() => this.retry("relist", this.backoff.next("list")));
    });
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.options.client();
      const list = await client.objects.list(
        this.kind.apiVersion,
        this.kind.kind,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        SELECTOR,
      );
      if (this.stopped) return;
      const present = new Set<string>();
      for (const item of list.items) {
        present.add(item.metadata?.uid ?? "");
        // A list answers in client-node's typed shape (`_default`), a watch in the wire shape.
        this.observe(
          toWireShape({ ...item, apiVersion: this.kind.apiVersion, kind: this.kind.kind }),
          "ADDED",
        );
      }
      // Gone while we were not watching.
      for (const [uid, { owner }] of this.seen) {
        if (present.has(uid)) continue;
        this.forget(uid);
        if (owner) this.options.onOwnerChanged(owner);
      }
      this.synced = true;
      this.resourceVersion = list.metadata?.resourceVersion;
      this.backoff.forget("list");
      await this.watch();
    } catch (error) {
      this.options.log.debug({ err: error, kind: this.kind.kind }, "list failed; relisting later");
      this.retry("relist", this.backoff.next("list"));
    }
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    const client = await this.options.client();
    let gone = false;
    // The callback may run before watch() resolves with its controller.
    const abortRef: { current?: AbortController } = {};
    const abort = await client.watch.watch(
      collectionPath(this.kind),
      { labelSelector: SELECTOR, resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
      (type: string, object: KubernetesObject & { code?: number }) => {
        if (type === "ERROR") {
          // 410 Gone (or any error event): our resourceVersion is no longer served; relist.
          gone = true;
          abortRef.current?.abort();
          return;
        }
        this.resourceVersion = object.metadata?.resourceVersion ?? this.resourceVersion;
        if (type !== "BOOKMARK") this.observe(object, type);
      },
      (error: unknown) => {
        this.watching = false;
        if (this.stopped) return;
        if (gone || error) this.retry("relist", gone ? 0 : this.backoff.next("list"));
        // A clean end (the server's watch timeout): resume from where we were.
        else this.retry("rewatch", 0);
      },
    );
    this.abort = abortRef.current = abort;
    // Watch resolves once the server answered 200 (or after done() on a failure).
    this.watching = !abort.signal.aborted;
  }

  private remember(uid: string, seen: TSeen): void {
    const previous = this.seen.get(uid);
    if (previous?.owner !== seen.owner) this.unindex(uid, previous?.owner);
    this.seen.set(uid, seen);
    if (seen.owner === null) return;
    const uids = this.byOwner.get(seen.owner) ?? new Set<string>();
    uids.add(uid);
    this.byOwner.set(seen.owner, uids);
  }

  private forget(uid: string): void {
    this.unindex(uid, this.seen.get(uid)?.owner);
    this.seen.delete(uid);
  }

  private unindex(uid: string, owner: TReconcileKey | null | undefined): void {
    if (!owner) return;
    const uids = this.byOwner.get(owner);
    uids?.delete(uid);
    if (uids?.size === 0) this.byOwner.delete(owner);
  }

  private observe(object: KubernetesObject, type: string): void {
    const uid = object.metadata?.uid;
    if (!uid) return;
    const rv = object.metadata?.resourceVersion ?? "";
    const ownerRef = ownerOfLabels(object.metadata?.labels);
    const owner = ownerRef ? ownerKey(ownerRef) : null;
    const previous = this.seen.get(uid);
    const id = identity({
      apiVersion: this.kind.apiVersion,
      kind: this.kind.kind,
      namespace: object.metadata?.namespace,
      name: object.metadata?.name,
    });
    let content: KubernetesObject | undefined;
    if (type === "DELETED") this.forget(uid);
    else if (previous?.rv === rv) return;
    else {
      content = contentOf(object, this.kind);
      this.remember(uid, { rv, owner, identity: id, content });
    }
    // The first list only fills the cache: the initial enqueue covers every owner.
    if (!this.synced) return;
    const echo = owner && content && this.options.isEcho?.(owner, id, content);
    if (owner && !echo) this.options.onOwnerChanged(owner);
    if (previous?.owner && previous.owner !== owner) this.options.onOwnerChanged(previous.owner);
  }
}
