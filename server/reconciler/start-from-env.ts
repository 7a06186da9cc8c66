// Starts the reconcile loop with the settings in server/env.ts, once per process: from
// instrumentation.ts in the Next server (SLIPWAY_RECONCILER=in-process) or from `npm run worker`.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { env } from "@/server/env";
import { ensureMigrated, getDatabase } from "@/server/db";
import { childLogger } from "@/server/logger";
import { startReconciler, type TRunningReconciler } from "./manager";
import { expireEnvironments } from "@/server/services/environments/expire-environments";

const globalForReconciler = globalThis as unknown as {
  slipwayReconciler?: Promise<TRunningReconciler>;
};

/** A lease holder name unique to this process, readable in the cluster_lease table. */
export function holderName(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export function startReconcilerFromEnv(): Promise<TRunningReconciler> {
  globalForReconciler.slipwayReconciler ??= (async () => {
    await ensureMigrated();
    return startReconciler({
      handle: getDatabase(),
      workers: env.SLIPWAY_RECONCILE_WORKERS,
      holder: holderName(),
      log: childLogger({ module: "reconciler" }),
      leaseDurationMs: env.SLIPWAY_CLUSTER_LEASE_SECONDS * 1000,
      resyncEveryMs: env.SLIPWAY_RECONCILE_RESYNC_SECONDS * 1000,
      onResync: (handle, now) => expireEnvironments(handle.db, now),
    });
  })();
  return globalForReconciler.slipwayReconciler;
}
