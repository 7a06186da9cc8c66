// Members' own access to a binding's Argo CD Applications, so that actions a person starts ("Sync
// now", cancel: both write the Application's `operation`) can run with that person's token and the
// cluster's RBAC decides. Applications live in the Argo CD namespace, not the environment's, so
// the environment's RoleBindings do not reach them: these Roles do, limited by `resourceNames` to
// the binding's own Applications, because one Argo CD namespace serves every space on the cluster.
//
// The binding owns them rather than the environment: its pass already holds the lease of the
// cluster Argo CD runs in (the hub in hub topology), writes and prunes the Applications they name,
// moves them off a former hub and deletes them with the binding, so the Roles follow the
// Applications through all of that with no second writer. Pure.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { TMemberRole } from "./environment-objects";
import type { TObjectOwnership } from "./object-meta";
import { buildRole, buildRoleBinding, userSubjects } from "./role-binding";

export interface TApplicationAccessInput {
  bindingId: string;
  spaceName: string;
  environmentName: string;
  argoCdNamespace: string;
  /** The binding's Applications (their names in the Argo CD namespace). */
  applicationNames: readonly string[];
  /** Members of the space by verified e-mail (see userSubjects). */
  members: readonly { email: string; role: TMemberRole }[];
}

/**
 * view: read the Applications. kube-apiserver matches `resourceNames` against the request's name,
 * which a list or watch has only with `fieldSelector=metadata.name=<name>`: members list and watch
 * their Applications one by one, and never see another space's.
 */
const VIEW_VERBS = ["get", "list", "watch"];
/** edit: write `operation` (sync, cancel) with a merge patch or an update. */
const EDIT_VERBS = ["get", "patch", "update"];

const ACCESS: readonly { suffix: string; verbs: string[]; roles: readonly TMemberRole[] }[] = [
  { suffix: "view", verbs: VIEW_VERBS, roles: ["viewer", "contributor", "owner"] },
  { suffix: "edit", verbs: EDIT_VERBS, roles: ["contributor", "owner"] },
];

/**
 * Named by the binding id, not by space, application and environment names: those joined with
 * hyphens can collide ("a-b"+"c", "a"+"b-c"), and a collision here would hand one space's members
 * another's Applications.
 */
export function applicationAccessName(bindingId: string, suffix: string): string {
  return `slipway-binding-${bindingId}-${suffix}`;
}

/**
 * A Role and its RoleBinding per kind of access that has members. None without Applications: an
 * empty `resourceNames` would grant every Application in the namespace.
 */
export function buildApplicationAccess(input: TApplicationAccessInput): KubernetesObject[] {
  if (input.applicationNames.length === 0) return [];
  const ownership: TObjectOwnership = {
    owner: { kind: "binding", id: input.bindingId },
    spaceName: input.spaceName,
    environmentName: input.environmentName,
  };
  const resourceNames = [...new Set(input.applicationNames)].sort();
  return ACCESS.flatMap(({ suffix, verbs, roles }) => {
    const emails = input.members.filter((m) => roles.includes(m.role)).map((m) => m.email);
    if (emails.length === 0) return [];
    const name = applicationAccessName(input.bindingId, suffix);
    const rule = { apiGroups: ["argoproj.io"], resources: ["applications"], resourceNames, verbs };
    return [
      buildRole(input.argoCdNamespace, name, rule, ownership),
      buildRoleBinding(
        input.argoCdNamespace,
        name,
        { role: name },
        userSubjects(emails),
        ownership,
      ),
    ];
  });
}
