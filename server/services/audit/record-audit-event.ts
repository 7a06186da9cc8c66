import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { TActor } from "../context";

export interface TAuditEventInput {
  /** id null for Slipway itself (e.g. admin rights granted by policy at sign-in). */
  actor: Pick<TActor, "label"> & { id: string | null };
  spaceId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

/** Call inside the same transaction as the change it records, so neither exists without the other. */
export async function recordAuditEvent(db: Db, event: TAuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    spaceId: event.spaceId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: event.requestId ?? null,
  });
}
