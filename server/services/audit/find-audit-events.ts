import { count, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { pageOffset, toPage, type TPage, type TPageInput } from "@/lib/validators/pagination";

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

/** Newest first. Authorization is the caller's: this only filters by space. */
export async function findAuditEvents(
  db: Db,
  spaceId: string,
  input: TPageInput,
): Promise<TPage<TAuditEventView>> {
  const where = eq(auditEvents.spaceId, spaceId);
  const [items, [totals]] = await Promise.all([
    db
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        actorLabel: auditEvents.actorLabel,
        action: auditEvents.action,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
        before: auditEvents.before,
        after: auditEvents.after,
      })
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(input.pageSize)
      .offset(pageOffset(input)),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return toPage(items, Number(totals?.total ?? 0), input);
}
