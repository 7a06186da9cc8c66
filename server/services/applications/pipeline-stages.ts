import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, pipelineEnvironmentMaps } from "@/db/schema";

/** An application's pipeline environment map in pipeline order, with each stage's environment. */
export function loadPipelineStages(db: Db, applicationId: string) {
  return db
    .select({
      stage: pipelineEnvironmentMaps.stage,
      position: pipelineEnvironmentMaps.position,
      environment: {
        id: environments.id,
        name: environments.name,
        displayName: environments.displayName,
        deletionRequestedAt: environments.deletionRequestedAt,
      },
    })
    .from(pipelineEnvironmentMaps)
    .innerJoin(environments, eq(environments.id, pipelineEnvironmentMaps.environmentId))
    .where(eq(pipelineEnvironmentMaps.applicationId, applicationId))
    .orderBy(asc(pipelineEnvironmentMaps.position));
}
