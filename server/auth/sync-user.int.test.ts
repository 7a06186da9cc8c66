// What Auth.js writes for a user (through Slipway's adapter) and how later sign-ins refresh it.
import { eq } from "drizzle-orm";
import pino from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accounts, auditEvents, users } from "@/db/schema";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { createAdapter } from "./config";
import { userFromOidcProfile } from "./profile";
import { syncUserProfile } from "./sync-user";

const silent = pino({ level: "silent" });

async function storedUser(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row!;
}

async function emailChanges(db: Db) {
  return db
    .select({
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      spaceId: auditEvents.spaceId,
      targetId: auditEvents.targetId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(eq(auditEvents.action, "user.email-change"));
}

describe.each(testDatabaseKinds())("users from sign-in (%s)", (kind) => {
  const database = useTestDatabase(kind, [users, auditEvents]);
  let db: Db;
  beforeEach(() => {
    db = database().db;
  });

  it("stores the username that profile() produced when Auth.js creates the user", async () => {
    const adapter = createAdapter(db, silent);
    const profile = userFromOidcProfile({
      sub: "alice",
      name: "Alice Admin",
      email: "alice@example.com",
      email_verified: true,
      preferred_username: "Alice",
    });
    // Auth.js calls createUser({ ...profile(), id: randomUUID(), email: lower-cased, emailVerified: null }).
    const created = await adapter.createUser!({
      ...profile,
      id: crypto.randomUUID(),
      email: profile.email!,
      emailVerified: null,
      isAdmin: true,
    });
    const row = await storedUser(db, created.id);
    expect(row).toMatchObject({
      name: "Alice Admin",
      email: "alice@example.com",
      username: "alice",
      isAdmin: false,
    });
  });

  it("creates the user without a username when another user already has it", async () => {
    const adapter = createAdapter(db, silent);
    await adapter.createUser!({
      id: "x",
      name: "A",
      email: "a@one.example",
      emailVerified: null,
      username: "alex",
    });
    const second = await adapter.createUser!({
      id: "y",
      name: "A2",
      email: "a@two.example",
      emailVerified: null,
      username: "alex",
    });
    expect((await storedUser(db, second.id)).username).toBeNull();
  });

  it("refreshes changed name, e-mail and username at a later sign-in", async () => {
    const [row] = await db
      .insert(users)
      .values({ name: "Bob", email: "bob@example.com", username: "bob" })
      .returning();
    const result = await syncUserProfile(
      db,
      row!,
      { name: "Bob Developer", email: "robert@example.com", username: "robert", image: null },
      silent,
    );
    expect(result).toMatchObject({
      name: "Bob Developer",
      email: "robert@example.com",
      username: "robert",
    });
    expect(await storedUser(db, row!.id)).toMatchObject({
      name: "Bob Developer",
      email: "robert@example.com",
      username: "robert",
    });
    expect(await emailChanges(db)).toEqual([
      {
        actorId: row!.id,
        actorLabel: "robert",
        spaceId: null,
        targetId: "robert",
        before: { email: "bob@example.com" },
        after: { email: "robert@example.com" },
      },
    ]);
  });

  it("audits nothing when the e-mail is unchanged", async () => {
    const [row] = await db
      .insert(users)
      .values({ name: "Erin", email: "erin@example.com", username: "erin" })
      .returning();
    await syncUserProfile(
      db,
      row!,
      { name: "Erin E.", email: "erin@example.com", username: "erin", image: null },
      silent,
    );
    expect(await emailChanges(db)).toEqual([]);
  });

  it("keeps values the provider no longer sends and skips a username another user has", async () => {
    const [carol, dave] = await db
      .insert(users)
      .values([
        {
          name: "Carol",
          email: "carol@example.com",
          username: "carol",
          image: "https://img/carol",
        },
        { name: "Dave", email: "dave@example.com", username: "dave" },
      ])
      .returning();
    const result = await syncUserProfile(
      db,
      carol!,
      { name: "Carol Developer", email: null, username: "dave", image: null },
      silent,
    );
    expect(result).toMatchObject({
      name: "Carol Developer",
      email: "carol@example.com",
      username: "carol",
    });
    expect(await storedUser(db, carol!.id)).toMatchObject({
      name: "Carol Developer",
      email: "carol@example.com",
      username: "carol",
      image: "https://img/carol",
    });
    expect((await storedUser(db, dave!.id)).username).toBe("dave");
  });

  it("links the provider account without keeping any of its tokens", async () => {
    const adapter = createAdapter(db, silent);
    const user = await adapter.createUser!({
      id: crypto.randomUUID(),
      name: "Bob",
      email: "bob@example.com",
      emailVerified: null,
      isAdmin: false,
    });
    await adapter.linkAccount!({
      userId: user.id,
      type: "oidc",
      provider: "oidc",
      providerAccountId: "bob-sub",
      access_token: "secret-access",
      refresh_token: "secret-refresh",
      id_token: "secret-id",
      token_type: "bearer",
      expires_at: 1,
      scope: "openid",
    });
    const [row] = await db.select().from(accounts).where(eq(accounts.userId, user.id));
    expect(row).toMatchObject({ provider: "oidc", providerAccountId: "bob-sub", scope: "openid" });
    expect([row?.access_token, row?.refresh_token, row?.id_token]).toEqual([null, null, null]);
  });
});
