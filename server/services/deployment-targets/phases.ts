// Phase rules for claims and targets, kept pure (as Kubernetes' PV controller keeps them) so the
// reconcilers only read rows, ask here, and write the answer.
import type { TBinderTarget } from "./binder";

export type TTargetPhase = TBinderTarget["phase"];
export type TClaimPhase = "Pending" | "Bound" | "Lost";

/**
 * A claim's phase from its bound target. A claim that was Bound and whose target row is gone (the
 * reference was nulled by the database) is Lost, and stays Lost: its data went with the target.
 */
export function claimPhaseFor(
  claim: { phase: TClaimPhase; targetId: string | null },
  target: { phase: TTargetPhase; deleting: boolean } | null,
): TClaimPhase {
  if (!target) return claim.phase === "Pending" ? "Pending" : "Lost";
  if (claim.phase === "Lost") return "Lost";
  return target.phase === "Bound" && !target.deleting ? "Bound" : claim.phase;
}

/**
 * A target's phase once its objects and token are in place. Released and Failed are left to an
 * administrator, as with PersistentVolumes; a Bound target nobody claims any more is Released.
 */
export function readyTargetPhase(phase: TTargetPhase, claimed: boolean): TTargetPhase {
  if (phase === "Released" || phase === "Failed") return phase;
  if (claimed) return "Bound";
  return phase === "Bound" ? "Released" : "Available";
}

/** What deleting a claim does to its target: Retain releases it, Delete deletes it. */
export function reclaimAction(
  provisioning: "dynamic" | "static",
  classPolicy: "Retain" | "Delete",
): "release" | "delete" {
  // Like a PersistentVolume an administrator made by hand (whose policy defaults to Retain), a
  // statically registered target is never deleted with its claim: it holds a namespace the
  // administrator chose, maybe with data Slipway did not put there.
  if (provisioning === "static") return "release";
  return classPolicy === "Retain" ? "release" : "delete";
}
