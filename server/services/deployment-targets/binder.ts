// The binder: which target a Pending claim gets, decided like Kubernetes' PV controller decides
// for a PVC, as a pure function so every case is unit-tested. A claim takes an Available target
// of its class (oldest first, then by name, so two binders given the same rows choose alike), and
// when none is free the class's provisioner makes one (every class provisions dynamically today).
import { createHash } from "node:crypto";

export interface TBinderClaim {
  id: string;
  name: string;
  spaceName: string;
}

export interface TBinderTarget {
  id: string;
  name: string;
  phase: "Pending" | "Available" | "Bound" | "Released" | "Failed";
  createdAt: Date;
  /** Whether a claim already refers to it (pre-bound while provisioning, or bound). */
  claimed: boolean;
  /** Deletion requested: never bound again. */
  deleting: boolean;
}

export type TBindDecision =
  { kind: "bind"; targetId: string } | { kind: "provision"; name: string; namespace: string };

const MAX_LABEL = 63;
const SUFFIX_LENGTH = 5;

/** A target a claim may bind: Available, not deleting and not already taken. */
export function isBindable(target: TBinderTarget): boolean {
  return target.phase === "Available" && !target.claimed && !target.deleting;
}

/**
 * Decides for a Pending claim that has no target yet. `takenNamespaces` are the namespaces already
 * owned on the class's cluster; `attempt` moves the generated name on after a collision.
 */
export function decideBinding(
  claim: TBinderClaim,
  targets: readonly TBinderTarget[],
  takenNamespaces: ReadonlySet<string>,
  attempt = 0,
): TBindDecision {
  const chosen = targets
    .filter(isBindable)
    .sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )[0];
  if (chosen) return { kind: "bind", targetId: chosen.id };
  for (let n = attempt; ; n += 1) {
    const namespace = provisionedNamespace(claim, n);
    if (!takenNamespaces.has(namespace)) return { kind: "provision", name: namespace, namespace };
  }
}

/**
 * `<space>-<claim>-<suffix>`, at most 63 characters: the suffix comes from the claim id (and the
 * attempt), so provisioning the same claim again asks for the same namespace, and two claims
 * with the same names in different eras do not collide.
 */
export function provisionedNamespace(claim: TBinderClaim, attempt: number): string {
  const suffix = createHash("sha256")
    .update(`${claim.id}/${attempt}`)
    .digest("hex")
    .slice(0, SUFFIX_LENGTH);
  const room = MAX_LABEL - SUFFIX_LENGTH - 1;
  const stem = `${claim.spaceName}-${claim.name}`.slice(0, room).replace(/-+$/, "");
  return `${stem}-${suffix}`;
}
