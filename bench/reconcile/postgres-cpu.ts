// Postgres's own CPU for a phase: the backends serving the benchmark's database, read from
// /proc/<pid>/stat like the test server's (so only for a Postgres on this machine). Until
// 2026-11-25 the benchmark did not measure it, and the ratio's CPU bound had to guess it.
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { rowsOf } from "../../db/rows-of";
import { cpuOfProcess } from "./request-meter";

/** CPU seconds per backend pid (null: PGlite, whose work is this process's, or no /proc). */
export type TBackendCpu = Map<number, number> | null;

export async function readBackendCpu(handle: DatabaseHandle): Promise<TBackendCpu> {
  if (handle.kind !== "postgres") return null;
  const result = await handle.db.execute(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rowsOf<{ pid: number }>(result)) {
    const seconds = cpuOfProcess(pid);
    if (seconds === null) return null;
    cpu.set(pid, seconds);
  }
  return cpu;
}

/**
 * The backends' CPU between two readings. A backend that started in between counts from zero
 * (its connection start-up included); one that ended in between is lost, which the pool's
 * 10-second idle timeout makes rare while a phase keeps its connections busy.
 */
export function backendCpuBetween(after: TBackendCpu, before: TBackendCpu): number | null {
  if (!after || !before) return null;
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
