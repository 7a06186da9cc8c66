import { and, count, eq, sql } from "drizzle-orm";
import { spaceInvitations, spaces, users } from "@/db/schema";
import { maskEmailsIn } from "@/lib/mask-email";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceRole } from "@/lib/validators/space";
import type { TServiceContext } from "../context";
import { planKeysetPage } from "../keyset";
import {
  INVITATIONS_NEWEST_FIRST,
  invitationPageKey,
  INVITER_COLUMNS,
  inviterLabel,
  isOpen,
} from "./invitation-sql";
import { myInvitationEmail } from "./my-email";

export interface TMyInvitationView {
  id: string;
  space: { name: string; displayName: string };
  role: TSpaceRole;
  /** Who invited; their e-mail address, if that is all there is, is masked. */
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** An invitee is not an owner: an inviter known only by e-mail address is shown masked. */
const maskInviter = (label: string | null) => (label === null ? null : maskEmailsIn(label));

/**
 * The invitations the signed-in person can still accept: open ones to their address, newest first,
 * along the partial index on pending invitations' e-mail. Expired ones are left out: only an owner
 * can renew them.
 */
export async function findMyInvitations(
  ctx: TServiceContext,
  input: TPageInput,
): Promise<TPage<TMyInvitationView>> {
  const plan = planKeysetPage(INVITATIONS_NEWEST_FIRST, input);
  const email = await myInvitationEmail(ctx.db, ctx.actor.id);
  if (!email) return plan.finish([], () => []);
  const rows = await ctx.db
    .select({
      id: spaceInvitations.id,
      spaceName: spaces.name,
      spaceDisplayName: spaces.displayName,
      role: spaceInvitations.role,
      createdAt: spaceInvitations.createdAt,
      expiresAt: spaceInvitations.expiresAt,
      ...INVITER_COLUMNS,
    })
    .from(spaceInvitations)
    .innerJoin(spaces, eq(spaces.id, spaceInvitations.spaceId))
    .leftJoin(users, eq(users.id, spaceInvitations.invitedBy))
    .where(and(eq(spaceInvitations.email, email), isOpen, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, invitationPageKey);
  return {
    ...page,
    items: page.items.map((row) => ({
      id: row.id,
      space: { name: row.spaceName, displayName: row.spaceDisplayName },
      role: row.role,
      invitedBy: maskInviter(inviterLabel(row)),
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
    })),
  };
}

/**
 * How many invitations the signed-in person can accept, for the banner in the portal shell. It
 * runs on every portal page, so it is one query: the user row by primary key, then the partial
 * index on pending invitations' e-mail.
 */
export async function countMyInvitations(ctx: TServiceContext): Promise<{ count: number }> {
  const [row] = await ctx.db
    .select({ total: count() })
    .from(users)
    .innerJoin(spaceInvitations, eq(spaceInvitations.email, sql`lower(${users.email})`))
    .where(and(eq(users.id, ctx.actor.id), isOpen));
  return { count: Number(row?.total ?? 0) };
}
