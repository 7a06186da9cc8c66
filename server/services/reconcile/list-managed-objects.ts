// The objects the reconciler applied for one owner, with what the cluster last said of each (Secret
// values already redacted when recorded), as the owner's page lists them. An owner has few: its
// namespace's objects, or one Secret per repository credential or per spoke cluster.
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { managedObjects } from "@/db/schema";

export function listManagedObjects(db: Db, ownerKey: string) {
  return db
    .select()
    .from(managedObjects)
    .where(eq(managedObjects.ownerKey, ownerKey))
    .orderBy(asc(managedObjects.kind), asc(managedObjects.namespace), asc(managedObjects.name));
}

export type TManagedObjectRow = Awaited<ReturnType<typeof listManagedObjects>>[number];
