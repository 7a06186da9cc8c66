import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

/**
 * The signed-in person's e-mail, lower-cased like invitations store it, or null. Read from the
 * user row, not the session: sign-in stores only verified addresses there, and an address that
 * changed at the provider is updated at the next sign-in.
 */
export async function myInvitationEmail(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ? row.email.toLowerCase() : null;
}
