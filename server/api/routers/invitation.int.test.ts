import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { ZodError } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { spaceInvitations, spaceMembers, users } from "@/db/schema";
import { auditTrailOf, lastAuditOf } from "@/testing/audit-trail";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { AppError } from "@/server/services/errors";
import { fieldMessagesOf } from "@/lib/validators/field-messages";

const NOT_FOUND_MESSAGE =
  "That invitation was not found. It may have been revoked, or it was sent to another email address.";
const DAY_MS = 86_400_000;

describe.each(testDatabaseKinds())("invitations (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let handle: DatabaseHandle;
  let owner: TTestUser;
  let count = 0;

  beforeAll(async () => {
    handle = database();
    owner = await createTestUser(handle.db, "olga");
  });

  function newUser(prefix: string): Promise<TTestUser> {
    count += 1;
    return createTestUser(handle.db, `${prefix}-${count}`);
  }

  async function newSpace(prefix: string, creator: TTestUser = owner) {
    count += 1;
    return callerFor(handle.db, creator).space.create({
      name: `${prefix}-${count}`,
      displayName: `${prefix} ${count}`,
    });
  }

  const invite = (space: string, email: string, role: "owner" | "contributor" | "viewer") =>
    callerFor(handle.db, owner).invitation.create({ space, email, role });

  const auditOf = (spaceId: string) => auditTrailOf(handle.db, spaceId);
  const lastAudit = (spaceId: string) => lastAuditOf(handle.db, spaceId);

  async function invitationRow(id: string) {
    const [row] = await handle.db
      .select()
      .from(spaceInvitations)
      .where(eq(spaceInvitations.id, id));
    return row;
  }

  async function roleOf(spaceId: string, userId: string) {
    const [row] = await handle.db
      .select({ role: spaceMembers.role })
      .from(spaceMembers)
      .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)));
    return row?.role ?? null;
  }

  /** Moves an invitation's expiry into the past, as if seven days had gone by. */
  async function expire(id: string) {
    await handle.db
      .update(spaceInvitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(spaceInvitations.id, id));
  }

  it("invites an address with a role, lower-cased, for seven days, audited as invitation.create", async () => {
    const space = await newSpace("inviting");
    const created = await invite(space.name, "  New.Person@Example.COM ", "contributor");
    expect(created).toMatchObject({ email: "new.person@example.com", role: "contributor" });

    const row = await invitationRow(created.id);
    expect(row).toMatchObject({ status: "pending", invitedBy: owner.id, respondedAt: null });
    if (!row) throw new Error("no row");
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(7 * DAY_MS - 5_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThan(7 * DAY_MS + 5_000);

    const listed = await callerFor(handle.db, owner).invitation.list({ space: space.name });
    expect(listed.items).toEqual([
      {
        id: created.id,
        email: "new.person@example.com",
        role: "contributor",
        state: "pending",
        invitedBy: "olga",
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
      },
    ]);

    const trail = await auditOf(space.id);
    expect(trail.map((e) => e.action)).toEqual(["space.create", "invitation.create"]);
    expect(trail[1]).toMatchObject({
      actorId: owner.id,
      targetType: "invitation",
      targetId: "new.person@example.com",
      before: null,
      after: { role: "contributor", status: "pending" },
    });
  });

  it("answers the same for an unknown address, a user's address and a member's address", async () => {
    const space = await newSpace("no-enumeration");
    const known = await newUser("known");
    const member = await newUser("member");
    await handle.db
      .insert(spaceMembers)
      .values({ spaceId: space.id, userId: member.id, role: "viewer" });

    const shape = (r: Awaited<ReturnType<typeof invite>>) => ({
      ...r,
      id: typeof r.id,
      email: "<email>",
      expiresAt: r.expiresAt instanceof Date,
    });
    const unknown = await invite(space.name, "nobody-at-all@example.net", "viewer");
    const user = await invite(space.name, known.email, "viewer");
    const existing = await invite(space.name, member.email, "viewer");
    expect(shape(user)).toEqual(shape(unknown));
    expect(shape(existing)).toEqual(shape(unknown));
    expect(Object.keys(unknown).sort()).toEqual(["email", "expiresAt", "id", "role"]);
    // …and the owner's list shows all three alike.
    const listed = await callerFor(handle.db, owner).invitation.list({ space: space.name });
    expect(listed.items.map((i) => i.state)).toEqual(["pending", "pending", "pending"]);
  });

  it("refuses a second open invitation to the same address on the email field, and writes nothing", async () => {
    const space = await newSpace("duplicate");
    await invite(space.name, "twice@example.com", "viewer");
    const before = await auditOf(space.id);

    const error = await trpcError(invite(space.name, "TWICE@example.com", "owner"));
    expect(error.code).toBe("CONFLICT");
    const cause = error.cause as AppError;
    expect(cause).toBeInstanceOf(AppError);
    expect(cause.fieldErrors?.email).toEqual([
      "twice@example.com already has an open invitation to this space. Revoke it below to invite again with another role.",
    ]);
    expect(await auditOf(space.id)).toHaveLength(before.length);
    const rows = await handle.db
      .select()
      .from(spaceInvitations)
      .where(eq(spaceInvitations.spaceId, space.id));
    expect(rows).toHaveLength(1);
  });

  it("refuses a malformed, over-long or control-character address with a message on the email field", async () => {
    const space = await newSpace("bad-email");
    const cases: [string, string][] = [
      ["", "Enter an email address."],
      ["not-an-address", "Enter a valid email address, like name@example.com."],
      ["bob@example", "Enter a valid email address, like name@example.com."],
      [`${"x".repeat(250)}@example.com`, "An email address has at most 254 characters."],
      ["bob\u0000@example.com", "Email must not contain control characters."],
    ];
    for (const [email, message] of cases) {
      const error = await trpcError(invite(space.name, email, "viewer"));
      expect(error.code, email).toBe("BAD_REQUEST");
      // The same messages the form shows under the field (the error formatter sends these).
      expect(error.cause, email).toBeInstanceOf(ZodError);
      expect(fieldMessagesOf((error.cause as ZodError).issues), email).toEqual({
        email: [message],
      });
    }
    const role = await trpcError(invite(space.name, "ok@example.com", "admin" as "viewer"));
    expect(role.code).toBe("BAD_REQUEST");
    expect(await auditOf(space.id)).toHaveLength(1);
  });

  it("shows the invitee a count and a list, and accepting makes them a member in one audited step", async () => {
    const space = await newSpace("joining");
    const invitee = await newUser("ivy");
    const api = callerFor(handle.db, invitee);
    expect(await api.invitation.mineCount()).toEqual({ count: 0 });

    const created = await invite(space.name, invitee.email.toUpperCase(), "contributor");
    expect(await api.invitation.mineCount()).toEqual({ count: 1 });
    const mine = await api.invitation.mine({});
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: created.id,
        space: { name: space.name, displayName: space.displayName },
        role: "contributor",
        invitedBy: "olga",
      }),
    ]);
    // Before accepting, the space itself stays hidden.
    expect((await trpcError(api.space.get({ space: space.name }))).code).toBe("NOT_FOUND");

    expect(await api.invitation.accept({ invitationId: created.id })).toEqual({
      space: space.name,
      role: "contributor",
    });
    expect(await roleOf(space.id, invitee.id)).toBe("contributor");
    expect(await invitationRow(created.id)).toMatchObject({ status: "accepted" });
    expect((await invitationRow(created.id))?.respondedAt).toBeInstanceOf(Date);
    expect(await api.space.get({ space: space.name })).toMatchObject({ role: "contributor" });
    expect(await api.invitation.mineCount()).toEqual({ count: 0 });
    expect((await api.invitation.mine({})).items).toEqual([]);
    expect(
      (await callerFor(handle.db, owner).invitation.list({ space: space.name })).items,
    ).toEqual([]);

    const trail = await auditOf(space.id);
    expect(trail.map((e) => e.action)).toEqual([
      "space.create",
      "invitation.create",
      "invitation.accept",
    ]);
    expect(trail[2]).toMatchObject({
      actorId: invitee.id,
      actorLabel: invitee.username,
      targetType: "invitation",
      targetId: invitee.email,
      before: null,
      after: { member: invitee.username, role: "contributor" },
    });

    const again = await trpcError(api.invitation.accept({ invitationId: created.id }));
    expect(again.code).toBe("BAD_REQUEST");
    expect(again.message).toBe("You have already accepted this invitation.");
    expect(await auditOf(space.id)).toHaveLength(3);
  });

  it("matches the invitee's stored address case-insensitively", async () => {
    const space = await newSpace("mixed-case");
    const [dana] = await handle.db
      .insert(users)
      .values({ name: "Dana", email: "Dana.Smith@Example.COM", username: "dana-mixed" })
      .returning();
    if (!dana) throw new Error("insert returned nothing");
    const created = await invite(space.name, "dana.smith@example.com", "viewer");
    const api = callerFor(handle.db, { id: dana.id, label: "dana-mixed", isAdmin: false });
    expect(await api.invitation.mineCount()).toEqual({ count: 1 });
    await api.invitation.accept({ invitationId: created.id });
    expect(await roleOf(space.id, dana.id)).toBe("viewer");
  });

  it("lets a member who accepts keep the higher of their role and the invited one", async () => {
    const space = await newSpace("higher-role");
    const contributor = await newUser("cora");
    const viewer = await newUser("vera");
    await handle.db.insert(spaceMembers).values([
      { spaceId: space.id, userId: contributor.id, role: "contributor" },
      { spaceId: space.id, userId: viewer.id, role: "viewer" },
    ]);
    const lower = await invite(space.name, contributor.email, "viewer");
    const higher = await invite(space.name, viewer.email, "owner");

    expect(
      await callerFor(handle.db, contributor).invitation.accept({ invitationId: lower.id }),
    ).toEqual({ space: space.name, role: "contributor" });
    expect(
      await callerFor(handle.db, viewer).invitation.accept({ invitationId: higher.id }),
    ).toEqual({ space: space.name, role: "owner" });
    expect(await roleOf(space.id, contributor.id)).toBe("contributor");
    expect(await roleOf(space.id, viewer.id)).toBe("owner");

    const accepts = (await auditOf(space.id)).filter((e) => e.action === "invitation.accept");
    expect(accepts.map((e) => [e.before, e.after])).toEqual([
      [
        { member: contributor.username, role: "contributor" },
        { member: contributor.username, role: "contributor" },
      ],
      [
        { member: viewer.username, role: "viewer" },
        { member: viewer.username, role: "owner" },
      ],
    ]);
  });

  it("refuses someone else's invitation exactly like a missing one, and writes nothing", async () => {
    const space = await newSpace("not-yours");
    const invitee = await newUser("ines");
    const intruder = await newUser("ian");
    const created = await invite(space.name, invitee.email, "owner");
    const auditBefore = await auditOf(space.id);
    const intruderApi = callerFor(handle.db, intruder);

    for (const attempt of [
      () => intruderApi.invitation.accept({ invitationId: created.id }),
      () => intruderApi.invitation.decline({ invitationId: created.id }),
      () => intruderApi.invitation.accept({ invitationId: "00000000-0000-4000-8000-000000000000" }),
    ]) {
      const error = await trpcError(attempt());
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe(NOT_FOUND_MESSAGE);
    }
    expect(await intruderApi.invitation.mineCount()).toEqual({ count: 0 });
    expect((await intruderApi.invitation.mine({})).items).toEqual([]);
    expect(await roleOf(space.id, intruder.id)).toBeNull();
    expect(await invitationRow(created.id)).toMatchObject({ status: "pending" });
    expect(await auditOf(space.id)).toHaveLength(auditBefore.length);

    // A malformed id is an input error, not a query.
    const malformed = await trpcError(intruderApi.invitation.accept({ invitationId: "nope" }));
    expect(malformed.code).toBe("BAD_REQUEST");
  });

  it("declines: audited, no membership, and it cannot be accepted afterwards", async () => {
    const space = await newSpace("declining");
    const invitee = await newUser("dora");
    const created = await invite(space.name, invitee.email, "viewer");
    const api = callerFor(handle.db, invitee);

    await api.invitation.decline({ invitationId: created.id });
    expect(await invitationRow(created.id)).toMatchObject({ status: "declined" });
    expect(await roleOf(space.id, invitee.id)).toBeNull();
    expect(await lastAudit(space.id)).toMatchObject({
      action: "invitation.decline",
      actorId: invitee.id,
      targetId: invitee.email,
      before: { role: "viewer", status: "pending" },
      after: { status: "declined" },
    });
    const accept = await trpcError(api.invitation.accept({ invitationId: created.id }));
    expect(accept.code).toBe("BAD_REQUEST");
    expect(accept.message).toBe(
      "You have already declined this invitation. Ask an owner of the space to invite you again.",
    );
    // The address may be invited again.
    await invite(space.name, invitee.email, "viewer");
  });

  it("revokes a pending invitation: audited, gone from both lists, no longer acceptable", async () => {
    const space = await newSpace("revoking");
    const other = await newSpace("revoking-other");
    const invitee = await newUser("rex");
    const created = await invite(space.name, invitee.email, "viewer");
    const ownerApi = callerFor(handle.db, owner);

    // Through another space's name, the invitation does not exist.
    const elsewhere = await trpcError(
      ownerApi.invitation.revoke({ space: other.name, invitationId: created.id }),
    );
    expect(elsewhere.code).toBe("NOT_FOUND");

    await ownerApi.invitation.revoke({ space: space.name, invitationId: created.id });
    expect(await invitationRow(created.id)).toMatchObject({ status: "revoked" });
    expect(await lastAudit(space.id)).toMatchObject({
      action: "invitation.revoke",
      actorId: owner.id,
      targetId: invitee.email,
      before: { role: "viewer", status: "pending" },
      after: { status: "revoked" },
    });
    expect((await ownerApi.invitation.list({ space: space.name })).items).toEqual([]);
    const api = callerFor(handle.db, invitee);
    expect(await api.invitation.mineCount()).toEqual({ count: 0 });
    const accept = await trpcError(api.invitation.accept({ invitationId: created.id }));
    expect(accept.code).toBe("BAD_REQUEST");
    expect(accept.message).toBe("This invitation was revoked by an owner of the space.");
    const twice = await trpcError(
      ownerApi.invitation.revoke({ space: space.name, invitationId: created.id }),
    );
    expect(twice.code).toBe("BAD_REQUEST");
    expect(twice.message).toBe("That invitation can no longer be revoked: it was already revoked.");
  });

  it("expires after seven days: shown as expired, not acceptable, and replaced by a re-invite", async () => {
    const space = await newSpace("expiring");
    const invitee = await newUser("ezra");
    const api = callerFor(handle.db, invitee);
    const ownerApi = callerFor(handle.db, owner);
    const first = await invite(space.name, invitee.email, "viewer");
    await expire(first.id);

    expect((await ownerApi.invitation.list({ space: space.name })).items).toEqual([
      expect.objectContaining({ id: first.id, state: "expired" }),
    ]);
    expect(await api.invitation.mineCount()).toEqual({ count: 0 });
    expect((await api.invitation.mine({})).items).toEqual([]);
    const accept = await trpcError(api.invitation.accept({ invitationId: first.id }));
    expect(accept.code).toBe("BAD_REQUEST");
    expect(accept.message).toMatch(
      /^This invitation expired on .+\. Ask an owner of the space to invite you again\.$/,
    );
    expect(await roleOf(space.id, invitee.id)).toBeNull();

    // Re-inviting replaces the expired one (the one-pending-per-address index allows one row).
    const second = await invite(space.name, invitee.email, "contributor");
    expect(second.id).not.toBe(first.id);
    expect(await invitationRow(first.id)).toBeUndefined();
    expect((await ownerApi.invitation.list({ space: space.name })).items).toEqual([
      expect.objectContaining({ id: second.id, state: "pending", role: "contributor" }),
    ]);
    expect(await lastAudit(space.id)).toMatchObject({
      action: "invitation.create",
      before: { role: "viewer", status: "expired" },
      after: { role: "contributor", status: "pending" },
    });
    await api.invitation.accept({ invitationId: second.id });
    expect(await roleOf(space.id, invitee.id)).toBe("contributor");
  });

  it("lists a space's invitations in pages, newest first, forward and back", async () => {
    const space = await newSpace("paging");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await invite(space.name, `p${i}@example.com`, "viewer")).id);
    const api = callerFor(handle.db, owner);
    const page1 = await api.invitation.list({ space: space.name, limit: 2 });
    if (!page1.next) throw new Error("expected a second page");
    const page2 = await api.invitation.list({ space: space.name, limit: 2, cursor: page1.next });
    if (!page2.next) throw new Error("expected a third page");
    const page3 = await api.invitation.list({ space: space.name, limit: 2, cursor: page2.next });
    expect(page3.next).toBeNull();
    expect([...page1.items, ...page2.items, ...page3.items].map((i) => i.id)).toEqual(
      [...ids].reverse(),
    );
    if (!page3.prev) throw new Error("expected a previous page");
    const back = await api.invitation.list({ space: space.name, limit: 2, cursor: page3.prev });
    expect(back.items.map((i) => i.id)).toEqual(page2.items.map((i) => i.id));
  });

  it("lets exactly one of two simultaneous accepts win", async () => {
    for (let round = 0; round < 5; round++) {
      const space = await newSpace("race-accept");
      const invitee = await newUser("racer");
      const created = await invite(space.name, invitee.email, "viewer");
      const results = await Promise.allSettled([
        callerFor(handle.db, invitee).invitation.accept({ invitationId: created.id }),
        callerFor(handle.db, invitee).invitation.accept({ invitationId: created.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.reason).toBeInstanceOf(TRPCError);
      expect((rejected?.reason as TRPCError).message).toBe(
        "You have already accepted this invitation.",
      );
      expect(await roleOf(space.id, invitee.id)).toBe("viewer");
      const accepts = (await auditOf(space.id)).filter((e) => e.action === "invitation.accept");
      expect(accepts).toHaveLength(1);
    }
  });

  it("lets exactly one of a simultaneous accept and revoke win, leaving a consistent state", async () => {
    for (let round = 0; round < 5; round++) {
      const space = await newSpace("race-revoke");
      const invitee = await newUser("racer");
      const created = await invite(space.name, invitee.email, "viewer");
      const [accepted, revoked] = await Promise.allSettled([
        callerFor(handle.db, invitee).invitation.accept({ invitationId: created.id }),
        callerFor(handle.db, owner).invitation.revoke({
          space: space.name,
          invitationId: created.id,
        }),
      ]);
      expect([accepted.status, revoked.status].sort()).toEqual(["fulfilled", "rejected"]);
      const row = await invitationRow(created.id);
      const member = await roleOf(space.id, invitee.id);
      if (accepted.status === "fulfilled") {
        expect(row?.status).toBe("accepted");
        expect(member).toBe("viewer");
      } else {
        expect(row?.status).toBe("revoked");
        expect(member).toBeNull();
      }
      const actions = (await auditOf(space.id)).map((e) => e.action);
      expect(actions.filter((a) => a === "invitation.accept" || a === "invitation.revoke")).toEqual(
        [row?.status === "accepted" ? "invitation.accept" : "invitation.revoke"],
      );
    }
  });
});
