// The database's backstops for promotion runs: one active run per application, one automated run
// per (snapshot, source environment), a run's snapshot of its own application, a result exactly
// when complete, and a target for manual runs only.
import { beforeAll, describe, expect, it } from "vitest";
import { insertTestEnvironment } from "@/testing/environments";
import { sqlStateOf } from "@/testing/sql-state";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { applications, promotionRuns, snapshots, spaces } from "./index";

const UNIQUE_VIOLATION = "23505";
const FOREIGN_KEY_VIOLATION = "23503";
const CHECK_VIOLATION = "23514";

describe.each(testDatabaseKinds())("promotion tables' constraints (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let spaceId: string;
  let environmentId: string;
  let counter = 0;

  beforeAll(async () => {
    const db = database().db;
    const [space] = await db.insert(spaces).values({ name: "runs", displayName: "R" }).returning();
    spaceId = space!.id;
    environmentId = (await insertTestEnvironment(db, { spaceId, name: "dev", clusterId: null })).id;
  });

  /** A fresh application with snapshot s1, and a manual run's values for it. */
  async function arrange() {
    const db = database().db;
    const [app] = await db
      .insert(applications)
      .values({ spaceId, name: `app-${++counter}`, displayName: "A" })
      .returning();
    const [snapshot] = await db
      .insert(snapshots)
      .values({ applicationId: app!.id, name: "s1", displayName: "s1" })
      .returning();
    const manual = {
      spaceId,
      applicationId: app!.id,
      snapshotId: snapshot!.id,
      kind: "manual" as const,
      targetEnvironmentId: environmentId,
    };
    return { applicationId: app!.id, snapshotId: snapshot!.id, manual };
  }

  it("allows one run at a time per application, any number complete", async () => {
    const db = database().db;
    const { manual } = await arrange();
    const done = { state: "Complete" as const, result: "Success" as const };
    await db.insert(promotionRuns).values([
      { ...manual, ...done },
      { ...manual, ...done },
    ]);
    await db.insert(promotionRuns).values(manual);
    expect(await sqlStateOf(db.insert(promotionRuns).values(manual))).toBe(UNIQUE_VIOLATION);
    expect(
      await sqlStateOf(db.insert(promotionRuns).values({ ...manual, state: "In Progress" })),
    ).toBe(UNIQUE_VIOLATION);
  });

  it("starts one automated run per snapshot and source environment, even after it completed", async () => {
    const db = database().db;
    const { manual } = await arrange();
    const automated = {
      ...manual,
      kind: "automated" as const,
      targetEnvironmentId: null,
      sourceEnvironmentId: environmentId,
      state: "Complete" as const,
      result: "Success" as const,
    };
    await db.insert(promotionRuns).values(automated);
    expect(await sqlStateOf(db.insert(promotionRuns).values(automated))).toBe(UNIQUE_VIOLATION);
  });

  it("refuses another application's snapshot, a result before completion and a misplaced target", async () => {
    const db = database().db;
    const mine = await arrange();
    const other = await arrange();
    expect(
      await sqlStateOf(
        db.insert(promotionRuns).values({ ...mine.manual, snapshotId: other.snapshotId }),
      ),
    ).toBe(FOREIGN_KEY_VIOLATION);
    expect(
      await sqlStateOf(db.insert(promotionRuns).values({ ...mine.manual, result: "Success" })),
    ).toBe(CHECK_VIOLATION);
    expect(
      await sqlStateOf(db.insert(promotionRuns).values({ ...mine.manual, kind: "automated" })),
    ).toBe(CHECK_VIOLATION);
    expect(
      await sqlStateOf(
        db.insert(promotionRuns).values({ ...mine.manual, targetEnvironmentId: null }),
      ),
    ).toBe(CHECK_VIOLATION);
  });
});
