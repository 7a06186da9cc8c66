// Watches the objects Slipway manages on one cluster (list-then-watch by MANAGED_BY_LABEL, as
// client-node's informer and client-go's reflector do) and wakes the owner of any object that is
// added, changed or deleted — so an out-of-band edit or deletion is repaired within seconds.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { TReconcileKey } from "@/server/services/reconcile/request-reconcile";
import { ApplyExpectations } from "./apply-expectations";
import type { TManagedKind } from "@/server/k8s/managed-kinds";
import { KindWatch, type TInformerOptions } from "./kind-watch";

export type { TInformerOptions };

export interface TClusterInformerOptions extends Omit<TInformerOptions, "isEcho"> {
  /**
   * Kinds whose every change wakes the owner, status included (Argo CD Applications: their status
   * is what the owner copies), and that passes do not compare with (`ownedBy`).
   */
  statusKinds?: readonly TManagedKind[];
}

/** One list-then-watch loop per managed kind of one cluster. */
export class ClusterInformer {
  private readonly loops: KindWatch[];
  private readonly statusLoops: KindWatch[];
  /** What owners last applied on this cluster: their echoes wake nobody. */
  readonly expectations = new ApplyExpectations();

  constructor({ statusKinds = [], ...options }: TClusterInformerOptions) {
    const withEchoes: TInformerOptions = {
      ...options,
      isEcho: (owner, identity, content) => this.expectations.satisfiedBy(owner, identity, content),
    };
    this.loops = options.kinds.map((kind) => new KindWatch(kind, withEchoes));
    this.statusLoops = statusKinds.map((kind) => new KindWatch(kind, options));
  }

  start(): void {
    for (const loop of [...this.loops, ...this.statusLoops]) loop.start();
  }

  stop(): void {
    for (const loop of [...this.loops, ...this.statusLoops]) loop.stop();
  }

  /**
   * What the watches currently see of `owner`'s objects (identity → object without status), or
   * null when they cannot say for sure (not listed yet, or a watch is down).
   */
  ownedBy(owner: TReconcileKey): Map<string, KubernetesObject> | null {
    const found = new Map<string, KubernetesObject>();
    for (const loop of this.loops) {
      if (!loop.collect(owner, found)) return null;
    }
    return found;
  }

  /** The cluster answered again (a pass succeeded): relist now instead of waiting out the backoff. */
  kick(): void {
    for (const loop of [...this.loops, ...this.statusLoops]) loop.kick();
  }
}
