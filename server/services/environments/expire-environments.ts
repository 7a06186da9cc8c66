import { and, gt, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, reconcileEvents } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { recordAuditEvents, SLIPWAY_ACTOR } from "../audit/record-audit-event";
import { reconcileKey } from "../reconcile/request-reconcile";
import { markEnvironmentsForDeletion } from "./request-deletion";

export const EXPIRY_WARNING_MS = 60 * 60 * 1000;

/** Slipway itself, in audit records of what no person did. */

/**
 * Ephemeral environments: an hour before expiry a Warning event (shown on the environment's page)
 * and expiry_warned_at; at expiry a deletion request, audited as done by Slipway. Each row changes
 * in one UPDATE … WHERE that re-checks its state, so several workers calling this on their resync
 * ticks warn and expire each environment once. `now` is explicit so tests need no clock.
 */
export async function expireEnvironments(
  db: Db,
  now: Date,
): Promise<{ warned: string[]; expired: string[] }> {
  return db.transaction(async (tx) => {
    const warned = await tx
      .update(environments)
      .set({ expiryWarnedAt: now })
      .where(
        and(
          isNotNull(environments.expiresAt),
          isNull(environments.expiryWarnedAt),
          isNull(environments.deletionRequestedAt),
          gt(environments.expiresAt, now),
          lte(environments.expiresAt, new Date(now.getTime() + EXPIRY_WARNING_MS)),
        ),
      )
      .returning({ id: environments.id, expiresAt: environments.expiresAt });
    if (warned.length > 0) {
      await tx.insert(reconcileEvents).values(
        warned.map((row) => ({
          ownerKey: reconcileKey("environment", row.id),
          at: now,
          type: "Warning" as const,
          reason: "ExpiringSoon",
          message: `This environment expires at ${formatDateTime(row.expiresAt!)} and will then be deleted. Extend it to keep it.`,
        })),
      );
    }

    const due = await tx
      .select({ id: environments.id })
      .from(environments)
      .where(
        and(
          isNotNull(environments.expiresAt),
          isNull(environments.deletionRequestedAt),
          lte(environments.expiresAt, now),
        ),
      )
      .for("update", { skipLocked: true });
    const expired = await markEnvironmentsForDeletion(
      tx,
      due.map((row) => row.id),
      now,
    );
    if (expired.length > 0) {
      const rows = await tx
        .select({
          spaceId: environments.spaceId,
          name: environments.name,
          expiresAt: environments.expiresAt,
        })
        .from(environments)
        .where(inArray(environments.id, expired));
      await recordAuditEvents(
        { db: tx, actor: SLIPWAY_ACTOR },
        rows.map((row) => ({
          spaceId: row.spaceId,
          action: "environment.expire" as const,
          targetType: "environment",
          targetId: row.name,
          before: { expiresAt: row.expiresAt?.toISOString() ?? null },
        })),
      );
    }
    return { warned: warned.map((row) => row.id), expired };
  });
}
