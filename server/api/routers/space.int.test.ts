import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, spaceMembers, spaces } from "@/db/schema";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { openTestDatabase, testDatabaseKinds } from "@/testing/test-database";
import { appError, trpcError } from "@/testing/rejection";
import { updateSpace } from "@/server/services/spaces/update-space";
import { spaceContextFor } from "@/testing/space-context";

describe.each(testDatabaseKinds())("spaces (%s)", (kind) => {
  let handle: DatabaseHandle;
  let owner: TTestUser;
  let other: TTestUser;
  let admin: TTestUser;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    owner = await createTestUser(handle.db, "olivia");
    other = await createTestUser(handle.db, "oscar");
    admin = await createTestUser(handle.db, "root", { isAdmin: true });
  });
  afterAll(async () => {
    await handle.close();
  });

  it("creates a space with its creator as owner and an audit record", async () => {
    const api = callerFor(handle.db, owner);
    const space = await api.space.create({
      name: "payments",
      displayName: "Payments",
      description: "Money",
    });
    expect(space.name).toBe("payments");

    const members = await handle.db
      .select()
      .from(spaceMembers)
      .where(eq(spaceMembers.spaceId, space.id));
    expect(members).toEqual([expect.objectContaining({ userId: owner.id, role: "owner" })]);

    const activity = await api.activity.list({ space: "payments" });
    expect(activity.items).toHaveLength(1);
    expect(activity.items[0]).toMatchObject({
      action: "space.create",
      actorLabel: "olivia",
      after: { name: "payments", displayName: "Payments", description: "Money" },
    });
  });

  it("refuses an invalid name with a field error and writes nothing", async () => {
    const api = callerFor(handle.db, owner);
    const before = await handle.db.select().from(spaces);
    const error = await trpcError(api.space.create({ name: "Bad_Name", displayName: "x" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(await handle.db.select().from(spaces)).toHaveLength(before.length);
  });

  it("refuses a duplicate name with CONFLICT on the name field and writes nothing", async () => {
    const api = callerFor(handle.db, other);
    const auditBefore = await handle.db.select().from(auditEvents);
    const error = await trpcError(api.space.create({ name: "payments", displayName: "Again" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain('"payments" already exists');
    expect(await handle.db.select().from(auditEvents)).toHaveLength(auditBefore.length);
  });

  it("lists only the spaces a user belongs to, and all of them for an admin, with search and pages", async () => {
    await callerFor(handle.db, other).space.create({
      name: "oscar-lab",
      displayName: "Oscar's lab",
    });
    for (let i = 0; i < 3; i++) {
      await callerFor(handle.db, owner).space.create({
        name: `team-${i}`,
        displayName: `Team ${i}`,
      });
    }
    const mine = await callerFor(handle.db, owner).space.list({ limit: 2 });
    expect(mine.items.map((s) => s.name)).toEqual(["payments", "team-0"]);
    expect(mine.items[0]).toMatchObject({ role: "owner", memberCount: 1 });
    expect(mine.prev).toBeNull();
    if (!mine.next) throw new Error("expected a next page");

    const page2 = await callerFor(handle.db, owner).space.list({ cursor: mine.next, limit: 2 });
    expect(page2.items.map((s) => s.name)).toEqual(["team-1", "team-2"]);
    expect(page2.next).toBeNull();
    if (!page2.prev) throw new Error("expected a previous page");
    const back = await callerFor(handle.db, owner).space.list({ cursor: page2.prev, limit: 2 });
    expect(back.items.map((s) => s.name)).toEqual(["payments", "team-0"]);
    expect(back.prev).toBeNull();

    const search = await callerFor(handle.db, owner).space.list({ query: "PAY" });
    expect(search.items.map((s) => s.name)).toEqual(["payments"]);

    const theirs = await callerFor(handle.db, other).space.list({});
    expect(theirs.items.map((s) => s.name)).toEqual(["oscar-lab"]);

    const all = await callerFor(handle.db, admin).space.list({ limit: 100 });
    expect(all.items).toHaveLength(5);
    expect(all.items.find((s) => s.name === "payments")?.role).toBeNull();
  });

  it("treats a LIKE wildcard in search as a literal character", async () => {
    const result = await callerFor(handle.db, owner).space.list({ query: "%" });
    expect(result.items).toEqual([]);
  });

  it("gives a non-member the same NOT_FOUND for an existing and a missing space", async () => {
    const api = callerFor(handle.db, other);
    const existing = await trpcError(api.space.get({ space: "payments" }));
    const missing = await trpcError(api.space.get({ space: "no-such-space" }));
    expect(existing.code).toBe("NOT_FOUND");
    expect(missing.code).toBe("NOT_FOUND");
    expect(existing.message).toBe(
      'Space "payments" was not found, or you do not have access to it.',
    );
  });

  it("updates display name and description, auditing before and after", async () => {
    const api = callerFor(handle.db, owner);
    await api.space.update({ space: "payments", displayName: "Payments team", description: "" });
    const { space } = await api.space.get({ space: "payments" });
    expect(space).toMatchObject({ displayName: "Payments team", description: "" });
    const activity = await api.activity.list({ space: "payments" });
    expect(activity.items[0]).toMatchObject({
      action: "space.update",
      before: { displayName: "Payments", description: "Money" },
      after: { displayName: "Payments team", description: "" },
    });
  });

  it("writes nothing, audit record included, for a save that changes nothing", async () => {
    const api = callerFor(handle.db, owner);
    await api.space.create({ name: "no-op-save", displayName: "Same", description: "Same" });
    const { space } = await api.space.get({ space: "no-op-save" });
    const auditBefore = await handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.spaceId, space.id));

    const saved = await api.space.update({
      space: "no-op-save",
      displayName: "Same",
      description: "Same",
    });

    expect(saved.updatedAt).toEqual(space.updatedAt);
    const auditAfter = await handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.spaceId, space.id));
    expect(auditAfter).toHaveLength(auditBefore.length);
  });

  it("answers NOT_FOUND, not a server error, when the space is deleted while a save is on its way", async () => {
    const api = callerFor(handle.db, owner);
    await api.space.create({ name: "vanishing", displayName: "Vanishing" });
    // The request has resolved the space and the caller's role (as spaceProcedure does) …
    const ctx = await spaceContextFor(handle.db, owner, "vanishing");
    // … when another owner's delete commits first.
    await api.space.delete({ space: "vanishing", confirmName: "vanishing" });

    const error = await appError(updateSpace(ctx, { displayName: "Renamed", description: "" }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe('Space "vanishing" was not found, or you do not have access to it.');
  });

  it("deletes only with the typed confirmation, keeping the audit trail", async () => {
    const api = callerFor(handle.db, owner);
    const { space } = await api.space.get({ space: "team-2" });
    const wrong = await trpcError(api.space.delete({ space: "team-2", confirmName: "team-3" }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.cause).toMatchObject({
      fieldErrors: { confirmName: ['Type "team-2" exactly to confirm deletion.'] },
    });
    await api.space.delete({ space: "team-2", confirmName: "team-2" });
    expect((await trpcError(api.space.get({ space: "team-2" }))).code).toBe("NOT_FOUND");
    const trail = await handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.spaceId, space.id));
    expect(trail.map((e) => e.action)).toEqual(["space.create", "space.delete"]);
  });

  it("refuses every procedure to a signed-out caller", async () => {
    const api = callerFor(handle.db, null);
    expect((await trpcError(api.space.list({}))).code).toBe("UNAUTHORIZED");
    expect((await trpcError(api.space.create({ name: "anon", displayName: "Anon" }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await trpcError(api.gettingStarted.get())).code).toBe("UNAUTHORIZED");
    expect((await trpcError(api.viewer.get())).code).toBe("UNAUTHORIZED");
  });
});
