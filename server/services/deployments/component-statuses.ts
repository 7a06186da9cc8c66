import { sql, type AnyColumn } from "drizzle-orm";
import { gitopsDeployments } from "@/db/schema";

/** One component's Argo CD status in an environment: what a stage or "Deployed here" rolls up. */
export interface TComponentStatusRow {
  component: string;
  syncStatus: string | null;
  healthStatus: string | null;
}

/**
 * A binding's components with their sync and health, as a column of the statement that reads the
 * binding (no query per binding); at most MAX_COMPONENTS, along
 * gitops_deployment_binding_component_unique.
 */
export const componentStatusesOf = (bindingId: AnyColumn) =>
  sql<TComponentStatusRow[]>`coalesce((
    select json_agg(json_build_object('component', g.component_name,
      'syncStatus', g.sync_status, 'healthStatus', g.health_status) order by g.component_name)
    from ${gitopsDeployments} g where g.binding_id = ${bindingId}), '[]'::json)`;

/** When Argo CD last synced any of the binding's components, as a column of the same statement. */
export const lastSyncedAtOf = (bindingId: AnyColumn) =>
  sql<Date | null>`(select max(g.last_synced_at) from ${gitopsDeployments} g
    where g.binding_id = ${bindingId})`.mapWith(gitopsDeployments.lastSyncedAt);
