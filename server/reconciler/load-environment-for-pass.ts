// Everything an environment's pass reads, in one statement: the row, its space's name, the members
// to bind, the objects it recorded last time and its cluster's connection columns. A pass per
// environment is the unit of work, so its reads are one round trip rather than five.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters, environments, spaceMembers, spaces, users } from "@/db/schema";
import { ownerKey } from "@/server/k8s/labels";
import type { TMemberRole } from "@/server/k8s/manifests/environment-objects";
import { connectionColumns } from "@/server/services/clusters/load-cluster-connection";
import { managedObjectStates } from "./managed-objects";

/**
 * Members with a verified e-mail, the name a cluster knows them by (see the manifest builder), in
 * a stable order so the bindings' subjects do not reorder between passes. Slipway stores
 * users.email only when the provider verified it (server/auth/profile.ts); Auth.js's own
 * emailVerified column is never set by OpenID or GitHub sign-in, so it is not consulted.
 */
export const boundMembers = sql<{ email: string; role: TMemberRole }[]>`coalesce((
  select json_agg(json_build_object('email', ${users.email}, 'role', ${spaceMembers.role})
                  order by ${users.email})
  from ${spaceMembers} inner join ${users} on ${users.id} = ${spaceMembers.userId}
  where ${spaceMembers.spaceId} = ${environments.spaceId} and ${users.email} is not null), '[]'::json)`;

/**
 * The statement is built and prepared once per database: drizzle rebuilding this select's SQL
 * took about a third of a millisecond of CPU per pass (and Postgres parsed and planned it again).
 */
function prepareLoad(db: Db) {
  return db
    .select({
      env: environments,
      spaceName: spaces.name,
      members: boundMembers,
      managed: managedObjectStates(sql.placeholder("ownerKey")),
      cluster: connectionColumns,
    })
    .from(environments)
    .innerJoin(spaces, eq(spaces.id, environments.spaceId))
    .leftJoin(clusters, eq(clusters.id, environments.clusterId))
    .where(eq(environments.id, sql.placeholder("id")))
    .prepare("load_environment_for_pass");
}

const preparedLoads = new WeakMap<Db, ReturnType<typeof prepareLoad>>();

export async function loadEnvironmentForPass(db: Db, id: string) {
  let load = preparedLoads.get(db);
  if (!load) preparedLoads.set(db, (load = prepareLoad(db)));
  const [found] = await load.execute({ id, ownerKey: ownerKey({ kind: "environment", id }) });
  return found;
}
