import { and, eq } from "drizzle-orm";
import { spaceInvitations, users } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceRole } from "@/lib/validators/space";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";
import {
  INVITATIONS_NEWEST_FIRST,
  invitationPageKey,
  INVITER_COLUMNS,
  inviterLabel,
  pendingState,
} from "./invitation-sql";

export interface TSpaceInvitationView {
  id: string;
  email: string;
  role: TSpaceRole;
  state: "pending" | "expired";
  /** Who invited (null once that user is deleted). */
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * The space's open and expired invitations, newest first, keyset-paginated on (created_at, id)
 * along the space_invitation_space_idx index. Answered ones (accepted, declined, revoked) live on
 * in the activity log. Owners only: the list is made of e-mail addresses.
 */
export async function findSpaceInvitations(
  ctx: TSpaceContext,
  input: TPageInput,
): Promise<TPage<TSpaceInvitationView>> {
  const plan = planKeysetPage(INVITATIONS_NEWEST_FIRST, input);
  const rows = await ctx.db
    .select({
      id: spaceInvitations.id,
      email: spaceInvitations.email,
      role: spaceInvitations.role,
      state: pendingState,
      createdAt: spaceInvitations.createdAt,
      expiresAt: spaceInvitations.expiresAt,
      ...INVITER_COLUMNS,
    })
    .from(spaceInvitations)
    .leftJoin(users, eq(users.id, spaceInvitations.invitedBy))
    .where(
      and(
        eq(spaceInvitations.spaceId, ctx.space.id),
        eq(spaceInvitations.status, "pending"),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, invitationPageKey);
  return {
    ...page,
    items: page.items.map((row) => ({
      id: row.id,
      email: row.email,
      role: row.role,
      state: row.state,
      invitedBy: inviterLabel(row),
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
    })),
  };
}
