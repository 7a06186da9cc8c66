// The bed for tests that deploy through Argo CD: the project's test API server with Argo CD's real
// CRDs (every Application is validated against them) and an "argocd" namespace, registered as a
// cluster that runs Argo CD there; a space with members, each with a caller; and a running
// reconciler. Argo CD itself does not run: tests play its controller with reportArgoStatus.
import type { DatabaseHandle } from "../db/client";
import type { TSpaceRole } from "../lib/validators/space";
import { startReconciler } from "../server/reconciler/manager";
import { ARGO, patchAsArgoCd, startArgoCdCluster } from "./argo-cd";
import { callerFor, testLogger } from "./callers";
import { createSpaceWith } from "./reconciler-fixtures";

export const ARGO_API_VERSION = ARGO;

export async function startArgoTestBed(
  handle: DatabaseHandle,
  space: string,
  members: Record<string, TSpaceRole>,
  cluster: Parameters<typeof startArgoCdCluster>[1] = {},
) {
  const db = handle.db;
  const { server, objects, clusterId } = await startArgoCdCluster(db, cluster);
  const created = await createSpaceWith(db, space, members);
  const callers = Object.fromEntries(
    Object.entries(created.members).map(([name, member]) => [
      name,
      callerFor(db, { id: member.id, label: name, isAdmin: false }),
    ]),
  );
  const reconciler = await startReconciler({
    handle,
    workers: 4,
    holder: "test-worker",
    log: testLogger,
    backoff: { baseMs: 50, capMs: 1000 },
  });
  return {
    server,
    objects,
    clusterId,
    spaceId: created.space.id,
    /** The members' user ids and verified e-mail addresses (their names on an OIDC cluster). */
    members: created.members,
    callers,
    reconciler,
    /** Plays Argo CD's controller: writes the Application's status as it would. */
    reportArgoStatus: (name: string, status: Record<string, unknown>) =>
      patchAsArgoCd(objects, name, { status }),
    async stop() {
      await reconciler.stop();
      await server.stop();
    },
  };
}

export type TArgoTestBed = Awaited<ReturnType<typeof startArgoTestBed>>;
