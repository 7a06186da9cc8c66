// One environment's verdict for an application from its components' Argo CD statuses: the pages
// that show a stage (promotion map, pipeline view) say "Synced / Healthy" once for all of them.

export interface TComponentStatus {
  syncStatus: string | null;
  healthStatus: string | null;
}

export interface TRollup {
  /** "Synced" only when every component is; otherwise the first that is not, or "Not reported". */
  sync: string;
  /** The worst health among the components (Degraded before Missing before Progressing…). */
  health: string;
  /** Every component Synced and Healthy: nothing is still moving in this stage. */
  settled: boolean;
}

// Argo CD's health statuses, worst first; anything unknown ranks just before Healthy.
const HEALTH_ORDER = ["Degraded", "Missing", "Suspended", "Progressing", "Unknown", "Healthy"];

const NOT_REPORTED = "Not reported";

function healthRank(health: string): number {
  const rank = HEALTH_ORDER.indexOf(health);
  return rank === -1 ? HEALTH_ORDER.indexOf("Unknown") : rank;
}

export function rollUp(components: readonly TComponentStatus[]): TRollup {
  if (components.length === 0) return { sync: NOT_REPORTED, health: NOT_REPORTED, settled: false };
  const syncs = components.map((c) => c.syncStatus ?? NOT_REPORTED);
  const sync = syncs.find((s) => s !== "Synced") ?? "Synced";
  const healths = components.map((c) => c.healthStatus ?? NOT_REPORTED);
  const health = healths.reduce((worst, h) => (healthRank(h) < healthRank(worst) ? h : worst));
  return { sync, health, settled: sync === "Synced" && health === "Healthy" };
}
