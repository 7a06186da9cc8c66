// The reconcile keys of the bindings a change reaches, for services to wake in their transaction:
// an application's (a component's GitOps source changed or went), or those deploying from a
// repository (its credential was added, rotated or deleted).
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { components, snapshotEnvironmentBindings } from "@/db/schema";
import { reconcileKey, type TReconcileKey } from "../reconcile/request-reconcile";

const b = snapshotEnvironmentBindings;

export async function bindingKeysOfApplication(
  db: Db,
  applicationId: string,
): Promise<TReconcileKey[]> {
  const rows = await db.select({ id: b.id }).from(b).where(eq(b.applicationId, applicationId));
  return rows.map((r) => reconcileKey("binding", r.id));
}

export async function bindingKeysUsingRepository(
  db: Db,
  spaceId: string,
  repository: string,
): Promise<TReconcileKey[]> {
  const rows = await db
    .select({ id: b.id })
    .from(b)
    .where(
      and(
        eq(b.spaceId, spaceId),
        sql`exists (select 1 from ${components} where ${components.applicationId} = ${b.applicationId}
          and ${components.gitopsRepoUrl} = ${repository})`,
      ),
    );
  return rows.map((r) => reconcileKey("binding", r.id));
}
