import { phaseOf } from "@/lib/environment-phase";
import type { TReconcileStatus } from "@/lib/conditions";

/**
 * Why promoting into an environment is not offered right now, in words shown next to the disabled
 * button; null when it is. The server refuses the same cases — this only says so up front.
 */
export function promoteBlockedReason(
  target: {
    displayName: string;
    status: TReconcileStatus;
    generation: number;
    deletionRequestedAt: Date | null;
  },
  activeRun: { id: string } | null | undefined,
): string | null {
  const phase = phaseOf(target);
  if (phase.phase !== "Ready") {
    const why = phase.message ? `: ${phase.message}` : "";
    return `${target.displayName} is not Ready (${phase.phase}${why}).`;
  }
  if (activeRun) return "A promotion of this application is in progress; wait until it completes.";
  return null;
}
