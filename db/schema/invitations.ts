import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { spaceRole, spaces } from "./spaces";

export const invitationStatus = pgEnum("invitation_status", [
  "pending",
  "accepted",
  "declined",
  "revoked",
]);

// An owner invites an e-mail address with a role; whoever signs in with that verified address
// accepts or declines. Past expires_at a pending invitation counts as expired.
export const spaceInvitations = pgTable(
  "space_invitation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    // Lower-cased.
    email: text("email").notNull(),
    role: spaceRole("role").notNull(),
    status: invitationStatus("status").notNull().default("pending"),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { mode: "date", withTimezone: true }),
  },
  (t) => [
    // One open invitation per address and space.
    uniqueIndex("space_invitation_pending_unique")
      .on(t.spaceId, t.email)
      .where(sql`${t.status} = 'pending'`),
    // A signed-in person's own invitations.
    index("space_invitation_email_idx")
      .on(t.email)
      .where(sql`${t.status} = 'pending'`),
    // A space's invitations, newest first.
    index("space_invitation_space_idx").on(t.spaceId, t.createdAt, t.id),
    index("space_invitation_invited_by_idx").on(t.invitedBy),
  ],
);
