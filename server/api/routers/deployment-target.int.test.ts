// Deployment target classes, static targets and claims through the API: what admins and space
// contributors may do, what is refused and why, and what each change records and asks of the
// reconciler. The cluster side is in server/reconciler/deployment-targets-reconcile.int.test.ts.
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import {
  clusterNamespaces,
  clusters,
  deploymentTargetClaims,
  deploymentTargets,
  environments,
} from "@/db/schema";
import { fieldMessagesOf, type TFieldMessages } from "@/lib/validators/field-messages";
import { AppError } from "@/server/services/errors";
import { lastAuditOf } from "@/testing/audit-trail";
import { callerFor, createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { insertTestClass } from "@/testing/deployment-targets";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

/** The messages per field a form would show, from zod or from a service. */
function fieldsOf(error: TRPCError): TFieldMessages | undefined {
  if (error.cause instanceof ZodError) return fieldMessagesOf(error.cause.issues);
  return error.cause instanceof AppError ? error.cause.fieldErrors : undefined;
}

describe.each(testDatabaseKinds())("deployment targets API (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let n = 0;

  async function arrange(reclaimPolicy: "Retain" | "Delete" = "Delete") {
    n += 1;
    const db = database().db;
    const admin = await createTestUser(db, `dta-admin-${n}`, { isAdmin: true });
    const dev = await createTestUser(db, `dta-dev-${n}`);
    const cluster = await insertTestCluster(db, `dta-cluster-${n}`, {
      quotaCeilings: { pods: "20", "requests.cpu": "4" },
    });
    const targetClass = await insertTestClass(db, `dta-class-${n}`, cluster.id, reclaimPolicy);
    const space = await callerFor(db, dev).space.create({ name: `dta-${n}`, displayName: "DT" });
    return {
      db,
      admin: callerFor(db, admin),
      dev: callerFor(db, dev),
      cluster,
      targetClass,
      space,
    };
  }

  it("creates a class within the cluster's quota ceilings and refuses one above them, per field", async () => {
    const { admin, cluster } = await arrange();
    const created = await admin.deploymentTargetClass.create({
      name: `small-${n}`,
      clusterId: cluster.id,
      reclaimPolicy: "Retain",
      quota: { pods: "20", requestsCpu: "1500m" },
    });
    expect(created.parameters.quota).toEqual({ pods: "20", "requests.cpu": "1500m" });
    const refused = await trpcError(
      admin.deploymentTargetClass.create({
        name: `big-${n}`,
        clusterId: cluster.id,
        reclaimPolicy: "Retain",
        quota: { pods: "21", requestsCpu: "5" },
      }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(fieldsOf(refused)).toEqual({
      "quota.pods": [`Pods may be at most 20 on cluster ${cluster.name}.`],
      "quota.requestsCpu": [`CPU requests may be at most 4 on cluster ${cluster.name}.`],
    });
    const taken = await trpcError(
      admin.deploymentTargetClass.create({
        name: `small-${n}`,
        clusterId: cluster.id,
        reclaimPolicy: "Delete",
      }),
    );
    expect(fieldsOf(taken)).toEqual({
      name: [`A deployment target class named "small-${n}" already exists.`],
    });
  });

  it("refuses a class on a cluster where Slipway may not create namespaces", async () => {
    const { admin, db, cluster } = await arrange();
    await db
      .update(clusters)
      .set({ namespaces: ["only-this"] })
      .where(eq(clusters.id, cluster.id));
    const refused = await trpcError(
      admin.deploymentTargetClass.create({
        name: `limited-${n}`,
        clusterId: cluster.id,
        reclaimPolicy: "Delete",
      }),
    );
    expect(fieldsOf(refused)?.clusterId?.[0]).toMatch(/may not create namespaces/);
  });

  it("refuses a class on a cluster being deleted, and offers only clusters still in service", async () => {
    const { admin, db } = await arrange();
    const leaving = await insertTestCluster(db, `leaving-${n}`, {
      deletionRequestedAt: new Date(),
    });
    const refused = await trpcError(
      admin.deploymentTargetClass.create({
        name: `on-leaving-${n}`,
        clusterId: leaving.id,
        reclaimPolicy: "Delete",
      }),
    );
    expect(fieldsOf(refused)?.clusterId).toEqual([
      `Cluster "leaving-${n}" is being deleted; choose another.`,
    ]);
    const offered = (await admin.cluster.choices()).map((c) => c.id);
    expect(offered).not.toContain(leaving.id);
  });

  it("refuses to delete a class while a claim or target uses it, and deletes it after", async () => {
    const { admin, dev, targetClass, space, db } = await arrange();
    await dev.deploymentTargetClaim.create({
      space: space.name,
      name: "one",
      classId: targetClass.id,
    });
    const refused = await trpcError(
      admin.deploymentTargetClass.delete({ classId: targetClass.id }),
    );
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: `Class "${targetClass.name}" is still used by 1 claim. Delete those first.`,
    });
    await dev.deploymentTargetClaim.delete({ space: space.name, name: "one" });
    await admin.deploymentTargetClass.delete({ classId: targetClass.id });
    expect((await lastAuditOf(db, space.id))?.action).toBe("deployment-target-claim.delete");
  });

  it("registers a static target with its namespace ownership, and refuses a namespace already owned", async () => {
    const { admin, targetClass, db, cluster } = await arrange();
    const target = await admin.deploymentTarget.register({
      classId: targetClass.id,
      name: `static-${n}`,
      namespace: `team-${n}`,
    });
    expect(target).toMatchObject({ provisioning: "static", phase: "Pending" });
    const [owner] = await db
      .select()
      .from(clusterNamespaces)
      .where(eq(clusterNamespaces.namespace, `team-${n}`));
    expect(owner).toMatchObject({ clusterId: cluster.id, ownerKey: `target/${target.id}` });
    const refused = await trpcError(
      admin.deploymentTarget.register({
        classId: targetClass.id,
        name: `other-${n}`,
        namespace: `team-${n}`,
      }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(fieldsOf(refused)?.namespace?.[0]).toMatch(/already belongs/);
    const reserved = await trpcError(
      admin.deploymentTarget.register({
        classId: targetClass.id,
        name: `k-${n}`,
        namespace: "kube-system",
      }),
    );
    expect(fieldsOf(reserved)?.namespace).toEqual([
      "This namespace belongs to the cluster itself; choose another.",
    ]);
  });

  it("lets contributors claim, lists claims newest first, and refuses a duplicate name on its field", async () => {
    const { dev, targetClass, space, db } = await arrange();
    for (const name of ["first", "second", "third"]) {
      await dev.deploymentTargetClaim.create({ space: space.name, name, classId: targetClass.id });
    }
    const page = await dev.deploymentTargetClaim.list({ space: space.name, limit: 2 });
    expect(page.items.map((c) => c.name)).toEqual(["third", "second"]);
    const rest = await dev.deploymentTargetClaim.list({ space: space.name, cursor: page.next! });
    expect(rest.items.map((c) => c.name)).toEqual(["first"]);
    expect(rest.items[0]).toMatchObject({
      phase: "Pending",
      target: null,
      class: { name: targetClass.name },
    });
    const taken = await trpcError(
      dev.deploymentTargetClaim.create({
        space: space.name,
        name: "first",
        classId: targetClass.id,
      }),
    );
    expect(fieldsOf(taken)).toEqual({
      name: ['This space already has a claim named "first".'],
    });
    expect(await lastAuditOf(db, space.id)).toMatchObject({
      action: "deployment-target-claim.create",
      targetId: "third",
    });
  });

  it("refuses to delete a claim an environment uses", async () => {
    const { dev, targetClass, space, db } = await arrange();
    const claim = await dev.deploymentTargetClaim.create({
      space: space.name,
      name: "used",
      classId: targetClass.id,
    });
    await db.insert(environments).values({
      spaceId: space.id,
      name: "prod",
      displayName: "Prod",
      type: "run",
      claimId: claim.id,
    });
    const refused = await trpcError(
      dev.deploymentTargetClaim.delete({ space: space.name, name: "used" }),
    );
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: 'Claim "used" is used by environment "prod". Delete that environment first.',
    });
  });

  it("releases a bound target on claim deletion under Retain, and deletes it under Delete", async () => {
    for (const policy of ["Retain", "Delete"] as const) {
      const { dev, targetClass, space, db, cluster } = await arrange(policy);
      const [target] = await db
        .insert(deploymentTargets)
        .values({
          name: `bound-${n}`,
          classId: targetClass.id,
          clusterId: cluster.id,
          namespace: `bound-${n}`,
          provisioning: "dynamic",
          phase: "Bound",
        })
        .returning();
      await db.insert(deploymentTargetClaims).values({
        spaceId: space.id,
        name: "held",
        classId: targetClass.id,
        targetId: target!.id,
        phase: "Bound",
      });
      await dev.deploymentTargetClaim.delete({ space: space.name, name: "held" });
      const [after] = await db
        .select()
        .from(deploymentTargets)
        .where(eq(deploymentTargets.id, target!.id));
      if (policy === "Retain") {
        expect(after).toMatchObject({ phase: "Released", deletionRequestedAt: null });
      } else {
        expect(after?.deletionRequestedAt).toBeInstanceOf(Date);
        expect(after?.generation).toBe(2);
      }
      expect((await lastAuditOf(db, space.id))?.after).toEqual({
        target: `bound-${n}`,
        reclaim: policy === "Retain" ? "release" : "delete",
      });
    }
  });

  it("offers only a Released target again, and records it", async () => {
    const { admin, targetClass, db, cluster } = await arrange();
    const [released, bound] = await db
      .insert(deploymentTargets)
      .values(
        (["Released", "Bound"] as const).map((phase) => ({
          name: `${phase.toLowerCase()}-${n}`,
          classId: targetClass.id,
          clusterId: cluster.id,
          namespace: `${phase.toLowerCase()}-${n}`,
          provisioning: "dynamic" as const,
          phase,
        })),
      )
      .returning();
    await admin.deploymentTarget.makeAvailable({ targetId: released!.id });
    const [after] = await db
      .select()
      .from(deploymentTargets)
      .where(eq(deploymentTargets.id, released!.id));
    expect(after?.phase).toBe("Available");
    const refused = await trpcError(admin.deploymentTarget.makeAvailable({ targetId: bound!.id }));
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: `Target "bound-${n}" is Bound; only a Released target can be offered again.`,
    });
  });

  it("refuses an admin deleting a target a claim holds", async () => {
    const { admin, targetClass, space, db, cluster } = await arrange();
    const [target] = await db
      .insert(deploymentTargets)
      .values({
        name: `held-${n}`,
        classId: targetClass.id,
        clusterId: cluster.id,
        namespace: `held-${n}`,
        provisioning: "static",
        phase: "Bound",
      })
      .returning();
    await db.insert(deploymentTargetClaims).values({
      spaceId: space.id,
      name: "holder",
      classId: targetClass.id,
      targetId: target!.id,
      phase: "Bound",
    });
    const refused = await trpcError(admin.deploymentTarget.delete({ targetId: target!.id }));
    expect(refused.message).toBe(
      `Target "held-${n}" is bound to claim "holder" of space ${space.name}. It can be deleted once that claim is.`,
    );
    const listed = await admin.deploymentTarget.list({});
    expect(listed.items.find((t) => t.id === target!.id)?.claim).toEqual({
      name: "holder",
      space: space.name,
    });
  });
});
