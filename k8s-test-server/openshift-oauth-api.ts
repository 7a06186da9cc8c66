// The user-facing API around OpenShift OAuth tokens, as oauth-apiserver serves it:
// useroauthaccesstokens (oauth.openshift.io/v1: a person's own tokens, anyone else's are
// NotFound) and users/~ (user.openshift.io/v1: who am I, as `oc whoami` asks). RBAC runs first,
// as for any resource; OpenShift's basic-user ClusterRole, bound to every authenticated user,
// grants what these need.
import { type Result } from "./api.js";
import { type ResourceRequest } from "./http-server.js";
import { type AccessTokenEntry, type OpenShiftOAuth } from "./openshift-oauth.js";
import { type UserInfo } from "./rbac.js";
import { errors } from "./status.js";

export const OAUTH_GROUP = "oauth.openshift.io";
export const USER_GROUP = "user.openshift.io";

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function tokenObject(kind: string, t: AccessTokenEntry): Record<string, unknown> {
  return {
    kind,
    apiVersion: `${OAUTH_GROUP}/v1`,
    metadata: {
      name: t.name,
      uid: t.uid,
      resourceVersion: t.resourceVersion,
      creationTimestamp: iso(t.createdAt),
    },
    clientName: t.clientName,
    expiresIn: t.expiresIn,
    scopes: t.scopes,
    redirectURI: t.redirectURI,
    userName: t.userName,
    userUID: t.userUID,
  };
}

/** The bearer's own live token of that name; anyone else's (or none) is NotFound, never Forbidden. */
function ownToken(oauth: OpenShiftOAuth, user: UserInfo, name: string): AccessTokenEntry {
  const t = oauth.liveToken(name);
  if (!t || t.userName !== user.name || !t.name.startsWith("sha256~"))
    throw errors.notFound("useroauthaccesstokens", OAUTH_GROUP, name);
  return t;
}

function userTokens(
  oauth: OpenShiftOAuth,
  verb: string,
  r: ResourceRequest,
  user: UserInfo,
): Result {
  switch (verb) {
    case "get":
      return {
        status: 200,
        body: tokenObject("UserOAuthAccessToken", ownToken(oauth, user, r.name)),
      };
    case "list": {
      const items = [...oauth.tokens.keys()]
        .map((name) => oauth.liveToken(name))
        .filter((t): t is AccessTokenEntry => t?.userName === user.name)
        .map((t) => {
          const { kind: _kind, apiVersion: _apiVersion, ...item } = tokenObject("", t);
          return item;
        });
      return {
        status: 200,
        body: {
          kind: "UserOAuthAccessTokenList",
          apiVersion: `${OAUTH_GROUP}/v1`,
          metadata: {},
          items,
        },
      };
    }
    case "delete": {
      const t = ownToken(oauth, user, r.name);
      oauth.tokens.delete(t.name);
      // The underlying OAuthAccessToken store returns the deleted object (ReturnDeletedObject).
      return { status: 200, body: tokenObject("OAuthAccessToken", t) };
    }
    default:
      throw errors.methodNotAllowed();
  }
}

/** users/~: the caller as a User, with the groups of this request (oauth-apiserver's virtual user). */
function me(oauth: OpenShiftOAuth, user: UserInfo): Record<string, unknown> {
  const groups = [...new Set(user.groups)].sort();
  const persisted = oauth.persistedUsers.get(user.name);
  if (!persisted)
    return {
      kind: "User",
      apiVersion: `${USER_GROUP}/v1`,
      metadata: {
        name: user.name,
        ...(user.uid ? { uid: user.uid } : {}),
        creationTimestamp: null,
      },
      identities: null,
      groups,
    };
  return {
    kind: "User",
    apiVersion: `${USER_GROUP}/v1`,
    metadata: {
      name: persisted.name,
      uid: user.uid ?? persisted.uid,
      resourceVersion: persisted.resourceVersion,
      creationTimestamp: iso(persisted.createdAt),
    },
    identities: [`htpasswd:${persisted.name}`],
    groups,
  };
}

/**
 * Answers a resource request under oauth.openshift.io or user.openshift.io, or undefined when it
 * names something not emulated (the caller then answers 404 as for any unserved resource).
 */
export function serveOpenShiftUserApi(
  oauth: OpenShiftOAuth,
  verb: string,
  r: ResourceRequest,
  user: UserInfo,
): Result | undefined {
  if (r.version !== "v1" || r.namespace || r.subresource) return undefined;
  if (r.group === OAUTH_GROUP && r.resource === "useroauthaccesstokens")
    return userTokens(oauth, verb, r, user);
  if (r.group === USER_GROUP && r.resource === "users" && verb === "get") {
    if (r.name === "~") return { status: 200, body: me(oauth, user) };
    const persisted = oauth.persistedUsers.get(r.name);
    if (!persisted) throw errors.notFound("users", USER_GROUP, r.name);
    return {
      status: 200,
      body: me(oauth, { name: persisted.name, groups: [], uid: persisted.uid }),
    };
  }
  return undefined;
}

/** OpenShift's basic-user ClusterRole (the parts emulated here) and its basic-users binding. */
export function openShiftBootstrapRbac(): Record<string, unknown>[] {
  const metadata = (name: string) => ({
    name,
    annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
  });
  return [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: metadata("basic-user"),
      rules: [
        { apiGroups: ["", USER_GROUP], resources: ["users"], resourceNames: ["~"], verbs: ["get"] },
        {
          apiGroups: [OAUTH_GROUP],
          resources: ["useroauthaccesstokens"],
          verbs: ["delete", "get", "list", "watch"],
        },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: metadata("basic-users"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "basic-user" },
      subjects: [
        { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:authenticated" },
      ],
    },
  ];
}
