// Seeds what the UI would have made: the bench cluster registered with its credentials, three
// members with verified e-mails, spaces, and the environments with their cluster_namespace rows —
// in batches of multi-row inserts, so seeding 1,000 environments takes well under a second.
import type { Db } from "../../db/client";
import {
  clusterNamespaces,
  clusters,
  environments,
  spaceMembers,
  spaces,
  users,
} from "../../db/schema";
import type { TClusterConnection } from "../../server/k8s/connection";
import { sealCredentials } from "../../server/services/clusters/cluster-credentials";
import { reconcileKey } from "../../server/services/reconcile/request-reconcile";
import { BENCH_MEMBERS, type TEnvironmentSpec } from "./environment-specs";

const BATCH = 500;

function batches<T>(rows: T[]): T[][] {
  return Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) =>
    rows.slice(i * BATCH, (i + 1) * BATCH),
  );
}

export interface TSeededEnvironment {
  id: string;
  namespace: string;
}

export async function seedEnvironments(
  db: Db,
  connection: TClusterConnection,
  emulated: boolean,
  specs: TEnvironmentSpec[],
): Promise<{ clusterId: string; environments: TSeededEnvironment[] }> {
  return db.transaction(async (tx) => {
    const [cluster] = await tx
      .insert(clusters)
      .values({
        name: "bench",
        apiUrl: connection.apiUrl,
        // Sealed as cluster registration seals them (AES-256-GCM, the process's keyring).
        ...sealCredentials(connection.credentials),
        insecureSkipTlsVerify: connection.insecureSkipTlsVerify,
        emulated,
      })
      .returning({ id: clusters.id });
    if (!cluster) throw new Error("the cluster row was not inserted");
    await tx.insert(users).values(
      BENCH_MEMBERS.map((m) => ({
        id: m.id,
        email: m.email,
        name: m.id,
        emailVerified: new Date(),
      })),
    );
    const spaceNames = [...new Set(specs.map((s) => s.spaceName))];
    const spaceRows = await tx
      .insert(spaces)
      .values(spaceNames.map((name) => ({ name, displayName: name })))
      .returning({ id: spaces.id, name: spaces.name });
    const spaceIds = new Map(spaceRows.map((s) => [s.name, s.id]));
    await tx
      .insert(spaceMembers)
      .values(
        spaceRows.flatMap((s) =>
          BENCH_MEMBERS.map((m) => ({ spaceId: s.id, userId: m.id, role: m.role })),
        ),
      );
    const seeded: TSeededEnvironment[] = [];
    for (const batch of batches(specs)) {
      const rows = await tx
        .insert(environments)
        .values(
          batch.map((spec) => ({
            spaceId: spaceIds.get(spec.spaceName) ?? "",
            name: spec.name,
            displayName: spec.name,
            type: spec.type,
            clusterId: cluster.id,
            namespace: spec.namespace,
            quota: spec.quota,
            containerLimits: spec.containerLimits,
            variables: spec.variables,
            tags: spec.tags,
          })),
        )
        .returning({ id: environments.id, namespace: environments.namespace });
      await tx.insert(clusterNamespaces).values(
        rows.map((row) => ({
          clusterId: cluster.id,
          namespace: row.namespace ?? "",
          ownerKey: reconcileKey("environment", row.id),
        })),
      );
      seeded.push(...rows.map((row) => ({ id: row.id, namespace: row.namespace ?? "" })));
    }
    return { clusterId: cluster.id, environments: seeded };
  });
}
