// Start-up admin reconciliation against a real, migrated database (PGlite, and Postgres when
// DATABASE_URL is set).
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { adminUsernames } from "@/testing/admins";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { reconcileAdmins } from "./reconcile-admins";

async function createUser(db: Db, username: string, email: string | null, isAdmin = false) {
  await db.insert(users).values({ name: username, email, username, isAdmin });
}

async function auditTrail(db: Db) {
  return db
    .select({
      action: auditEvents.action,
      targetId: auditEvents.targetId,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      spaceId: auditEvents.spaceId,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .orderBy(auditEvents.targetId);
}

describe.each(testDatabaseKinds())("start-up admin reconciliation (%s)", (kind) => {
  const database = useTestDatabase(kind, [users, auditEvents]);
  let db: Db;
  beforeEach(() => {
    db = database().db;
  });

  it("grants listed e-mails, revokes everyone else, audits each change, and is idempotent", async () => {
    await createUser(db, "alice", "alice@example.com", true); // listed, already admin
    await createUser(db, "bob", "Bob@Example.com"); // listed (case differs), not yet admin
    await createUser(db, "carol", "carol@example.com", true); // removed from the list
    await createUser(db, "dave", null, true); // no e-mail: cannot be listed
    await createUser(db, "erin", "erin@example.com"); // neither

    const admins = ["alice@example.com", "bob@example.com"];
    expect(await reconcileAdmins(db, admins)).toEqual({
      granted: ["bob"],
      revoked: expect.arrayContaining(["carol", "dave"]) as unknown,
    });
    expect(await adminUsernames(db)).toEqual(["alice", "bob"]);
    const reason = "SLIPWAY_ADMINS at start-up";
    const slipway = { actorId: null, actorLabel: "slipway", spaceId: null };
    expect(await auditTrail(db)).toEqual([
      { ...slipway, action: "user.admin-grant", targetId: "bob", after: { isAdmin: true, reason } },
      {
        ...slipway,
        action: "user.admin-revoke",
        targetId: "carol",
        after: { isAdmin: false, reason },
      },
      {
        ...slipway,
        action: "user.admin-revoke",
        targetId: "dave",
        after: { isAdmin: false, reason },
      },
    ]);

    // A second start-up with the same list writes nothing.
    expect(await reconcileAdmins(db, admins)).toEqual({ granted: [], revoked: [] });
    expect(await auditTrail(db)).toHaveLength(3);
    expect(await adminUsernames(db)).toEqual(["alice", "bob"]);
  });

  it("does not match usernames", async () => {
    await createUser(db, "alice@example.com", "mallory@example.com");
    expect(await reconcileAdmins(db, ["alice@example.com"])).toEqual({
      granted: [],
      revoked: [],
    });
    expect(await adminUsernames(db)).toEqual([]);
  });

  it("leaves everyone alone when the list is empty (the development first-user rule)", async () => {
    await createUser(db, "alice", "alice@example.com", true);
    await createUser(db, "bob", "bob@example.com");
    expect(await reconcileAdmins(db, [])).toEqual({ granted: [], revoked: [] });
    expect(await adminUsernames(db)).toEqual(["alice"]);
    expect(await auditTrail(db)).toEqual([]);
  });
});
