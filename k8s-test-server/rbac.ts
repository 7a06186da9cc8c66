// Authorization: the admin token passes everything (system:masters); issued tokens carry static
// rules; every non-admin user is also granted whatever RBAC objects in the store grant it, which is
// how service-account tokens get their permissions — the same evaluation order as the RBAC authorizer.
import { str } from "./json.js";
import { typeKey } from "./registry.js";
import { type Store } from "./store.js";
import { scopesDeny } from "./openshift-oauth-scopes.js";

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** A test-issued rule: a PolicyRule optionally limited to namespaces (omitted = everywhere). */
export interface TokenRule extends PolicyRule {
  namespaces?: string[];
}

export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
  /** user.Info's Extra, e.g. an OpenShift OAuth token's scopes.authorization.openshift.io. */
  extra?: Record<string, string[]>;
  admin?: boolean;
  rules?: TokenRule[];
}

export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Set for non-resource requests such as /metrics. */
  path?: string;
}

/** Attributes of a non-resource request (discovery, /metrics, …): only verb and path matter. */
export function nonResourceAttributes(verb: string, path: string): Attributes {
  return { verb, group: "", resource: "", subresource: "", namespace: "", name: "", path };
}

const RBAC = "rbac.authorization.k8s.io";

function has(list: string[] | undefined, v: string): boolean {
  return !!list && (list.includes("*") || list.includes(v));
}

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (a.path !== undefined) {
    return (
      !!rule.nonResourceURLs?.some(
        (u) => u === "*" || u === a.path || (u.endsWith("*") && a.path!.startsWith(u.slice(0, -1))),
      ) && has(rule.verbs, a.verb)
    );
  }
  if (!has(rule.verbs, a.verb)) return false;
  if (!has(rule.apiGroups ?? [""], a.group)) return false;
  const res = rule.resources ?? [];
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resOk =
    res.includes("*") ||
    res.includes(combined) ||
    (a.subresource !== "" && res.includes(`*/${a.subresource}`));
  if (!resOk) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0)
    return a.name !== "" && rule.resourceNames.includes(a.name);
  return true;
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

function subjectMatches(s: Subject, user: UserInfo, bindingNamespace: string): boolean {
  if (s.kind === "User") return s.name === user.name;
  if (s.kind === "Group") return user.groups.includes(s.name);
  if (s.kind === "ServiceAccount")
    return user.name === `system:serviceaccount:${s.namespace ?? bindingNamespace}:${s.name}`;
  return false;
}

type Obj = Record<string, unknown>;

export class Authorizer {
  constructor(private readonly store: Store) {}

  authorize(user: UserInfo, a: Attributes): boolean {
    // An OpenShift OAuth token's scopes bound it before RBAC is asked (see openshift-oauth-scopes.ts).
    if (scopesDeny(user, a)) return false;
    if (user.admin || user.groups.includes("system:masters")) return true;
    for (const r of user.rules ?? []) {
      if (r.namespaces && (a.namespace === "" || !r.namespaces.includes(a.namespace))) continue;
      if (ruleAllows(r, a)) return true;
    }
    return this.rbacAllows(user, a);
  }

  private rolesRules(kind: string, name: string, namespace: string): PolicyRule[] {
    const role =
      kind === "ClusterRole"
        ? this.store.get(typeKey(RBAC, "clusterroles"), undefined, name)
        : this.store.get(typeKey(RBAC, "roles"), namespace, name);
    return ((role as Obj | undefined)?.rules as PolicyRule[] | undefined) ?? [];
  }

  private rbacAllows(user: UserInfo, a: Attributes): boolean {
    for (const b of this.store.list(typeKey(RBAC, "clusterrolebindings"))) {
      const subjects = ((b as Obj).subjects as Subject[] | undefined) ?? [];
      if (!subjects.some((s) => subjectMatches(s, user, ""))) continue;
      const ref = (b as Obj).roleRef as { kind: string; name: string };
      if (this.rolesRules("ClusterRole", ref.name, "").some((r) => ruleAllows(r, a))) return true;
    }
    if (a.namespace === "") return false;
    for (const b of this.store.list(typeKey(RBAC, "rolebindings"), a.namespace)) {
      const subjects = ((b as Obj).subjects as Subject[] | undefined) ?? [];
      if (!subjects.some((s) => subjectMatches(s, user, a.namespace))) continue;
      const ref = (b as Obj).roleRef as { kind: string; name: string };
      if (this.rolesRules(ref.kind, ref.name, a.namespace).some((r) => ruleAllows(r, a)))
        return true;
    }
    return false;
  }
}

