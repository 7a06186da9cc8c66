import { phaseOf } from "@/lib/environment-phase";
import type { TReconcileStatus } from "@/lib/conditions";
import type { RouterOutputs } from "@/lib/trpc/types";

/** The person's connection to the cluster promotions into an environment run on as them. */
export type TEnvironmentConnection = RouterOutputs["connection"]["health"]["items"][number];

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
  connection?: TEnvironmentConnection,
): string | null {
  const phase = phaseOf(target);
  if (phase.phase !== "Ready") {
    const why = phase.message ? `: ${phase.message}` : "";
    return `${target.displayName} is not Ready (${phase.phase}${why}).`;
  }
  if (activeRun) return "A promotion of this application is in progress; wait until it completes.";
  // The server refuses these before writing anything (promotion-as-user.ts).
  const cluster = connection && (connection.cluster.displayName || connection.cluster.name);
  if (connection?.status.kind === "not-connected")
    return `Promotions into ${target.displayName} run as you on cluster ${cluster}: connect your account there first.`;
  if (connection?.status.kind === "reconnect-needed")
    return `Reconnect your account to cluster ${cluster}: ${connection.status.reason}.`;
  return null;
}
