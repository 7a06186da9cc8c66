import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";

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

/** A space's activity, newest first, keyset-paginated on id within the space's (space_id, id) index. */
export async function findAuditEvents(
  ctx: TSpaceContext,
  input: TPageInput,
): Promise<TPage<TAuditEventView>> {
  const plan = planKeysetPage(NEWEST_FIRST, input);
  const rows = await ctx.db
    .select(AUDIT_VIEW_COLUMNS)
    .from(auditEvents)
    .where(and(eq(auditEvents.spaceId, ctx.space.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.id]);
}
