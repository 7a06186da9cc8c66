import { count, eq } from "drizzle-orm";
import {
  clusters,
  deploymentTargetClaims,
  deploymentTargetClasses,
  deploymentTargets,
} from "@/db/schema";
import type { Db } from "@/db/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { AppError } from "../errors";
import { lockTargetClass } from "./lock-target-class";
import { targetClassAuditView } from "./target-class-audit-view";

async function usage(db: Db, classId: string) {
  const [[targets], [claims]] = await Promise.all([
    db.select({ n: count() }).from(deploymentTargets).where(eq(deploymentTargets.classId, classId)),
    db
      .select({ n: count() })
      .from(deploymentTargetClaims)
      .where(eq(deploymentTargetClaims.classId, classId)),
  ]);
  return { targets: targets?.n ?? 0, claims: claims?.n ?? 0 };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Deletes a class nothing uses: targets (even ones being deleted) and claims keep it. */
export async function deleteTargetClass(ctx: TServiceContext, input: { classId: string }) {
  await ctx.db.transaction(async (tx) => {
    // Under the class lock: a claim or target made meanwhile waits, then fails on the foreign key.
    const row = await lockTargetClass(tx, input.classId);
    const used = await usage(tx, row.id);
    if (used.targets > 0 || used.claims > 0) {
      const parts = [
        used.targets > 0 ? plural(used.targets, "target") : null,
        used.claims > 0 ? plural(used.claims, "claim") : null,
      ].filter(Boolean);
      throw new AppError(
        "CONFLICT",
        `Class "${row.name}" is still used by ${parts.join(" and ")}. Delete those first.`,
      );
    }
    const [cluster] = await tx
      .select({ name: clusters.name })
      .from(clusters)
      .where(eq(clusters.id, row.clusterId));
    await tx.delete(deploymentTargetClasses).where(eq(deploymentTargetClasses.id, row.id));
    await recordAuditEvent(inTransaction(ctx, tx), {
      spaceId: null,
      action: "deployment-target-class.delete",
      targetType: "deployment-target-class",
      targetId: row.name,
      before: targetClassAuditView(row, cluster?.name ?? ""),
    });
  });
}
