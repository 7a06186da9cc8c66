import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, spaceMembers, spaces } from "@/db/schema";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { appError, trpcError } from "@/testing/rejection";
import { updateSpace } from "@/server/services/spaces/update-space";
import { spaceContextFor } from "@/testing/space-context";

// Every test creates the users and spaces it needs (unique names from `fresh`), so each passes
// alone (`vitest run -t "<name>"`) and in any order.
describe.each(testDatabaseKinds())("spaces (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let handle: DatabaseHandle;
  let n = 0;

  beforeAll(() => {
    handle = database();
  });

  /** A name no other test uses. */
  function fresh(prefix: string): string {
    n += 1;
    return `${prefix}-${n}`;
  }

  function newUser(prefix: string, options: { isAdmin?: boolean } = {}): Promise<TTestUser> {
    return createTestUser(handle.db, fresh(prefix), options);
  }

  /** A fresh space owned by `owner`, named `<prefix>-<n>`. */
  async function newSpace(
    owner: TTestUser,
    prefix: string,
    details: { description?: string } = {},
  ) {
    const name = fresh(prefix);
    await callerFor(handle.db, owner).space.create({
      name,
      displayName: `Space ${name}`,
      ...details,
    });
    return name;
  }

  it("creates a space with its creator as owner and an audit record", async () => {
    const owner = await newUser("olivia");
    const name = fresh("payments");
    const api = callerFor(handle.db, owner);
    const space = await api.space.create({ name, displayName: "Payments", description: "Money" });
    expect(space.name).toBe(name);

    const members = await handle.db
      .select()
      .from(spaceMembers)
      .where(eq(spaceMembers.spaceId, space.id));
    expect(members).toEqual([expect.objectContaining({ userId: owner.id, role: "owner" })]);

    const activity = await api.activity.list({ space: name });
    expect(activity.items).toHaveLength(1);
    expect(activity.items[0]).toMatchObject({
      action: "space.create",
      actorLabel: owner.username,
      after: { name, displayName: "Payments", description: "Money" },
    });
  });

  it("refuses an invalid name with a field error and writes nothing", async () => {
    const api = callerFor(handle.db, await newUser("olivia"));
    const before = await handle.db.select().from(spaces);
    const error = await trpcError(api.space.create({ name: "Bad_Name", displayName: "x" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(await handle.db.select().from(spaces)).toHaveLength(before.length);
  });

  it("refuses a duplicate name with CONFLICT on the name field and writes nothing", async () => {
    const name = await newSpace(await newUser("olivia"), "payments");
    const api = callerFor(handle.db, await newUser("oscar"));
    const auditBefore = await handle.db.select().from(auditEvents);
    const error = await trpcError(api.space.create({ name, displayName: "Again" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain(`"${name}" already exists`);
    expect(await handle.db.select().from(auditEvents)).toHaveLength(auditBefore.length);
  });

  it("lists only the spaces a user belongs to, and all of them for an admin, with search and pages", async () => {
    const owner = await newUser("olivia");
    const other = await newUser("oscar");
    const admin = await newUser("root", { isAdmin: true });
    // One marker in every name of this test, so the admin's view can be narrowed to them.
    const marker = fresh("lst");
    const name = (suffix: string) => `${marker}-${suffix}`;
    const create = (user: TTestUser, suffix: string, displayName: string) =>
      callerFor(handle.db, user).space.create({ name: name(suffix), displayName });
    await create(other, "oscar-lab", "Oscar's lab");
    await create(owner, "payments", "Payments");
    for (let i = 0; i < 3; i++) await create(owner, `team-${i}`, `Team ${i}`);

    const mine = await callerFor(handle.db, owner).space.list({ limit: 2 });
    expect(mine.items.map((s) => s.name)).toEqual([name("payments"), name("team-0")]);
    expect(mine.items[0]).toMatchObject({ role: "owner", memberCount: 1 });
    expect(mine.prev).toBeNull();
    if (!mine.next) throw new Error("expected a next page");

    const page2 = await callerFor(handle.db, owner).space.list({ cursor: mine.next, limit: 2 });
    expect(page2.items.map((s) => s.name)).toEqual([name("team-1"), name("team-2")]);
    expect(page2.next).toBeNull();
    if (!page2.prev) throw new Error("expected a previous page");
    const back = await callerFor(handle.db, owner).space.list({ cursor: page2.prev, limit: 2 });
    expect(back.items.map((s) => s.name)).toEqual([name("payments"), name("team-0")]);
    expect(back.prev).toBeNull();

    const search = await callerFor(handle.db, owner).space.list({ query: "PAY" });
    expect(search.items.map((s) => s.name)).toEqual([name("payments")]);

    const theirs = await callerFor(handle.db, other).space.list({});
    expect(theirs.items.map((s) => s.name)).toEqual([name("oscar-lab")]);

    const all = await callerFor(handle.db, admin).space.list({ query: marker, limit: 100 });
    expect(all.items).toHaveLength(5);
    expect(all.items.find((s) => s.name === name("payments"))?.role).toBeNull();
  });

  it("treats a LIKE wildcard in search as a literal character", async () => {
    const owner = await newUser("olivia");
    await newSpace(owner, "percent");
    const result = await callerFor(handle.db, owner).space.list({ query: "%" });
    expect(result.items).toEqual([]);
  });

  it("gives a non-member the same NOT_FOUND for an existing and a missing space", async () => {
    const name = await newSpace(await newUser("olivia"), "payments");
    const api = callerFor(handle.db, await newUser("oscar"));
    const existing = await trpcError(api.space.get({ space: name }));
    const missing = await trpcError(api.space.get({ space: "no-such-space" }));
    expect(existing.code).toBe("NOT_FOUND");
    expect(missing.code).toBe("NOT_FOUND");
    expect(existing.message).toBe(
      `Space "${name}" was not found, or you do not have access to it.`,
    );
  });

  it("updates display name and description, auditing before and after", async () => {
    const owner = await newUser("olivia");
    const api = callerFor(handle.db, owner);
    const name = fresh("payments");
    await api.space.create({ name, displayName: "Payments", description: "Money" });
    await api.space.update({ space: name, displayName: "Payments team", description: "" });
    const { space } = await api.space.get({ space: name });
    expect(space).toMatchObject({ displayName: "Payments team", description: "" });
    const activity = await api.activity.list({ space: name });
    expect(activity.items[0]).toMatchObject({
      action: "space.update",
      before: { displayName: "Payments", description: "Money" },
      after: { displayName: "Payments team", description: "" },
    });
  });

  it("writes nothing, audit record included, for a save that changes nothing", async () => {
    const api = callerFor(handle.db, await newUser("olivia"));
    const name = fresh("no-op-save");
    await api.space.create({ name, displayName: "Same", description: "Same" });
    const { space } = await api.space.get({ space: name });
    const auditBefore = await handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.spaceId, space.id));

    const saved = await api.space.update({ space: name, displayName: "Same", description: "Same" });

    expect(saved.updatedAt).toEqual(space.updatedAt);
    const auditAfter = await handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.spaceId, space.id));
    expect(auditAfter).toHaveLength(auditBefore.length);
  });

  it("answers NOT_FOUND, not a server error, when the space is deleted while a save is on its way", async () => {
    const owner = await newUser("olivia");
    const api = callerFor(handle.db, owner);
    const name = await newSpace(owner, "vanishing");
    // The request has resolved the space and the caller's role (as spaceProcedure does) …
    const ctx = await spaceContextFor(handle.db, owner, name);
    // … when another owner's delete commits first.
    await api.space.delete({ space: name, confirmName: name });

    const error = await appError(updateSpace(ctx, { displayName: "Renamed", description: "" }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe(`Space "${name}" was not found, or you do not have access to it.`);
  });

  it("deletes only with the typed confirmation, keeping the audit trail", async () => {
    const owner = await newUser("olivia");
    const api = callerFor(handle.db, owner);
    const name = await newSpace(owner, "doomed");
    const { space } = await api.space.get({ space: name });
    const wrong = await trpcError(api.space.delete({ space: name, confirmName: `${name}x` }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.cause).toMatchObject({
      fieldErrors: { confirmName: [`Type "${name}" exactly to confirm deletion.`] },
    });
    await api.space.delete({ space: name, confirmName: name });
    expect((await trpcError(api.space.get({ space: name }))).code).toBe("NOT_FOUND");
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
