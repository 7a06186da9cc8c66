// Admin assignment against a real, migrated database (PGlite, and Postgres when DATABASE_URL is set).
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { adminUsernames } from "@/testing/admins";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { raceTestName } from "@/testing/race";
import { applyAdminPolicy } from "./admins";

async function createUser(
  db: Db,
  username: string,
): Promise<{ id: string; email: string; username: string }> {
  const [row] = await db
    .insert(users)
    .values({ name: username, email: `${username}@example.com`, username })
    .returning({ id: users.id, email: users.email, username: users.username });
  return { id: row!.id, email: row!.email!, username: row!.username! };
}

describe.each(testDatabaseKinds())("admin assignment (%s)", (kind) => {
  const database = useTestDatabase(kind, [users, auditEvents]);
  let db: Db;
  beforeEach(() => {
    db = database().db;
  });

  async function adminAudit() {
    const rows = await db
      .select({
        action: auditEvents.action,
        targetId: auditEvents.targetId,
        actorLabel: auditEvents.actorLabel,
      })
      .from(auditEvents)
      .orderBy(auditEvents.id);
    return rows;
  }

  describe("without SLIPWAY_ADMINS", () => {
    it("makes the first user to sign in the admin, and only them", async () => {
      const bob = await createUser(db, "bob");
      const alice = await createUser(db, "alice");

      expect(await applyAdminPolicy(db, bob, [])).toBe(true);
      expect(await applyAdminPolicy(db, alice, [])).toBe(false);
      // Signing in again changes nothing.
      expect(await applyAdminPolicy(db, bob, [])).toBe(true);
      expect(await applyAdminPolicy(db, alice, [])).toBe(false);
      expect(await adminUsernames(db)).toEqual(["bob"]);
    });

    it(raceTestName("promotes exactly one of many concurrent first sign-ins", kind), async () => {
      const created = await Promise.all(
        ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"].map((u) => createUser(db, u)),
      );
      const results = await Promise.all(created.map((user) => applyAdminPolicy(db, user, [])));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await adminUsernames(db)).toHaveLength(1);
    });

    it("keeps an existing admin (for instance one listed earlier) and promotes nobody else", async () => {
      const carol = await createUser(db, "carol");
      const dave = await createUser(db, "dave");
      await db.update(users).set({ isAdmin: true }).where(eq(users.id, carol.id));
      expect(await applyAdminPolicy(db, dave, [])).toBe(false);
      expect(await adminUsernames(db)).toEqual(["carol"]);
    });
  });

  describe("with SLIPWAY_ADMINS", () => {
    it("makes exactly the users with listed e-mails admins, never by username", async () => {
      const alice = await createUser(db, "alice");
      const bob = await createUser(db, "bob");
      const carol = await createUser(db, "carol");
      const admins = ["alice@example.com", "carol@example.com", "bob"];

      // bob signs in first: no first-user rule when a list is configured.
      expect(await applyAdminPolicy(db, bob, admins)).toBe(false);
      expect(await applyAdminPolicy(db, alice, admins)).toBe(true);
      expect(await applyAdminPolicy(db, carol, admins)).toBe(true);
      expect(await adminUsernames(db)).toEqual(["alice", "carol"]);
    });

    it("re-evaluates at every sign-in, so an edited list takes effect at the next one", async () => {
      const alice = await createUser(db, "alice");
      const bob = await createUser(db, "bob");
      expect(await applyAdminPolicy(db, alice, [])).toBe(true);

      // The operator now lists only bob: alice loses admin when she next signs in, bob gains it.
      expect(await applyAdminPolicy(db, alice, ["bob@example.com"])).toBe(false);
      expect(await applyAdminPolicy(db, bob, ["bob@example.com"])).toBe(true);
      expect(await adminUsernames(db)).toEqual(["bob"]);
    });

    it("audits each grant and revocation, and writes nothing when a sign-in changes nothing", async () => {
      const alice = await createUser(db, "alice");
      const bob = await createUser(db, "bob");
      expect(await applyAdminPolicy(db, alice, [])).toBe(true);
      expect(await applyAdminPolicy(db, bob, [])).toBe(false);
      const admins = ["bob@example.com"];
      expect(await applyAdminPolicy(db, alice, admins)).toBe(false);
      expect(await applyAdminPolicy(db, bob, admins)).toBe(true);
      expect(await applyAdminPolicy(db, bob, admins)).toBe(true);
      expect(await applyAdminPolicy(db, alice, admins)).toBe(false);
      expect(await adminAudit()).toEqual([
        { action: "user.admin-grant", targetId: "alice", actorLabel: "slipway" },
        { action: "user.admin-revoke", targetId: "alice", actorLabel: "slipway" },
        { action: "user.admin-grant", targetId: "bob", actorLabel: "slipway" },
      ]);
    });
  });
});
