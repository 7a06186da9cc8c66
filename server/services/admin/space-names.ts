// Names of spaces as the audit trail knows them. Audit events keep a space's id but not its name
// (space_id is not a foreign key, so a deleted space's events stay); a live space's name is in
// `space`, and a deleted one's in its `space.delete` event (target_id is the name).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows-of";
import { auditEvents, spaces } from "@/db/schema";

export interface TAuditSpace {
  name: string;
  deleted: boolean;
}

/**
 * Every space id that has carried `name`: the live space, and deleted ones (a name can be reused
 * after its space is deleted). The deleted ones come from the `(action, id)` index, so this costs
 * one probe per space deletion ever recorded, not per event.
 */
export async function spaceIdsNamed(db: Db, name: string): Promise<string[]> {
  const [live, deleted] = await Promise.all([
    db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, name)),
    db
      .selectDistinct({ id: auditEvents.spaceId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "space.delete"), eq(auditEvents.targetId, name))),
  ]);
  const ids = [...live.map((row) => row.id), ...deleted.map((row) => row.id)];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/**
 * The names of the given spaces, live or deleted, in two queries whatever their number: live ones
 * from `space`, the rest from each one's newest `space.delete` event (one index probe per space).
 */
export async function spaceNamesOf(db: Db, ids: string[]): Promise<Map<string, TAuditSpace>> {
  const names = new Map<string, TAuditSpace>();
  if (ids.length === 0) return names;
  const live = await db
    .select({ id: spaces.id, name: spaces.name })
    .from(spaces)
    .where(inArray(spaces.id, ids));
  for (const row of live) names.set(row.id, { name: row.name, deleted: false });
  const gone = ids.filter((id) => !names.has(id));
  if (gone.length === 0) return names;
  const result = await db.execute(sql`
    select s.id as "id", e.target_id as "name"
    from unnest(${sql`array[${sql.join(
      gone.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[]`}) as s(id)
    cross join lateral (
      select target_id from ${auditEvents}
      where space_id = s.id and action = 'space.delete'
      order by id desc limit 1
    ) e`);
  for (const row of rowsOf<{ id: string; name: string }>(result)) {
    names.set(row.id, { name: row.name, deleted: true });
  }
  return names;
}
