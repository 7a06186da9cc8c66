// Everything a binding's pass reads, in one statement: the binding, its space, application and
// environment names, the environment's placement and strategy, its cluster and, when another
// cluster's Argo CD deploys there, that hub (connection columns and Argo CD namespace), the
// application's components with their GitOps sources, the snapshot's images, the space's
// credentials for those repositories, its members (who may act on the Applications), the GitOps
// deployments recorded last time and their sync runs still pending or running, and the managed
// objects (repository Secrets) recorded last time.
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  applications,
  clusters,
  components,
  environments,
  gitopsDeployments,
  repositoryCredentials,
  snapshotComponents,
  snapshotEnvironmentBindings,
  spaces,
  syncRuns,
} from "@/db/schema";
import { ownerKey } from "@/server/k8s/labels";
import { connectionColumns } from "@/server/services/clusters/load-cluster-connection";
import { boundMembers } from "./load-environment-for-pass";
import { managedObjectStates } from "./managed-objects";

export interface TPassComponent {
  name: string;
  containerImage: string;
  repoUrl: string;
  path: string;
  targetRevision: string;
  type: "kustomize" | "helm" | "directory";
}

export interface TPassCredential {
  id: string;
  repository: string;
  kind: "https" | "ssh";
  username: string | null;
  /** Sealed. */
  secret: string;
}

export type TPassDeployment = Omit<
  typeof gitopsDeployments.$inferSelect,
  "createdAt" | "updatedAt" | "lastSyncedAt"
> & { lastSyncedAt: string | null };

/** A sync run still pending or running, with its deployment's component; timestamps as text. */
export interface TPassSyncRun {
  id: string;
  componentName: string;
  revisionId: string;
  requestedByLabel: string;
  state: (typeof syncRuns.$inferSelect)["state"];
  message: string;
  operationPhase: string | null;
  cancelRequestedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

const b = snapshotEnvironmentBindings;
const hub = alias(clusters, "hub");

const applicationComponents = sql<TPassComponent[]>`coalesce((
  select json_agg(json_build_object('name', ${components.name},
    'containerImage', ${components.containerImage}, 'repoUrl', ${components.gitopsRepoUrl},
    'path', ${components.gitopsPath}, 'targetRevision', ${components.gitopsTargetRevision},
    'type', ${components.gitopsType}) order by ${components.name})
  from ${components} where ${components.applicationId} = ${b.applicationId}), '[]'::json)`;

const snapshotImages = sql<{ name: string; image: string }[]>`coalesce((
  select json_agg(json_build_object('name', ${snapshotComponents.componentName},
    'image', ${snapshotComponents.containerImage}) order by ${snapshotComponents.componentName})
  from ${snapshotComponents} where ${snapshotComponents.snapshotId} = ${b.snapshotId}), '[]'::json)`;

const usedCredentials = sql<TPassCredential[]>`coalesce((
  select json_agg(json_build_object('id', ${repositoryCredentials.id},
    'repository', ${repositoryCredentials.repository}, 'kind', ${repositoryCredentials.kind},
    'username', ${repositoryCredentials.username}, 'secret', ${repositoryCredentials.secret})
    order by ${repositoryCredentials.id})
  from ${repositoryCredentials}
  where ${repositoryCredentials.spaceId} = ${b.spaceId}
    and ${repositoryCredentials.deletionRequestedAt} is null
    and ${repositoryCredentials.repository} in (select ${components.gitopsRepoUrl} from ${components}
      where ${components.applicationId} = ${b.applicationId})), '[]'::json)`;

// Column names as the table declares them, so a row compares with what a pass computes.
const recordedDeployments = sql<TPassDeployment[]>`coalesce((
  select json_agg(json_build_object('id', d.id, 'bindingId', d.binding_id,
    'componentName', d.component_name, 'argoCdClusterId', d.argo_cd_cluster_id,
    'argoCdNamespace', d.argo_cd_namespace, 'applicationName', d.application_name,
    'syncMode', d.sync_mode, 'manifest', d.manifest, 'slipwayConditions', d.slipway_conditions,
    'syncStatus', d.sync_status, 'healthStatus', d.health_status, 'revision', d.revision,
    'images', d.images,
    'resources', d.resources, 'conditions', d.conditions, 'operationState', d.operation_state,
    'lastSyncedAt', d.last_synced_at) order by d.component_name)
  from ${gitopsDeployments} d where d.binding_id = ${b.id}), '[]'::json)`;

const activeSyncRuns = sql<TPassSyncRun[]>`coalesce((
  select json_agg(json_build_object('id', r.id, 'componentName', d.component_name,
    'revisionId', r.revision_id, 'requestedByLabel', r.requested_by_label, 'state', r.state,
    'message', r.message, 'operationPhase', r.operation_phase,
    'cancelRequestedAt', r.cancel_requested_at, 'startedAt', r.started_at,
    'finishedAt', r.finished_at) order by r.created_at)
  from ${syncRuns} r join ${gitopsDeployments} d on d.id = r.deployment_id
  where d.binding_id = ${b.id} and r.state in ('Pending', 'Running')), '[]'::json)`;

export async function loadBindingForPass(db: Db, id: string) {
  const [found] = await db
    .select({
      binding: b,
      spaceName: spaces.name,
      applicationName: applications.name,
      environment: {
        name: environments.name,
        namespace: environments.namespace,
        clusterId: environments.clusterId,
        generation: environments.generation,
        status: environments.status,
      },
      argoCdNamespace: clusters.argoCdNamespace,
      cluster: connectionColumns,
      // Hub topology: the cluster whose Argo CD deploys to the environment's (null: its own).
      hub: {
        id: hub.id,
        name: hub.name,
        apiUrl: hub.apiUrl,
        insecureSkipTlsVerify: hub.insecureSkipTlsVerify,
        credentials: hub.credentials,
        argoCdNamespace: hub.argoCdNamespace,
      },
      components: applicationComponents,
      images: snapshotImages,
      credentials: usedCredentials,
      // Correlated on the joined environment's space, which is the binding's.
      members: boundMembers,
      deployments: recordedDeployments,
      syncRuns: activeSyncRuns,
      managed: managedObjectStates(ownerKey({ kind: "binding", id })),
    })
    .from(b)
    .innerJoin(spaces, eq(spaces.id, b.spaceId))
    .innerJoin(applications, eq(applications.id, b.applicationId))
    .innerJoin(environments, eq(environments.id, b.environmentId))
    .leftJoin(clusters, eq(clusters.id, environments.clusterId))
    .leftJoin(hub, eq(hub.id, clusters.hubClusterId))
    .where(eq(b.id, id))
    // An environment pass turning Ready holds its row until it commits, with the wake-up of the
    // bindings it can see. Reading through that lock returns the committed status, so a binding
    // committed too late for that wake-up still sees Ready here instead of waiting for the resync.
    .for("share", { of: environments });
  return found;
}
