// What each owner last sent a cluster, so the watch can tell the echo of Slipway's own apply from
// a change someone else made (kube-controller-manager's "expectations", by content): an event whose
// object still holds every field its owner applied wakes nobody, because a pass would find the
// owner up to date and do nothing. Deletions, unknown objects and edits to applied fields still
// wake the owner.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { TReconcileKey } from "@/server/services/reconcile/request-reconcile";
import { objectIdentity } from "./object-identity";
import { containsFields } from "./up-to-date";

export class ApplyExpectations {
  /** owner → identity → the object as applied, in the wire shape watches deliver. */
  private readonly byOwner = new Map<TReconcileKey, Map<string, KubernetesObject>>();

  /**
   * Called before a pass applies `desired` (in the wire shape, toWireShape), so echoes arriving
   * mid-pass are recognised.
   */
  expect(owner: TReconcileKey, desired: readonly KubernetesObject[]): void {
    this.byOwner.set(owner, new Map(desired.map((o) => [objectIdentity(o), o])));
  }

  /** After a failed pass or a deletion: every event of the owner wakes it again. */
  forget(owner: TReconcileKey): void {
    this.byOwner.delete(owner);
  }

  /** Whether the watched object (without status) holds everything its owner last applied. */
  satisfiedBy(owner: TReconcileKey, identity: string, content: KubernetesObject): boolean {
    const applied = this.byOwner.get(owner)?.get(identity);
    return applied !== undefined && containsFields(content, applied);
  }
}
