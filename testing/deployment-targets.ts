// Rows for deployment target tests: a cluster (inserted directly: registering one through the UI
// is the cluster services' job), a class on it, a static target and a claim bound to it.
import type { Db } from "../db/client";
import {
  clusters,
  deploymentTargetClaims,
  deploymentTargetClasses,
  deploymentTargets,
} from "../db/schema";

/** The same signature as testing/environments.ts's (environments branch), which can replace it. */
export async function insertTestCluster(
  db: Db,
  name: string,
  values: Partial<typeof clusters.$inferInsert> = {},
) {
  const [row] = await db
    .insert(clusters)
    .values({
      name,
      apiUrl: `https://${name}.example.test:6443`,
      authKind: "token",
      // Never opened here: tests that reach a cluster hand the reconciler a connection themselves.
      credentials: "not-sealed-test-credentials",
      credentialsKeyId: "test",
      ...values,
    })
    .returning();
  if (!row) throw new Error("cluster insert returned nothing");
  return row;
}

export async function insertTestClass(
  db: Db,
  name: string,
  clusterId: string,
  reclaimPolicy: "Retain" | "Delete" = "Delete",
) {
  const [row] = await db
    .insert(deploymentTargetClasses)
    .values({ name, clusterId, reclaimPolicy })
    .returning();
  if (!row) throw new Error("class insert returned nothing");
  return row;
}

export interface TTargetFixture {
  clusterId: string;
  /** A class with a bound target and a claim. */
  classId: string;
  /** A class nothing uses (the one to delete). */
  unusedClassId: string;
  /** An Available static target no claim holds (the one to delete). */
  freeTargetId: string;
  /** A Released target (the one to offer again). */
  releasedTargetId: string;
  /** A claim in the space, bound to a static target. */
  claim: string;
}

/**
 * A cluster, two classes, a free target and a bound claim in the space (not the one a test
 * deletes: a space with claims is not deleted); `n` keeps names unique.
 */
export async function arrangeTargets(db: Db, spaceId: string, n: number): Promise<TTargetFixture> {
  const cluster = await insertTestCluster(db, `target-cluster-${n}`);
  const used = await insertTestClass(db, `class-${n}`, cluster.id);
  const unused = await insertTestClass(db, `unused-class-${n}`, cluster.id);
  const phases = { free: "Available", bound: "Bound", released: "Released" } as const;
  const [free, bound, released] = await db
    .insert(deploymentTargets)
    .values(
      (["free", "bound", "released"] as const).map((kind) => ({
        name: `${kind}-target-${n}`,
        classId: used.id,
        clusterId: cluster.id,
        namespace: `${kind}-ns-${n}`,
        provisioning: "static" as const,
        phase: phases[kind],
      })),
    )
    .returning();
  if (!free || !bound || !released) throw new Error("target insert returned nothing");
  await db.insert(deploymentTargetClaims).values({
    spaceId,
    name: `claim-${n}`,
    classId: used.id,
    targetId: bound.id,
    phase: "Bound",
  });
  return {
    clusterId: cluster.id,
    classId: used.id,
    unusedClassId: unused.id,
    freeTargetId: free.id,
    releasedTargetId: released.id,
    claim: `claim-${n}`,
  };
}
