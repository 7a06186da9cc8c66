// The bed for tests that deploy through Argo CD: the project's test API server with Argo CD's real
// CRDs (every Application is validated against them) and an "argocd" namespace, registered as a
// cluster that runs Argo CD there; a space with members, each with a caller; and a running
// reconciler. Argo CD itself does not run: tests play its controller with reportArgoStatus.
import { PatchStrategy } from "@kubernetes/client-node";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { clusters } from "../db/schema";
import { BUNDLED_CRDS_DIR } from "../k8s-test-server/index";
import type { TSpaceRole } from "../lib/validators/space";
import { startReconciler } from "../server/reconciler/manager";
import { callerFor, testLogger } from "./callers";
import {
  clusterObjects,
  createSpaceWith,
  registerTestCluster,
  startKubeTestServer,
} from "./reconciler-fixtures";

export const ARGO_API_VERSION = "argoproj.io/v1alpha1";

export async function startArgoTestBed(
  handle: DatabaseHandle,
  space: string,
  members: Record<string, TSpaceRole>,
) {
  const server = await startKubeTestServer({ manifestDirs: [BUNDLED_CRDS_DIR] });
  const objects = clusterObjects(server);
  await objects.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "argocd" } });
  const db = handle.db;
  const cluster = await registerTestCluster(db, server);
  await db.update(clusters).set({ argoCdNamespace: "argocd" }).where(eq(clusters.id, cluster.id));
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
    clusterId: cluster.id,
    spaceId: created.space.id,
    callers,
    reconciler,
    /** Plays Argo CD's controller: writes the Application's status as it would. */
    reportArgoStatus: (name: string, status: Record<string, unknown>) =>
      objects.api.patch(
        {
          apiVersion: ARGO_API_VERSION,
          kind: "Application",
          metadata: { name, namespace: "argocd" },
          status,
        },
        undefined,
        undefined,
        "argocd-application-controller",
        undefined,
        PatchStrategy.MergePatch,
      ),
    async stop() {
      await reconciler.stop();
      await server.stop();
    },
  };
}

export type TArgoTestBed = Awaited<ReturnType<typeof startArgoTestBed>>;
