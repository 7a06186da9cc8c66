// Only a space's owners (and admins) read e-mail addresses: member lists, the activity log and
// invitation results are scanned whole, as JSON, for anything address-shaped.
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { spaceMembers, users } from "@/db/schema";
import type { TActor } from "@/server/services/context";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { joinByInvitation } from "@/testing/join-space";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

// A whole address: a local-part character right before the @ (a masked "a…@example.com" has an
// ellipsis there, so it does not match).
const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

function addressesIn(value: unknown): string[] {
  return JSON.stringify(value).match(ADDRESS) ?? [];
}

describe.each(testDatabaseKinds())("e-mail privacy (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let handle: DatabaseHandle;
  let owner: TTestUser;
  let viewer: TTestUser;
  let contributor: TTestUser;
  let admin: TTestUser;
  /** A user known only by e-mail address (no username, no name): their label is the address. */
  let anon: TActor & { email: string };
  const space = "privacy";
  const pendingEmail = "pending.person@example.org";
  const umaEmail = "uma@example.net";
  let umaId: string;

  beforeAll(async () => {
    handle = database();
    const db = handle.db;
    owner = await createTestUser(db, "owen");
    viewer = await createTestUser(db, "vick");
    contributor = await createTestUser(db, "cody");
    admin = await createTestUser(db, "adminna", { isAdmin: true });
    const [row] = await db.insert(users).values({ email: "anon.person@example.com" }).returning();
    if (!row?.email) throw new Error("insert returned nothing");
    anon = { id: row.id, label: row.email, isAdmin: false, email: row.email };
    // Some providers send the address as preferred_username; it must not slip out that way.
    const [uma] = await db
      .insert(users)
      .values({ email: umaEmail, username: umaEmail, name: `Uma <${umaEmail}>` })
      .returning();
    if (!uma) throw new Error("insert returned nothing");
    umaId = uma.id;

    const created = await callerFor(db, owner).space.create({
      name: space,
      displayName: "Privacy",
    });
    await joinByInvitation(db, owner, space, viewer, "viewer");
    await joinByInvitation(db, owner, space, contributor, "contributor");
    // anon joins, is made an owner, and invites someone: their address is now an actor label,
    // a member target and an invitation's inviter.
    const invited = await callerFor(db, owner).invitation.create({
      space,
      email: anon.email,
      role: "viewer",
    });
    await callerFor(db, anon).invitation.accept({ invitationId: invited.id });
    await callerFor(db, owner).member.updateRole({ space, userId: anon.id, role: "owner" });
    await db.insert(spaceMembers).values({ spaceId: created.id, userId: umaId, role: "viewer" });
    await callerFor(db, anon).invitation.create({ space, email: pendingEmail, role: "viewer" });
    await callerFor(db, anon).invitation.create({
      space,
      email: contributor.email,
      role: "owner",
    });
  });

  const everyAddress = () => [
    owner.email,
    viewer.email,
    contributor.email,
    anon.email,
    pendingEmail,
  ];

  it.each(["viewer", "contributor"] as const)(
    "gives a %s no address anywhere in member.list, activity.list or their invitations",
    async (who) => {
      const actor = who === "viewer" ? viewer : contributor;
      const api = callerFor(handle.db, actor);
      const members = await api.member.list({ space, limit: 100 });
      const activity = await api.activity.list({ space, limit: 100 });
      const mine = await api.invitation.mine({});

      expect(members.items).toHaveLength(5);
      expect(activity.items.length).toBeGreaterThan(8);
      // The contributor has an open invitation (to become owner) from anon, shown masked.
      if (who === "contributor") {
        expect(mine.items).toEqual([expect.objectContaining({ invitedBy: "a…@example.com" })]);
      }
      for (const result of [members, activity, mine]) {
        expect(addressesIn(result)).toEqual([]);
        const json = JSON.stringify(result);
        for (const address of everyAddress()) expect(json).not.toContain(address);
      }
      expect(members.items.every((m) => m.email === null)).toBe(true);
      expect(activity.emailsMasked).toBe(true);
      // The masked forms are there instead, in labels, targets and values alike.
      expect(activity.items.map((e) => e.actorLabel)).toContain("a…@example.com");
      expect(activity.items.map((e) => e.targetId)).toContain("p…@example.org");
      const accepted = activity.items.find(
        (e) => e.action === "invitation.accept" && e.actorLabel === "a…@example.com",
      );
      expect(accepted?.after).toEqual({ member: "a…@example.com", role: "viewer" });
      expect(members.items.find((m) => m.userId === anon.id)).toMatchObject({
        email: null,
        username: null,
        name: null,
      });

      expect(members.items.find((m) => m.userId === umaId)).toMatchObject({
        email: null,
        username: "u…@example.net",
        name: "Uma <u…@example.net>",
      });

      expect((await trpcError(api.invitation.list({ space }))).code).toBe("FORBIDDEN");
    },
  );

  it.each(["owner", "admin"] as const)("gives an %s every address", async (who) => {
    const api = callerFor(handle.db, who === "owner" ? owner : admin);
    const members = await api.member.list({ space, limit: 100 });
    const activity = await api.activity.list({ space, limit: 100 });
    const invitations = await api.invitation.list({ space });

    expect(members.items.map((m) => m.email).sort()).toEqual(
      [owner.email, viewer.email, contributor.email, anon.email, umaEmail].sort(),
    );
    expect(activity.emailsMasked).toBe(false);
    expect(new Set(addressesIn(activity))).toEqual(
      new Set([viewer.email, contributor.email, anon.email, pendingEmail]),
    );
    expect(activity.items.map((e) => e.actorLabel)).toContain(anon.email);
    expect(invitations.items.map((i) => [i.email, i.invitedBy]).sort()).toEqual(
      [
        [contributor.email, anon.email],
        [pendingEmail, anon.email],
      ].sort(),
    );
  });
});
