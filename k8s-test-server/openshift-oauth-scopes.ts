// What an OpenShift OAuth token's scopes let it do (apiserver-library-go's scope converter, as
// OpenShift's scope authorizer applies it before RBAC): a token scoped narrower than user:full is
// refused anything its scopes' rules do not cover, whatever the user's RBAC grants; what they do
// cover still needs RBAC. Tokens without scopes (every non-OAuth token) are not affected.
import { type Attributes, type PolicyRule, ruleAllows, type UserInfo } from "./rbac.js";

/** The user.Info Extra key OpenShift's token authenticator puts a token's scopes under. */
export const SCOPES_EXTRA_KEY = "scopes.authorization.openshift.io";

/** Discovery stays open to every scoped token. */
const DISCOVERY: PolicyRule = {
  verbs: ["get"],
  nonResourceURLs: [
    "/version",
    "/version/*",
    "/api",
    "/api/*",
    "/apis",
    "/apis/*",
    "/oapi",
    "/oapi/*",
    "/openapi/v2",
    "/swaggerapi",
    "/swaggerapi/*",
    "/swagger.json",
    "/swagger-2.0.0.pb-v1",
    "/osapi",
    "/osapi/",
    "/.well-known",
    "/.well-known/*",
    "/",
  ],
};

function scopeRules(scope: string): PolicyRule[] {
  switch (scope) {
    case "user:full":
      return [
        { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
        { verbs: ["*"], nonResourceURLs: ["*"] },
      ];
    case "user:info":
      return [
        {
          verbs: ["get"],
          apiGroups: ["user.openshift.io", ""],
          resources: ["users"],
          resourceNames: ["~"],
        },
      ];
    case "user:check-access":
      return [
        {
          verbs: ["create"],
          apiGroups: ["authorization.k8s.io"],
          resources: ["selfsubjectaccessreviews"],
        },
        {
          verbs: ["create"],
          apiGroups: ["authorization.openshift.io", ""],
          resources: ["selfsubjectrulesreviews"],
        },
      ];
    case "user:list-scoped-projects":
      return [
        {
          verbs: ["list", "watch"],
          apiGroups: ["project.openshift.io", ""],
          resources: ["projects"],
        },
      ];
    case "user:list-projects":
      return [
        {
          verbs: ["list", "watch"],
          apiGroups: ["project.openshift.io", ""],
          resources: ["projects"],
        },
        { verbs: ["get"], apiGroups: [""], resources: ["namespaces"] },
      ];
    default:
      // role:<clusterrole>:<namespace> scopes are accepted at login but not emulated: they add nothing.
      return [];
  }
}

/** True when the user's token scopes (if any) do not cover the request. */
export function scopesDeny(user: UserInfo, a: Attributes): boolean {
  const scopes = user.extra?.[SCOPES_EXTRA_KEY];
  if (!scopes || scopes.length === 0) return false;
  const rules = [DISCOVERY, ...scopes.flatMap(scopeRules)];
  return !rules.some((r) => ruleAllows(r, a));
}
