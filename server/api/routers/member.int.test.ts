import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, spaceMembers, spaces } from "@/db/schema";
import { auditTrailOf, lastAuditOf } from "@/testing/audit-trail";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { raceTestName } from "@/testing/race";
import { joinByInvitation } from "@/testing/join-space";
import { trpcError } from "@/testing/rejection";
import type { TSpaceRole } from "@/lib/validators/space";

const LAST_OWNER =
  "A space must keep at least one owner. Make another member an owner first, or delete the space.";

describe.each(testDatabaseKinds())("members (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let handle: DatabaseHandle;
  let owner: TTestUser;
  let admin: TTestUser;
  let userCount = 0;

  beforeAll(async () => {
    handle = database();
    owner = await createTestUser(handle.db, "olivia");
    admin = await createTestUser(handle.db, "root", { isAdmin: true });
  });

  /** A fresh user with a unique username (and email `<username>@example.com`). */
  function newUser(prefix: string): Promise<TTestUser> {
    userCount += 1;
    return createTestUser(handle.db, `${prefix}-${userCount}`);
  }

  /** Makes `user` a member: `inviter` invites their address and they accept. */
  function join(inviter: TTestUser, space: string, user: TTestUser, role: TSpaceRole) {
    return joinByInvitation(handle.db, inviter, space, user, role);
  }

  /** A fresh space owned by `creator` (olivia unless given). */
  async function newSpace(name: string, creator: TTestUser = owner) {
    return callerFor(handle.db, creator).space.create({ name, displayName: name });
  }

  async function membersOf(spaceId: string) {
    const rows = await handle.db
      .select({ userId: spaceMembers.userId, role: spaceMembers.role })
      .from(spaceMembers)
      .where(eq(spaceMembers.spaceId, spaceId));
    return Object.fromEntries(rows.map((r) => [r.userId, r.role]));
  }

  const auditOf = (spaceId: string) => auditTrailOf(handle.db, spaceId);
  const lastAudit = (spaceId: string) => lastAuditOf(handle.db, spaceId);

  it("lists members in pages, oldest first, forward and back", async () => {
    await newSpace("listing");
    const api = callerFor(handle.db, owner);
    const added: TTestUser[] = [];
    for (let i = 0; i < 4; i++) {
      const user = await newUser("lena");
      await join(owner, "listing", user, i % 2 === 0 ? "viewer" : "contributor");
      added.push(user);
    }
    const expectedOrder = [owner.id, ...added.map((u) => u.id)];

    const page1 = await api.member.list({ space: "listing", limit: 2 });
    expect(page1.prev).toBeNull();
    expect(page1.items[0]).toMatchObject({
      userId: owner.id,
      username: "olivia",
      email: "olivia@example.com",
      name: "olivia",
      role: "owner",
    });
    expect(page1.items[0]?.addedAt).toBeInstanceOf(Date);
    if (!page1.next) throw new Error("expected a second page");
    const page2 = await api.member.list({ space: "listing", cursor: page1.next, limit: 2 });
    if (!page2.next) throw new Error("expected a third page");
    const page3 = await api.member.list({ space: "listing", cursor: page2.next, limit: 2 });
    expect(page3.items).toHaveLength(1);
    expect(page3.next).toBeNull();

    expect([...page1.items, ...page2.items, ...page3.items].map((m) => m.userId)).toEqual(
      expectedOrder,
    );
    expect(page2.items.map((m) => m.role)).toEqual(["contributor", "viewer"]);

    // Back from the last page gives the middle page again.
    if (!page3.prev) throw new Error("expected a previous page");
    const backToPage2 = await api.member.list({ space: "listing", cursor: page3.prev, limit: 2 });
    expect(backToPage2.items.map((m) => m.userId)).toEqual(page2.items.map((m) => m.userId));

    // Stable: the same query gives the same order, and the default page holds everyone.
    const all = await api.member.list({ space: "listing" });
    expect(all).toMatchObject({ next: null, prev: null });
    expect(all.items.map((m) => m.userId)).toEqual(expectedOrder);
    expect((await api.member.list({ space: "listing" })).items.map((m) => m.userId)).toEqual(
      expectedOrder,
    );

    // A cursor that was tampered with is a clear BAD_REQUEST, not a server error.
    const tampered = await trpcError(
      api.member.list({
        space: "listing",
        cursor: Buffer.from('{"d":"next","k":[1]}').toString("base64url"),
      }),
    );
    expect(tampered.code).toBe("BAD_REQUEST");
    expect(tampered.message).toContain("not valid");

    // A viewer may list too, and sees the same.
    const viewer = added[0];
    if (!viewer) throw new Error("no viewer");
    const asViewer = await callerFor(handle.db, viewer).member.list({
      space: "listing",
      limit: 100,
    });
    expect(asViewer.items.map((m) => m.userId)).toEqual(expectedOrder);

    // Only this space's members are counted.
    await newSpace("listing-other");
    expect((await api.member.list({ space: "listing-other" })).items).toHaveLength(1);
  });

  it("changes a member's role, auditing before and after; setting the same role writes nothing", async () => {
    const space = await newSpace("roles");
    const api = callerFor(handle.db, owner);
    const member = await newUser("rita");
    await join(owner, "roles", member, "viewer");

    await api.member.updateRole({ space: "roles", userId: member.id, role: "contributor" });
    expect((await membersOf(space.id))[member.id]).toBe("contributor");
    expect(await lastAudit(space.id)).toMatchObject({
      action: "member.update-role",
      actorLabel: "olivia",
      targetType: "member",
      targetId: member.username,
      before: { role: "viewer" },
      after: { role: "contributor" },
    });
    expect((await callerFor(handle.db, member).space.get({ space: "roles" })).role).toBe(
      "contributor",
    );

    const auditCount = (await auditOf(space.id)).length;
    await api.member.updateRole({ space: "roles", userId: member.id, role: "contributor" });
    expect(await auditOf(space.id)).toHaveLength(auditCount);
  });

  it("refuses to change or remove someone who is not a member with NOT_FOUND", async () => {
    const space = await newSpace("strangers");
    const api = callerFor(handle.db, owner);
    const stranger = await newUser("sam");
    const auditCount = (await auditOf(space.id)).length;

    const update = await trpcError(
      api.member.updateRole({ space: "strangers", userId: stranger.id, role: "owner" }),
    );
    expect(update.code).toBe("NOT_FOUND");
    expect(update.message).toBe("That user is not a member of this space.");
    const remove = await trpcError(api.member.remove({ space: "strangers", userId: stranger.id }));
    expect(remove.code).toBe("NOT_FOUND");

    expect(await membersOf(space.id)).toEqual({ [owner.id]: "owner" });
    expect(await auditOf(space.id)).toHaveLength(auditCount);
  });

  it("removes a member with an audit record; they then get NOT_FOUND and no longer list the space", async () => {
    const space = await newSpace("removal");
    const api = callerFor(handle.db, owner);
    const member = await newUser("rob");
    await join(owner, "removal", member, "contributor");
    const memberApi = callerFor(handle.db, member);
    expect((await memberApi.space.list({})).items.map((s) => s.name)).toEqual(["removal"]);

    await api.member.remove({ space: "removal", userId: member.id });

    expect(await membersOf(space.id)).toEqual({ [owner.id]: "owner" });
    expect(await lastAudit(space.id)).toMatchObject({
      action: "member.remove",
      actorId: owner.id,
      targetType: "member",
      targetId: member.username,
      before: { role: "contributor" },
      after: null,
    });

    const gone = await trpcError(memberApi.space.get({ space: "removal" }));
    expect(gone.code).toBe("NOT_FOUND");
    expect(gone.message).toBe('Space "removal" was not found, or you do not have access to it.');
    expect((await trpcError(memberApi.member.list({ space: "removal" }))).code).toBe("NOT_FOUND");
    const list = await memberApi.space.list({});
    expect(list.items.map((s) => s.name)).not.toContain("removal");
    expect(list.items).toEqual([]);
    expect((await api.space.list({ query: "removal" })).items[0]?.memberCount).toBe(1);
  });

  it("lets a member leave, recorded as member.leave", async () => {
    const space = await newSpace("leaving");
    const member = await newUser("lou");
    await join(owner, "leaving", member, "viewer");
    const memberApi = callerFor(handle.db, member);

    await memberApi.member.leave({ space: "leaving" });

    expect(await membersOf(space.id)).toEqual({ [owner.id]: "owner" });
    expect(await lastAudit(space.id)).toMatchObject({
      action: "member.leave",
      actorId: member.id,
      actorLabel: member.username,
      targetId: member.username,
      before: { role: "viewer" },
    });
    expect((await trpcError(memberApi.space.get({ space: "leaving" }))).code).toBe("NOT_FOUND");
    expect((await memberApi.space.list({})).items.map((s) => s.name)).not.toContain("leaving");
  });

  it("never lets the last owner be demoted, removed or leave, and writes nothing", async () => {
    const space = await newSpace("last-owner");
    const api = callerFor(handle.db, owner);
    const member = await newUser("vic");
    await join(owner, "last-owner", member, "contributor");
    const membersBefore = await membersOf(space.id);
    const auditBefore = (await auditOf(space.id)).length;
    const totalAuditBefore = (await handle.db.select().from(auditEvents)).length;

    // One at a time, so each sees the same starting state.
    const attempts = [
      () => api.member.updateRole({ space: "last-owner", userId: owner.id, role: "contributor" }),
      () => api.member.updateRole({ space: "last-owner", userId: owner.id, role: "viewer" }),
      () => api.member.remove({ space: "last-owner", userId: owner.id }),
      () => api.member.leave({ space: "last-owner" }),
      // An admin acts as an owner but is not one: they cannot remove or demote the last real owner either.
      () => callerFor(handle.db, admin).member.remove({ space: "last-owner", userId: owner.id }),
      () =>
        callerFor(handle.db, admin).member.updateRole({
          space: "last-owner",
          userId: owner.id,
          role: "viewer",
        }),
    ];
    for (const attempt of attempts) {
      const error = await trpcError(attempt());
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe(LAST_OWNER);
    }

    expect(await membersOf(space.id)).toEqual(membersBefore);
    expect(await auditOf(space.id)).toHaveLength(auditBefore);
    expect(await handle.db.select().from(auditEvents)).toHaveLength(totalAuditBefore);
    expect(await handle.db.select().from(spaces).where(eq(spaces.id, space.id))).toHaveLength(1);
  });

  it("with two owners lets one be demoted, then protects the one left", async () => {
    const space = await newSpace("two-owners");
    const api = callerFor(handle.db, owner);
    const second = await newUser("otto");
    await join(owner, "two-owners", second, "owner");

    // The second owner demotes the first.
    await callerFor(handle.db, second).member.updateRole({
      space: "two-owners",
      userId: owner.id,
      role: "viewer",
    });
    expect(await membersOf(space.id)).toEqual({ [owner.id]: "viewer", [second.id]: "owner" });
    expect(await lastAudit(space.id)).toMatchObject({
      action: "member.update-role",
      actorId: second.id,
      targetId: "olivia",
      before: { role: "owner" },
      after: { role: "viewer" },
    });

    // Olivia, now a viewer, may no longer manage members.
    const forbidden = await trpcError(
      api.member.updateRole({ space: "two-owners", userId: second.id, role: "viewer" }),
    );
    expect(forbidden.code).toBe("FORBIDDEN");

    // Otto is now the last owner.
    const error = await trpcError(
      callerFor(handle.db, second).member.updateRole({
        space: "two-owners",
        userId: second.id,
        role: "contributor",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(
      (await trpcError(callerFor(handle.db, second).member.leave({ space: "two-owners" }))).code,
    ).toBe("BAD_REQUEST");

    // With two owners again, an owner may leave.
    await callerFor(handle.db, second).member.updateRole({
      space: "two-owners",
      userId: owner.id,
      role: "owner",
    });
    await callerFor(handle.db, second).member.leave({ space: "two-owners" });
    expect(await membersOf(space.id)).toEqual({ [owner.id]: "owner" });
    expect(await lastAudit(space.id)).toMatchObject({
      action: "member.leave",
      actorId: second.id,
      before: { role: "owner" },
    });
  });

  it("lets an admin who is not a member act as owner, but not leave", async () => {
    const space = await newSpace("admin-acts", await newUser("founder"));
    const adminApi = callerFor(handle.db, admin);
    const member = await newUser("ada");

    expect(await adminApi.space.get({ space: "admin-acts" })).toMatchObject({
      role: "owner",
      isMember: false,
    });
    await join(admin, "admin-acts", member, "contributor");
    const invited = (await auditOf(space.id)).find((e) => e.action === "invitation.create");
    expect(invited).toMatchObject({ actorId: admin.id, actorLabel: "root" });
    await adminApi.member.updateRole({ space: "admin-acts", userId: member.id, role: "owner" });
    expect((await membersOf(space.id))[member.id]).toBe("owner");
    const listed = await adminApi.member.list({ space: "admin-acts" });
    expect(listed.items.map((m) => m.userId)).not.toContain(admin.id);

    const auditCount = (await auditOf(space.id)).length;
    const leave = await trpcError(adminApi.member.leave({ space: "admin-acts" }));
    expect(leave.code).toBe("BAD_REQUEST");
    expect(leave.message).toBe("You are not a member of this space.");
    expect(await auditOf(space.id)).toHaveLength(auditCount);

    await adminApi.member.remove({ space: "admin-acts", userId: member.id });
    expect(await lastAudit(space.id)).toMatchObject({
      action: "member.remove",
      actorId: admin.id,
      targetId: member.username,
    });
  });

  it("treats an admin who is also a member by their own membership when leaving", async () => {
    const space = await newSpace("admin-member");
    await join(owner, "admin-member", admin, "viewer");
    const adminApi = callerFor(handle.db, admin);
    expect(await adminApi.space.get({ space: "admin-member" })).toMatchObject({ isMember: true });

    await adminApi.member.leave({ space: "admin-member" });
    expect(await membersOf(space.id)).toEqual({ [owner.id]: "owner" });
    const rows = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.spaceId, space.id), eq(auditEvents.action, "member.leave")));
    expect(rows).toEqual([expect.objectContaining({ actorId: admin.id, targetId: "root" })]);
  });

  it("admins keep owner rights in a space where they are also a lower-role member", async () => {
    await newSpace("admin-viewer");
    await join(owner, "admin-viewer", admin, "viewer");
    const adminApi = callerFor(handle.db, admin);
    expect(await adminApi.space.get({ space: "admin-viewer" })).toMatchObject({
      role: "owner",
      isMember: true,
    });
    const extra = await newUser("extra");
    await join(admin, "admin-viewer", extra, "viewer");
  });

  const ownersRace = raceTestName(
    "serializes two owners demoting and removing each other at once: no server error, an owner always left",
    kind,
  );
  it(ownersRace, async () => {
    for (let round = 0; round < 10; round++) {
      const a = await newUser("owner-a");
      const b = await newUser("owner-b");
      const space = await newSpace(`race-${round}`, a);
      await join(a, space.name, b, "owner");
      const results = await Promise.allSettled([
        callerFor(handle.db, a).member.updateRole({
          space: space.name,
          userId: b.id,
          role: "viewer",
        }),
        callerFor(handle.db, b).member.updateRole({
          space: space.name,
          userId: a.id,
          role: "viewer",
        }),
        callerFor(handle.db, a).member.leave({ space: space.name }),
        callerFor(handle.db, b).member.leave({ space: space.name }),
      ]);
      for (const result of results) {
        if (result.status === "rejected") {
          expect(result.reason).toBeInstanceOf(TRPCError);
          expect(["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND"]).toContain(
            (result.reason as TRPCError).code,
          );
        }
      }
      expect(Object.values(await membersOf(space.id))).toContain("owner");
    }
  });

  it("shows members' emails to owners only, not even a member's own to a viewer", async () => {
    await newSpace("email-privacy");
    const viewer = await newUser("viewer");
    const other = await newUser("other");
    const ownerApi = callerFor(handle.db, owner);
    await join(owner, "email-privacy", viewer, "viewer");
    await join(owner, "email-privacy", other, "contributor");

    const asOwner = await ownerApi.member.list({ space: "email-privacy" });
    expect(asOwner.items.map((m) => m.email).sort()).toEqual(
      [owner.email, viewer.email, other.email].sort(),
    );

    const asViewer = await callerFor(handle.db, viewer).member.list({ space: "email-privacy" });
    const emails = Object.fromEntries(asViewer.items.map((m) => [m.userId, m.email]));
    expect(emails).toEqual({ [owner.id]: null, [viewer.id]: null, [other.id]: null });
    expect(asViewer.items.find((m) => m.userId === other.id)?.username).toBe(other.username);
  });
});
