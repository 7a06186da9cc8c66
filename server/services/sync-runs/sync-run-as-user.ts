// "Sync now" and "Cancel" as the person (issue 9): on a cluster with user sign-in, the service
// writes the Application's operation itself with the person's token, before the run row commits,
// so the cluster's RBAC decides and a refusal leaves nothing behind. It writes exactly what the
// binding's pass would (actOnApplication, same field manager), so the pass that follows sees its
// run handed over and does nothing. Cancel is dry-run as the person instead (see below). Clusters
// without sign-in keep the queued path: the pass writes with the cluster's service credentials.
import { KubernetesObjectApi } from "@kubernetes/client-node";
import { actOnApplication } from "@/server/reconciler/advance-sync-runs";
import type { TPassSyncRun } from "@/server/reconciler/load-binding-for-pass";
import { syncRunStep, type TObservedApplication } from "@/server/reconciler/sync-run-step";
import { asPerson } from "../connections/cluster-forbidden";
import { whoOf, type TPersonAccess } from "../connections/person-checks";

export interface TApplicationPlace {
  argoCdNamespace: string;
  applicationName: string;
  /** The Application as last applied: its apiVersion and kind. */
  manifest: Record<string, unknown>;
}

function applicationOf(place: TApplicationPlace) {
  return {
    apiVersion: place.manifest.apiVersion as string,
    kind: place.manifest.kind as string,
    metadata: { name: place.applicationName, namespace: place.argoCdNamespace },
  };
}

function person(access: TPersonAccess, place: TApplicationPlace, verb: string) {
  return {
    who: whoOf(access),
    request: {
      verb,
      resource: "applications",
      name: place.applicationName,
      namespace: place.argoCdNamespace,
    },
  };
}

/** Sync now: the run's operation, server-side applied as the person. */
export async function writeOperationAsUser(
  access: TPersonAccess,
  place: TApplicationPlace,
  run: Pick<TPassSyncRun, "id" | "revisionId" | "requestedByLabel">,
): Promise<void> {
  const objects = KubernetesObjectApi.makeApiClient(access.kubeConfig);
  const { who, request } = person(access, place, "patch");
  await asPerson(who, request, () => actOnApplication(objects, applicationOf(place), run, "write"));
}

/**
 * Cancel: reads the Application as the person and dry-runs, as them, the step the pass will take
 * for the cancelled run (withdraw an operation Argo CD has not started, or ask it to terminate);
 * the pass then carries it out. Not the real write: a pass that loaded the run before the cancel
 * committed would see the operation gone and write it again, and Argo CD could start it meanwhile.
 * The dry run asks the cluster's RBAC the same question without that race.
 */
export async function cancelOperationAsUser(
  access: TPersonAccess,
  place: TApplicationPlace,
  run: Omit<TPassSyncRun, "componentName">,
): Promise<void> {
  const objects = KubernetesObjectApi.makeApiClient(access.kubeConfig);
  const read = person(access, place, "get");
  const app = await asPerson(read.who, read.request, () => objects.read(applicationOf(place)));
  const now = new Date().toISOString();
  const cancelled = { ...run, componentName: "", cancelRequestedAt: now };
  const { action } = syncRunStep(cancelled, app as TObservedApplication, now);
  if (action === "none") return;
  const { who, request } = person(access, place, "patch");
  await asPerson(who, request, () => actOnApplication(objects, app, run, action, { dryRun: true }));
}
