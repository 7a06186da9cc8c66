// Test fixtures for tRPC integration tests: real users in the database and a caller acting as each.
import { randomUUID } from "node:crypto";
import pino from "pino";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { createCaller } from "../server/api/root";
import type { TActor } from "../server/services/context";

export interface TTestUser extends TActor {
  email: string;
  username: string;
}

/** Silent unless a test run sets LOG_LEVEL. */
export const testLogger = pino({ level: process.env.LOG_LEVEL ?? "silent" });

export async function createTestUser(
  db: Db,
  username: string,
  options: { isAdmin?: boolean } = {},
): Promise<TTestUser> {
  const email = `${username}@example.com`;
  const [row] = await db
    .insert(users)
    .values({ name: username, email, username, isAdmin: options.isAdmin ?? false })
    .returning();
  if (!row) throw new Error("user insert returned nothing");
  return { id: row.id, label: username, isAdmin: row.isAdmin, email, username };
}

export function callerFor(db: Db, actor: TActor | null) {
  const requestId = randomUUID();
  return createCaller({ db, actor, requestId, log: testLogger.child({ requestId }) });
}

/** The caller's function for a dotted procedure path, e.g. "member.add". */
export function procedureAt(
  caller: ReturnType<typeof callerFor>,
  path: string,
): (input: unknown) => Promise<unknown> {
  let node: unknown = caller;
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  if (typeof node !== "function") throw new Error(`no procedure at ${path}`);
  return node as (input: unknown) => Promise<unknown>;
}
