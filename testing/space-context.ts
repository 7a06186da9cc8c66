// Builds the context spaceProcedure hands a service, so a test can hold it across another change
// (the "resolved the space, then someone else acted" races) and call the service directly.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import type { TActor, TSpaceContext } from "../server/services/context";
import { getSpaceAccess } from "../server/services/spaces/get-space-access";
import { testLogger } from "./callers";

export async function spaceContextFor(
  db: Db,
  actor: TActor,
  space: string,
): Promise<TSpaceContext> {
  const access = await getSpaceAccess({ db, actor }, { space });
  if (!access) throw new Error(`${actor.label} has no access to ${space}`);
  const requestId = randomUUID();
  return { db, actor, requestId, log: testLogger.child({ requestId }), ...access };
}