/** The apiserver's denial message, e.g. `User "x" cannot list resource "configmaps" in API group "" in the namespace "ns"`. */
export function forbiddenMessage(user: UserInfo, a: Attributes): string {
  if (a.path !== undefined)
    return `forbidden: User "${user.name}" cannot ${a.verb} path "${a.path}"`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const subject = a.name ? `${res} "${a.name}"` : res;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : "at the cluster scope";
  return `${subject} is forbidden: User "${user.name}" cannot ${a.verb} resource "${res}" in API group "${a.group}" ${scope}`;
}

/**
 * RBAC's escalation check: a user may only write a Role/ClusterRole whose rules it already holds
 * (or with the `escalate` verb), and only bind a role whose rules it holds (or with `bind` on it).
 * Returns a denial message, or undefined when the write is allowed.
 */
export function escalationDenial(
  authorizer: Authorizer,
  store: Store,
  user: UserInfo,
  plural: string,
  namespace: string,
  obj: Record<string, unknown>,
): string | undefined {
  if (user.admin || user.groups.includes("system:masters")) return undefined;
  const name = str((obj.metadata as { name?: unknown } | undefined)?.name);
  let rules: PolicyRule[];
  if (plural === "roles" || plural === "clusterroles") {
    if (
      authorizer.authorize(user, {
        verb: "escalate",
        group: RBAC,
        resource: plural,
        subresource: "",
        namespace,
        name,
      })
    )
      return undefined;
    rules = (obj.rules as PolicyRule[] | undefined) ?? [];
  } else if (plural === "rolebindings" || plural === "clusterrolebindings") {
    const ref = (obj.roleRef as { kind?: string; name?: string } | undefined) ?? {};
    const refPlural = ref.kind === "ClusterRole" ? "clusterroles" : "roles";
    const bindNs = refPlural === "roles" ? namespace : "";
    if (
      authorizer.authorize(user, {
        verb: "bind",
        group: RBAC,
        resource: refPlural,
        subresource: "",
        namespace: bindNs,
        name: ref.name ?? "",
      })
    )
      return undefined;
    const role = store.get(
      typeKey(RBAC, refPlural),
      refPlural === "roles" ? namespace : undefined,
      ref.name ?? "",
    );
    if (!role)
      return `${plural}.${RBAC} "${name}" is forbidden: ${refPlural}.${RBAC} "${ref.name ?? ""}" not found`;
    rules = ((role as Record<string, unknown>).rules as PolicyRule[] | undefined) ?? [];
  } else return undefined;

  const missing: string[] = [];
  for (const r of rules) {
    const verbs = r.verbs ?? [];
    if (r.nonResourceURLs?.length) {
      for (const path of r.nonResourceURLs)
        for (const verb of verbs) {
          if (!authorizer.authorize(user, nonResourceAttributes(verb, path)))
            missing.push(`{NonResourceURLs:["${path}"], Verbs:["${verb}"]}`);
        }
      continue;
    }
    const names = r.resourceNames?.length ? r.resourceNames : [""];
    for (const group of r.apiGroups ?? [""])
      for (const res of r.resources ?? [])
        for (const verb of verbs)
          for (const rn of names) {
            const [resource = "", subresource = ""] = res.split("/");
            if (
              !authorizer.authorize(user, {
                verb,
                group,
                resource,
                subresource,
                namespace,
                name: rn,
              })
            ) {
              missing.push(
                `{APIGroups:["${group}"], Resources:["${res}"],${rn ? ` ResourceNames:["${rn}"],` : ""} Verbs:["${verb}"]}`,
              );
            }
          }
  }
  if (missing.length === 0) return undefined;
  const groups = user.groups.map((g) => JSON.stringify(g)).join(" ");
  return `${plural}.${RBAC} "${name}" is forbidden: user "${user.name}" (groups=[${groups}]) is attempting to grant RBAC permissions not currently held:\n${missing.join("\n")}`;
}
