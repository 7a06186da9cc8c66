import { and, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { maskEmailsDeep, maskEmailsIn } from "@/lib/mask-email";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceContext } from "../context";
import { planKeysetPage, type TKeysetPlan } from "../keyset";

export interface TAuditEventView {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

export const NEWEST_FIRST = {
  columns: [auditEvents.id],
  direction: "desc",
  keySchema: z.tuple([z.number().int()]),
} as const;

export const AUDIT_VIEW_COLUMNS = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorLabel: auditEvents.actorLabel,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  before: auditEvents.before,
  after: auditEvents.after,
};

/**
 * The activity log as someone who is not an owner may read it: every e-mail address in the actor
 * label, the target and the before/after values masked (actor labels fall back to an address when
 * a user has neither username nor name; invitations are addressed by e-mail).
 */
export function maskAuditEvent(event: TAuditEventView): TAuditEventView {
  return {
    ...event,
    actorLabel: maskEmailsIn(event.actorLabel),
    targetId: maskEmailsIn(event.targetId),
    before: maskEmailsDeep(event.before),
    after: maskEmailsDeep(event.after),
  };
}

/**
 * A space's activity, newest first, keyset-paginated on id within the space's (space_id, id)
 * index. Only owners (and admins) read e-mail addresses in it; everyone else gets them masked.
 */
export async function findAuditEvents(
  ctx: TSpaceContext,
  input: TPageInput,
): Promise<TPage<TAuditEventView> & { emailsMasked: boolean }> {
  const page = await findAuditPage(ctx.db, eq(auditEvents.spaceId, ctx.space.id), input);
  if (ctx.role === "owner") return { ...page, emailsMasked: false };
  return { ...page, items: page.items.map(maskAuditEvent), emailsMasked: true };
}

/**
 * One page of the events matching `filter`, newest first: the query both the space's and the
 * admin's activity lists run. Each filter column has an (x, id) index, so a page reads its rows
 * from the index in order and stops, at any depth.
 */
export async function findAuditPage(
  db: Db,
  filter: SQL | undefined,
  input: TPageInput,
): Promise<TPage<TAuditEventView & { spaceId: string | null }>> {
  const plan = planKeysetPage(NEWEST_FIRST, input);
  const rows = await auditPageQuery(db, filter, plan);
  return plan.finish(rows, (row) => [row.id]);
}

/** The page's query itself, unexecuted, so a test can EXPLAIN exactly what the lists run. */
export function auditPageQuery(db: Db, filter: SQL | undefined, plan: TKeysetPlan) {
  return db
    .select({ ...AUDIT_VIEW_COLUMNS, spaceId: auditEvents.spaceId })
    .from(auditEvents)
    .where(and(filter, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}
