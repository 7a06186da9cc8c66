// Test helper: who is an admin right now, as usernames in order.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";

export async function adminUsernames(db: Db): Promise<string[]> {
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(eq(users.isAdmin, true));
  return rows.map((row) => row.username!).sort();
}
