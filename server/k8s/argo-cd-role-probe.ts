// Whether a cluster's service credentials can write members' Argo CD roles: each binding writes a
// Role and RoleBinding per kind of access (argo-application-access.ts) in the Argo CD namespace,
// and Kubernetes' escalation check lets a subject write a Role only with the rules it holds (or
// `escalate` on roles) and bind one only likewise (or `bind` on roles). Asked with
// SelfSubjectAccessReviews, so nothing is written.
import type { AuthorizationV1Api } from "@kubernetes/client-node";

const RBAC = "rbac.authorization.k8s.io";
/** Every verb the members' Roles grant on Applications (view and edit together). */
const APPLICATION_VERBS = ["get", "list", "watch", "patch", "update"] as const;

export interface TArgoCdRoleFindings {
  /** For the probe's `permissions`, phrased to follow "can" / "cannot". */
  permissions: Record<string, boolean>;
  /** Plain words for each thing missing, to follow "the credentials". */
  problems: string[];
}

async function allowed(
  api: AuthorizationV1Api,
  verb: string,
  group: string,
  resource: string,
  namespace: string,
): Promise<boolean> {
  const review = await api.createSelfSubjectAccessReview({
    body: { spec: { resourceAttributes: { verb, group, resource, namespace } } },
  });
  return review.status?.allowed === true;
}

export async function probeArgoCdRoles(
  api: AuthorizationV1Api,
  namespace: string,
): Promise<TArgoCdRoleFindings> {
  const [createRoles, createBindings, escalate, bind, ...held] = await Promise.all([
    allowed(api, "create", RBAC, "roles", namespace),
    allowed(api, "create", RBAC, "rolebindings", namespace),
    allowed(api, "escalate", RBAC, "roles", namespace),
    allowed(api, "bind", RBAC, "roles", namespace),
    ...APPLICATION_VERBS.map((verb) =>
      allowed(api, verb, "argoproj.io", "applications", namespace),
    ),
  ]);
  const holdsRules = held.every(Boolean);
  const grant = holdsRules || (escalate && bind);
  const grantKey = `grant members access to Applications in ${namespace}`;
  const problems: string[] = [];
  if (!createRoles)
    problems.push(`cannot create roles in ${namespace}: members' Argo CD roles cannot be written`);
  if (!createBindings)
    problems.push(
      `cannot create rolebindings in ${namespace}: members' Argo CD roles cannot be bound`,
    );
  if (!grant)
    problems.push(
      `cannot grant ${APPLICATION_VERBS.join(", ")} on applications.argoproj.io in ${namespace} ` +
        `(they need those verbs there, or escalate and bind on roles): members' Argo CD roles cannot be written`,
    );
  return {
    permissions: {
      [`create roles in ${namespace}`]: createRoles,
      [`create rolebindings in ${namespace}`]: createBindings,
      [grantKey]: grant,
    },
    problems,
  };
}
