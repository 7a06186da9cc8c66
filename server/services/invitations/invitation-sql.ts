// The SQL pieces every invitation service shares, so "open" and "expired" mean the same thing
// everywhere. Time comes from the database's clock only (now()), never from the app server's.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { spaceInvitations, users } from "@/db/schema";
import { INVITATION_LIFETIME_DAYS } from "@/lib/validators/invitation";
import { userLabel } from "../users/user-label";

/** expires_at for an invitation created now. */
export const newExpiry = sql<Date>`now() + make_interval(days => ${INVITATION_LIFETIME_DAYS})`;

/** A pending invitation past its expiry; only an owner's re-invite or revoke changes it. */
export const isExpired = sql<boolean>`${spaceInvitations.expiresAt} <= now()`;

/** An invitation that can still be accepted or declined. */
export const isOpen = and(
  eq(spaceInvitations.status, "pending"),
  sql`${spaceInvitations.expiresAt} > now()`,
);

/** What a pending invitation shows as: "expired" once past expires_at. */
export const pendingState = sql<
  "pending" | "expired"
>`case when ${isExpired} then 'expired' else 'pending' end`;

/** Invitation lists run newest first, keyset-paginated on (created_at, id). */
export const INVITATIONS_NEWEST_FIRST = {
  columns: [spaceInvitations.createdAt, spaceInvitations.id],
  direction: "desc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

/** A row's position in INVITATIONS_NEWEST_FIRST, for its page cursor. */
export const invitationPageKey = (row: { createdAt: Date; id: string }) => [
  row.createdAt.toISOString(),
  row.id,
];

/** The inviter's columns for a query that left-joins users on invited_by. */
export const INVITER_COLUMNS = {
  inviterId: users.id,
  inviterUsername: users.username,
  inviterName: users.name,
  inviterEmail: users.email,
};

type TInviterRow = { [K in keyof typeof INVITER_COLUMNS]: string | null };

/** The inviter's label; null once that user is deleted. */
export function inviterLabel(row: TInviterRow): string | null {
  if (!row.inviterId) return null;
  return userLabel({
    id: row.inviterId,
    username: row.inviterUsername,
    name: row.inviterName,
    email: row.inviterEmail,
  });
}
