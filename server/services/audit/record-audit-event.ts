import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { TAuditAction } from "@/lib/audit-actions";

export interface TAuditEventInput {
  spaceId: string | null;
  /** One of lib/audit-actions.ts, so every recorded action has a label and a filter entry. */
  action: TAuditAction;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Who is recorded: a user, or Slipway itself (id null, e.g. admin rights granted by policy). */
export interface TAuditContext {
  db: Db;
  actor: { id: string | null; label: string };
  requestId?: string;
}

/** Slipway itself as the actor: a change no person asked for (policy, expiry, `npm run dev`). */
export const SLIPWAY_ACTOR: TAuditContext["actor"] = { id: null, label: "Slipway" };

/** Call inside the same transaction as the change it records, so neither exists without the other. */
export async function recordAuditEvent(ctx: TAuditContext, event: TAuditEventInput): Promise<void> {
  await recordAuditEvents(ctx, [event]);
}

/** Several events from one set-based change, in one INSERT. */
export async function recordAuditEvents(
  ctx: TAuditContext,
  events: readonly TAuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await ctx.db.insert(auditEvents).values(
    events.map((event) => ({
      actorId: ctx.actor.id,
      actorLabel: ctx.actor.label,
      spaceId: event.spaceId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: event.before ?? null,
      after: event.after ?? null,
      requestId: ctx.requestId ?? null,
    })),
  );
}
