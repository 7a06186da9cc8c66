// stand-in until environments lands (server/services/environments/expire-environments.ts): asks
// for the deletion of expired environments; the real one also warns an hour before.
import { and, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments } from "@/db/schema";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";

export async function expireEnvironments(db: Db, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const expired = await tx
      .update(environments)
      .set({ deletionRequestedAt: now })
      .where(
        and(
          isNotNull(environments.expiresAt),
          lte(environments.expiresAt, now),
          isNull(environments.deletionRequestedAt),
        ),
      )
      .returning({ id: environments.id });
    await requestReconcile(
      tx,
      expired.map((e) => reconcileKey("environment", e.id)),
    );
  });
}
