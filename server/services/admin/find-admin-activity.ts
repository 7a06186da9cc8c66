import { and, eq, inArray, type SQL } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import type { TFindAdminActivity } from "@/lib/validators/admin-activity";
import type { TPage } from "@/lib/validators/pagination";
import { findAuditPage, type TAuditEventView } from "../audit/find-audit-events";
import type { TServiceContext } from "../context";
import { userLabel } from "../users/user-label";
import { spaceIdsNamed, spaceNamesOf, type TAuditSpace } from "./space-names";

export interface TAdminActivityItem extends TAuditEventView {
  /** Null for platform-wide events (e.g. admin rights), and for a space whose name is lost. */
  space: TAuditSpace | null;
}

export interface TAdminActivityPage extends TPage<TAdminActivityItem> {
  /** The actor filter as a person, so the filter form can show who is picked; null if none or unknown. */
  actor: { id: string; label: string } | null;
}

/**
 * The platform-wide audit trail for admins, newest first, filtered by actor, space (live or
 * deleted, by name) and action. Same query as a space's activity (`findAuditPage`); each filter
 * has an (x, id) index, so every page costs the same at any depth. Callers authorize (admins only).
 */
export async function findAdminActivity(
  ctx: TServiceContext,
  input: TFindAdminActivity,
): Promise<TAdminActivityPage> {
  const [spaceIds, actor] = await Promise.all([
    input.space ? spaceIdsNamed(ctx.db, input.space) : null,
    input.actor ? findActor(ctx, input.actor) : null,
  ]);
  const empty = { items: [], next: null, prev: null, actor };
  // A name no space ever had: nothing to show (and nothing to query).
  if (spaceIds?.length === 0) return empty;

  const filters: (SQL | undefined)[] = [
    input.actor ? eq(auditEvents.actorId, input.actor) : undefined,
    input.action ? eq(auditEvents.action, input.action) : undefined,
    spaceIds ? inArray(auditEvents.spaceId, spaceIds) : undefined,
  ];
  const page = await findAuditPage(ctx.db, and(...filters), input);
  const ids = [...new Set(page.items.map((event) => event.spaceId))].filter(
    (id): id is string => id !== null,
  );
  const names = await spaceNamesOf(ctx.db, ids);
  return {
    ...page,
    items: page.items.map(({ spaceId, ...event }) => ({
      ...event,
      space: spaceId ? (names.get(spaceId) ?? null) : null,
    })),
    actor,
  };
}

async function findActor(ctx: TServiceContext, id: string) {
  const [row] = await ctx.db
    .select({ id: users.id, username: users.username, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, id));
  return row ? { id: row.id, label: userLabel(row) } : null;
}
