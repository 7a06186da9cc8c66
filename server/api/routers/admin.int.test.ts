import { and, eq, sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { applyAdminPolicy } from "@/server/auth/admins";
import { auditPageQuery, NEWEST_FIRST } from "@/server/services/audit/find-audit-events";
import { planKeysetPage } from "@/server/services/keyset";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { joinByInvitation } from "@/testing/join-space";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

describe.each(testDatabaseKinds())("admin activity (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let handle: DatabaseHandle;
  let admin: TTestUser;
  let olivia: TTestUser;
  let oscar: TTestUser;
  let promoted: TTestUser;

  beforeAll(async () => {
    handle = database();
    const db = handle.db;
    admin = await createTestUser(db, "root", { isAdmin: true });
    olivia = await createTestUser(db, "olivia");
    oscar = await createTestUser(db, "oscar");
    promoted = await createTestUser(db, "petra");
    const asOlivia = callerFor(db, olivia);
    const asOscar = callerFor(db, oscar);
    // "ledger" lives, is deleted, and its name is taken again: both histories answer to the name.
    await asOlivia.space.create({ name: "ledger", displayName: "Ledger v1" });
    await joinByInvitation(db, olivia, "ledger", oscar, "viewer");
    await asOlivia.space.delete({ space: "ledger", confirmName: "ledger" });
    await asOscar.space.create({ name: "ledger", displayName: "Ledger v2" });
    await asOscar.space.create({ name: "payroll", displayName: "Payroll" });
    // 25 edits make the space list longer than one page.
    for (let i = 0; i < 25; i += 1) {
      await asOscar.space.update({
        space: "payroll",
        displayName: `Payroll ${i}`,
        description: "",
      });
    }
    // A platform-wide event: admin rights granted by policy (no space, actor "slipway").
    await applyAdminPolicy(
      db,
      { id: promoted.id, email: promoted.email, username: promoted.username },
      [promoted.email],
    );
  });

  const api = () => callerFor(handle.db, admin);

  it("lists every event newest first, platform-wide ones and deleted spaces' included", async () => {
    const page = await api().admin.activity({ limit: 100 });
    const ids = page.items.map((event) => event.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page.items[0]).toMatchObject({
      action: "user.admin-grant",
      actorLabel: "slipway",
      targetId: "petra",
      space: null,
    });
    const deletion = page.items.find((event) => event.action === "space.delete");
    expect(deletion).toMatchObject({ space: { name: "ledger", deleted: true } });
    const payroll = page.items.find((event) => event.action === "space.update");
    expect(payroll).toMatchObject({ space: { name: "payroll", deleted: false } });
    // 1 create + an invitation and its acceptance + 1 delete, then 2 creates + 25 updates, then
    // the grant.
    expect(page.items).toHaveLength(32);
    expect(page.next).toBeNull();
  });

  it("finds a space's history by name: the deleted space's and the live one's", async () => {
    const page = await api().admin.activity({ space: "ledger" });
    expect(page.items.map((event) => [event.action, event.space?.deleted])).toEqual([
      ["space.create", false],
      ["space.delete", true],
      ["invitation.accept", true],
      ["invitation.create", true],
      ["space.create", true],
    ]);
    expect(page.items.map((e) => e.actorLabel)).toEqual([
      "oscar",
      "olivia",
      "oscar",
      "olivia",
      "olivia",
    ]);
  });

  it("filters by action and by actor, and combines filters", async () => {
    const creates = await api().admin.activity({ action: "space.create" });
    expect(creates.items.map((event) => event.space?.name)).toEqual([
      "payroll",
      "ledger",
      "ledger",
    ]);

    const byOlivia = await api().admin.activity({ actor: olivia.id });
    expect(byOlivia.actor).toEqual({ id: olivia.id, label: "olivia" });
    expect(byOlivia.items.map((event) => event.action)).toEqual([
      "space.delete",
      "invitation.create",
      "space.create",
    ]);

    const combined = await api().admin.activity({
      actor: oscar.id,
      space: "ledger",
      action: "space.create",
    });
    expect(combined.items).toHaveLength(1);
    expect(combined.items[0]).toMatchObject({ actorLabel: "oscar", space: { deleted: false } });
  });

  it("answers an unknown space name or actor with an empty list", async () => {
    expect((await api().admin.activity({ space: "never-existed" })).items).toEqual([]);
    const unknown = await api().admin.activity({ actor: "no-such-user" });
    expect(unknown).toMatchObject({ items: [], actor: null });
  });

  it("pages through a filtered list with cursors, forwards and back, without gaps", async () => {
    const first = await api().admin.activity({ space: "payroll", limit: 10 });
    expect(first.prev).toBeNull();
    const second = await api().admin.activity({
      space: "payroll",
      limit: 10,
      cursor: first.next ?? undefined,
    });
    const third = await api().admin.activity({
      space: "payroll",
      limit: 10,
      cursor: second.next ?? undefined,
    });
    expect(third.next).toBeNull();
    const all = [...first.items, ...second.items, ...third.items].map((event) => event.id);
    expect(all).toHaveLength(26);
    expect(new Set(all).size).toBe(26);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const back = await api().admin.activity({
      space: "payroll",
      limit: 10,
      cursor: second.prev ?? undefined,
    });
    expect(back.items.map((event) => event.id)).toEqual(first.items.map((event) => event.id));
  });

  it("refuses a malformed cursor and bad filters with field-level messages", async () => {
    const cursor = Buffer.from('{"d":"next","k":["x"]}').toString("base64url");
    const stale = await trpcError(api().admin.activity({ cursor }));
    expect(stale).toMatchObject({ code: "BAD_REQUEST" });
    expect(stale.message).toMatch(/not valid any more/);

    const bad = await trpcError(
      api().admin.activity({ space: "Not A Name", action: "space.explode" as "space.create" }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
  });

  it("searches users by name, username or e-mail for the actor picker", async () => {
    const found = await api().admin.searchUsers({ query: "OSC" });
    expect(found).toEqual([
      { id: oscar.id, label: "oscar", name: "oscar", email: "oscar@example.com" },
    ]);
    expect(await api().admin.searchUsers({ query: "%" })).toEqual([]);
    const refused = await trpcError(callerFor(handle.db, olivia).admin.searchUsers({ query: "o" }));
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("reads every filter combination in id order from an index, with no sort, at any depth", async () => {
    const filters: Record<string, SQL | undefined> = {
      none: undefined,
      actor: eq(auditEvents.actorId, olivia.id),
      action: eq(auditEvents.action, "space.update"),
      space: eq(auditEvents.spaceId, "00000000-0000-0000-0000-000000000000"),
      "actor+action": and(
        eq(auditEvents.actorId, olivia.id),
        eq(auditEvents.action, "space.update"),
      ),
      "space+action": and(
        eq(auditEvents.spaceId, "00000000-0000-0000-0000-000000000000"),
        eq(auditEvents.action, "space.update"),
      ),
    };
    const deep = Buffer.from('{"d":"next","k":[5]}').toString("base64url");
    for (const [name, filter] of Object.entries(filters)) {
      for (const cursor of [undefined, deep]) {
        const plan = planKeysetPage(NEWEST_FIRST, { limit: 20, cursor });
        const text = await handle.db.transaction(async (tx) => {
          // The test table is tiny, where a sequential scan is cheapest; forbid it so the plan
          // shows which index serves the query and that rows come from it already in order.
          await tx.execute(sql`set local enable_seqscan = off`);
          const result = await tx.execute(
            sql`explain ${auditPageQuery(tx, filter, plan).getSQL()}`,
          );
          const { rows } = result as { rows: { "QUERY PLAN": string }[] };
          return rows.map((row) => row["QUERY PLAN"]).join("\n");
        });
        expect(text, `${name} ${cursor ? "deep" : "first"}`).toMatch(/Index Scan/);
        expect(text, `${name} ${cursor ? "deep" : "first"}`).not.toMatch(/Sort|Seq Scan/);
      }
    }
  });
});
