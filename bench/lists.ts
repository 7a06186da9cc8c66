// How fast the lists stay as data grows: seeds 10,000 spaces and 105,000 audit events, then times
// the real services (the functions the tRPC procedures call) for a member and an admin.
//   npm run bench:lists                       PGlite in a temporary directory
//   DATABASE_URL=postgres://… npm run bench:lists   a throwaway database on that server
// Each case runs 50 times one after another, then 8 at once (10 rounds); p50/p95 per call in ms.
// A p95 over 100 ms is flagged. Deep pages are reached by following the real cursors.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pino from "pino";
import type { Db } from "../db/client";
import type { TPage } from "../lib/validators/pagination";
import { findAdminActivity } from "../server/services/admin/find-admin-activity";
import { findAuditEvents } from "../server/services/audit/find-audit-events";
import type { TActor, TServiceContext } from "../server/services/context";
import { findSpaces } from "../server/services/spaces/find-spaces";
import { getSpaceAccess } from "../server/services/spaces/get-space-access";
import { openBenchDatabase } from "./lists/database";
import { seed, SEED, spaceName } from "./lists/seed";
import { percentile, printTable } from "./report";

const SEQUENTIAL_RUNS = 50;
const PARALLEL = 8;
const PARALLEL_ROUNDS = 10;
const TARGET_P95_MS = 100;
const log = pino({ level: "silent" });

const member: TActor = { id: SEED.member, label: "user0", isAdmin: false };
const admin: TActor = { id: SEED.admin, label: "admin", isAdmin: true };
const ctxFor = (db: Db, actor: TActor): TServiceContext => ({
  db,
  actor,
  requestId: randomUUID(),
  log,
});

/** A space's activity as the procedure serves it: the access check, then the page. */
async function spaceActivity(db: Db, actor: TActor, space: string, cursor?: string) {
  const ctx = ctxFor(db, actor);
  const access = await getSpaceAccess(ctx, { space });
  if (!access) throw new Error(`${actor.label} cannot see ${space}`);
  return findAuditEvents({ ...ctx, ...access }, { limit: 20, cursor });
}

/** The cursor `depth` pages in, by following `next` as a person clicking "Next" would. */
async function cursorAt(
  depth: number,
  load: (cursor?: string) => Promise<TPage<unknown>>,
): Promise<{ cursor: string; reached: number }> {
  let cursor: string | undefined;
  let reached = 0;
  while (reached < depth) {
    const page = await load(cursor);
    if (!page.next) break;
    cursor = page.next;
    reached += 1;
  }
  if (!cursor) throw new Error("the list has a single page");
  return { cursor, reached };
}

async function timeOne(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function measure(run: () => Promise<unknown>) {
  await run(); // warm-up: first-use planning and caches
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL_RUNS; i += 1) sequential.push(await timeOne(run));
  const parallel: number[] = [];
  for (let round = 0; round < PARALLEL_ROUNDS; round += 1) {
    parallel.push(...(await Promise.all(Array.from({ length: PARALLEL }, () => timeOne(run)))));
  }
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  return { sequential: stats(sequential), parallel: stats(parallel) };
}

async function main() {
  const database = await openBenchDatabase(process.env.DATABASE_URL);
  try {
    const { db } = database.handle;
    console.log(`database: ${database.where}`);
    const seedStart = performance.now();
    await seed(db);
    console.log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const spaces = (actor: TActor, query?: string) => (cursor?: string) =>
      findSpaces(ctxFor(db, actor), { limit: 20, cursor, query });
    const adminActivity =
      (filters: Parameters<typeof findAdminActivity>[1] = { limit: 20 }) =>
      (cursor?: string) =>
        findAdminActivity(ctxFor(db, admin), { ...filters, limit: 20, cursor });
    const busy = spaceName(1);
    const quiet = spaceName(5_000);
    const busyActivity = (cursor?: string) => spaceActivity(db, admin, busy, cursor);

    const memberDeep = await cursorAt(500, spaces(member));
    const adminDeep = await cursorAt(500, spaces(admin));
    const busyDeep = await cursorAt(500, busyActivity);
    const adminActivityDeep = await cursorAt(500, adminActivity());

    const cases: [string, () => Promise<unknown>][] = [
      ["spaces, member, first page", () => spaces(member)()],
      [
        `spaces, member, page ${memberDeep.reached + 1} (last)`,
        () => spaces(member)(memberDeep.cursor),
      ],
      ['spaces, member, search "team 12"', () => spaces(member, "team 12")()],
      ["spaces, admin, first page", () => spaces(admin)()],
      [`spaces, admin, page ${adminDeep.reached + 1}`, () => spaces(admin)(adminDeep.cursor)],
      ['spaces, admin, search "team 12"', () => spaces(admin, "team 12")()],
      ["space activity, quiet space", () => spaceActivity(db, admin, quiet)],
      ["space activity, busy space, first page", () => busyActivity()],
      [
        `space activity, busy space, page ${busyDeep.reached + 1}`,
        () => busyActivity(busyDeep.cursor),
      ],
      ["admin activity, first page", () => adminActivity()()],
      [
        `admin activity, page ${adminActivityDeep.reached + 1}`,
        () => adminActivity()(adminActivityDeep.cursor),
      ],
      [
        "admin activity, by action",
        () => adminActivity({ limit: 20, action: "user.admin-grant" })(),
      ],
      ["admin activity, by actor", () => adminActivity({ limit: 20, actor: "u7" })()],
      ["admin activity, by quiet space", () => adminActivity({ limit: 20, space: quiet })()],
      [
        "admin activity, busy space + action",
        () => adminActivity({ limit: 20, space: busy, action: "member.add" })(),
      ],
    ];

    const rows: string[][] = [];
    let missed = 0;
    for (const [name, run] of cases) {
      const { sequential, parallel } = await measure(run);
      const over = Math.max(sequential.p95, parallel.p95) > TARGET_P95_MS;
      if (over) missed += 1;
      rows.push([
        name,
        sequential.p50.toFixed(1),
        sequential.p95.toFixed(1),
        parallel.p50.toFixed(1),
        parallel.p95.toFixed(1),
        over ? `p95 > ${TARGET_P95_MS} ms` : "",
      ]);
    }
    printTable(["case", "seq p50", "seq p95", "8× p50", "8× p95", ""], rows);
    console.log(
      missed === 0
        ? `every case's p95 is within ${TARGET_P95_MS} ms`
        : `${missed} case(s) over ${TARGET_P95_MS} ms at p95`,
    );
  } finally {
    await database.dispose();
  }
}

await main();
