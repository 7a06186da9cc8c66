// Authentication and authorization: bearer tokens, TokenRequest, RBAC objects that grant what
// they say, the aggregated admin/edit/view roles, and (test server only) issued tokens.
import {
  AuthorizationV1Api,
  CoreV1Api,
  type KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connect,
  eventually,
  kubeConfigWithToken,
  rawRequest,
  skipReason,
  statusOf,
  type Target,
  usingRealCluster,
} from "./target.js";

let t: Target;
let core: CoreV1Api;
let rbac: RbacAuthorizationV1Api;

beforeAll(async () => {
  t = await connect();
  core = t.kc.makeApiClient(CoreV1Api);
  rbac = t.kc.makeApiClient(RbacAuthorizationV1Api);
});
afterAll(async () => {
  await t.cleanup();
});

async function serviceAccountToken(ns: string, name: string): Promise<string> {
  await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name } } });
  const tr = await core.createNamespacedServiceAccountToken({
    name,
    namespace: ns,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = tr.status?.token;
  if (!token) throw new Error("TokenRequest returned no token");
  return token;
}

async function bindRole(
  ns: string,
  role: string,
  sa: string,
  kind: "ClusterRole" | "Role" = "ClusterRole",
): Promise<void> {
  await rbac.createNamespacedRoleBinding({
    namespace: ns,
    body: {
      metadata: { name: `${sa}-${role}` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind, name: role },
      subjects: [{ kind: "ServiceAccount", name: sa, namespace: ns }],
    },
  });
}

const allowed = async (p: Promise<unknown>) => (await statusOf(p)) === undefined;

describe("authentication", () => {
  it("answers 401 Unauthorized without a valid token", async () => {
    const anon = kubeConfigWithToken(t.kc, "not-a-valid-token").makeApiClient(CoreV1Api);
    const res = await statusOf(anon.listNamespace());
    // client-node drops the body of a 401 (a Status with reason Unauthorized); only the code survives.
    expect(res?.code).toBe(401);
  });
});

describe("service account tokens and RBAC", () => {
  it("TokenRequest tokens authenticate as the service account and start with no permissions", async () => {
    const ns = await t.namespace("ct-sa");
    const token = await serviceAccountToken(ns, "bot");
    const bot = kubeConfigWithToken(t.kc, token).makeApiClient(CoreV1Api);
    const res = await statusOf(bot.listNamespacedConfigMap({ namespace: ns }));
    expect(res?.code).toBe(403);
    expect(res?.body.reason).toBe("Forbidden");
    expect(res?.body.message).toBe(
      `configmaps is forbidden: User "system:serviceaccount:${ns}:bot" cannot list resource "configmaps" in API group "" in the namespace "${ns}"`,
    );
  });

  it("a Role and RoleBinding grant exactly their rules, in their namespace only", async () => {
    const ns = await t.namespace("ct-role");
    const other = await t.namespace("ct-role-other");
    const token = await serviceAccountToken(ns, "bot");
    const bot = kubeConfigWithToken(t.kc, token).makeApiClient(CoreV1Api);
    await rbac.createNamespacedRole({
      namespace: ns,
      body: {
        metadata: { name: "cm-reader" },
        rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
      },
    });
    await bindRole(ns, "cm-reader", "bot", "Role");
    await eventually(
      () => allowed(bot.listNamespacedConfigMap({ namespace: ns })),
      "RoleBinding to take effect",
    );
    expect(
      (
        await statusOf(
          bot.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "x" } } }),
        )
      )?.code,
    ).toBe(403);
    expect((await statusOf(bot.listNamespacedSecret({ namespace: ns })))?.code).toBe(403);
    expect((await statusOf(bot.listNamespacedConfigMap({ namespace: other })))?.code).toBe(403);
  });

  it("resourceNames allow a list or watch only of the named object (fieldSelector metadata.name), never a create or deletecollection", async () => {
    const ns = await t.namespace("ct-resource-names");
    const token = await serviceAccountToken(ns, "bot");
    const bot = kubeConfigWithToken(t.kc, token).makeApiClient(CoreV1Api);
    for (const name of ["mine", "theirs"])
      await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name } } });
    await rbac.createNamespacedRole({
      namespace: ns,
      body: {
        metadata: { name: "mine-only" },
        rules: [
          {
            apiGroups: [""],
            resources: ["configmaps"],
            resourceNames: ["mine"],
            verbs: ["get", "list", "watch", "create", "deletecollection"],
          },
        ],
      },
    });
    await bindRole(ns, "mine-only", "bot", "Role");
    await eventually(
      () => allowed(bot.readNamespacedConfigMap({ namespace: ns, name: "mine" })),
      "RoleBinding to take effect",
    );
    expect(
      (await statusOf(bot.readNamespacedConfigMap({ namespace: ns, name: "theirs" })))?.code,
    ).toBe(403);
    // A list without a name is not a request for "mine".
    expect((await statusOf(bot.listNamespacedConfigMap({ namespace: ns })))?.code).toBe(403);
    const listed = await bot.listNamespacedConfigMap({
      namespace: ns,
      fieldSelector: "metadata.name=mine",
    });
    expect(listed.items.map((c) => c.metadata?.name)).toStrictEqual(["mine"]);
    expect(
      (
        await statusOf(
          bot.listNamespacedConfigMap({ namespace: ns, fieldSelector: "metadata.name=theirs" }),
        )
      )?.code,
    ).toBe(403);
    const botKc = kubeConfigWithToken(t.kc, token);
    const watchPath = `/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=1`;
    expect((await rawRequest(botKc, "GET", watchPath)).code).toBe(403);
    const named = await rawRequest(botKc, "GET", `${watchPath}&fieldSelector=metadata.name%3Dmine`);
    expect(named.code).toBe(200);
    expect(named.text).toContain('"name":"mine"');
    expect(
      (
        await statusOf(
          bot.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "mine" } } }),
        )
      )?.code,
    ).toBe(403);
    expect(
      (
        await statusOf(
          bot.deleteCollectionNamespacedConfigMap({
            namespace: ns,
            fieldSelector: "metadata.name=mine",
          }),
        )
      )?.code,
    ).toBe(403);
  });

  it("the built-in view, edit and admin ClusterRoles carry their aggregated rules", async () => {
    const ns = await t.namespace("ct-builtin-roles");
    const viewer = kubeConfigWithToken(t.kc, await serviceAccountToken(ns, "viewer")).makeApiClient(
      CoreV1Api,
    );
    const editor = kubeConfigWithToken(t.kc, await serviceAccountToken(ns, "editor"));
    const admin = kubeConfigWithToken(t.kc, await serviceAccountToken(ns, "admin"));
    await bindRole(ns, "view", "viewer");
    await bindRole(ns, "edit", "editor");
    await bindRole(ns, "admin", "admin");

    await eventually(
      () => allowed(viewer.listNamespacedConfigMap({ namespace: ns })),
      "view binding",
    );
    expect((await statusOf(viewer.listNamespacedSecret({ namespace: ns })))?.code).toBe(403);
    expect(
      (
        await statusOf(
          viewer.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "v" } } }),
        )
      )?.code,
    ).toBe(403);

    const editorCore = editor.makeApiClient(CoreV1Api);
    await eventually(
      () =>
        allowed(
          editorCore.createNamespacedConfigMap({
            namespace: ns,
            body: { metadata: { name: "e" } },
          }),
        ),
      "edit binding",
    );
    expect(await allowed(editorCore.listNamespacedSecret({ namespace: ns }))).toBe(true);
    // Discovery is open to every authenticated user, so KubernetesObjectApi works with SA tokens.
    const applied = await KubernetesObjectApi.makeApiClient(editor).patch(
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "applied", namespace: ns },
        data: { a: "1" },
      } as KubernetesObject,
      undefined,
      undefined,
      "editor",
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(applied.metadata?.uid).toBeTruthy();
    const role = {
      metadata: { name: "r" },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }],
    };
    expect(
      (
        await statusOf(
          editor
            .makeApiClient(RbacAuthorizationV1Api)
            .createNamespacedRole({ namespace: ns, body: role }),
        )
      )?.code,
    ).toBe(403);
    await eventually(
      () =>
        allowed(
          admin
            .makeApiClient(RbacAuthorizationV1Api)
            .createNamespacedRole({ namespace: ns, body: role }),
        ),
      "admin binding",
    );

    const view = await rbac.readClusterRole({ name: "view" });
    expect(view.aggregationRule?.clusterRoleSelectors?.length).toBeGreaterThan(0);
    expect(
      view.rules?.some((r) => r.resources?.includes("configmaps") && r.verbs.includes("list")),
    ).toBe(true);
  });

  it("refuses to let a user grant permissions it does not hold (RBAC escalation check)", async () => {
    const ns = await t.namespace("ct-escalate");
    const nsAdmin = kubeConfigWithToken(
      t.kc,
      await serviceAccountToken(ns, "ns-admin"),
    ).makeApiClient(RbacAuthorizationV1Api);
    await bindRole(ns, "admin", "ns-admin");
    const viewBinding = {
      metadata: { name: "someone-view" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "User", name: "someone", apiGroup: "rbac.authorization.k8s.io" }],
    };
    await eventually(
      () => allowed(nsAdmin.createNamespacedRoleBinding({ namespace: ns, body: viewBinding })),
      "admin may bind view in its namespace",
    );
    const clusterAdminBinding = {
      ...viewBinding,
      metadata: { name: "someone-cluster-admin" },
      roleRef: { ...viewBinding.roleRef, name: "cluster-admin" },
    };
    const denied = await statusOf(
      nsAdmin.createNamespacedRoleBinding({ namespace: ns, body: clusterAdminBinding }),
    );
    expect(denied?.code).toBe(403);
    expect(String(denied?.body.message)).toContain(
      "is attempting to grant RBAC permissions not currently held",
    );
    const nodeReader = {
      metadata: { name: "node-reader" },
      rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["get"] }],
    };
    expect(
      (await statusOf(nsAdmin.createNamespacedRole({ namespace: ns, body: nodeReader })))?.code,
    ).toBe(403);
  });

  it("SelfSubjectAccessReview answers for the caller", async () => {
    const ns = await t.namespace("ct-ssar");
    const viewer = kubeConfigWithToken(t.kc, await serviceAccountToken(ns, "viewer"));
    await bindRole(ns, "view", "viewer");
    const authz = viewer.makeApiClient(AuthorizationV1Api);
    const ask = (verb: string, resource: string) =>
      authz
        .createSelfSubjectAccessReview({
          body: { spec: { resourceAttributes: { namespace: ns, verb, resource } } },
        })
        .then((r) => r.status?.allowed);
    await eventually(() => ask("list", "configmaps"), "view binding");
    expect(await ask("delete", "configmaps")).toBe(false);
  });

  it("a deleted service account's tokens stop authenticating", async () => {
    const ns = await t.namespace("ct-sa-del");
    const token = await serviceAccountToken(ns, "bot");
    const bot = kubeConfigWithToken(t.kc, token).makeApiClient(CoreV1Api);
    expect((await statusOf(bot.listNamespacedConfigMap({ namespace: ns })))?.code).toBe(403);
    await core.deleteNamespacedServiceAccount({ name: "bot", namespace: ns });
    await eventually(
      async () => (await statusOf(bot.listNamespacedConfigMap({ namespace: ns })))?.code === 401,
      "token invalidation",
    );
  });
});

describe.skipIf(usingRealCluster)("issued tokens (test server)", () => {
  if (usingRealCluster) console.log(skipReason("issueToken"));
  let readOnly: KubeConfig;
  beforeAll(() => {
    const server = t.testServer!;
    readOnly = server.kubeConfigFor(
      server.issueToken({
        user: "auditor",
        rules: [{ verbs: ["get", "list", "watch"], apiGroups: ["*"], resources: ["*"] }],
      }),
    );
  });

  it("grant read-only access through static rules", async () => {
    const ns = await t.namespace("ct-issued");
    const ro = readOnly.makeApiClient(CoreV1Api);
    expect(await allowed(ro.listNamespacedSecret({ namespace: ns }))).toBe(true);
    const res = await statusOf(
      ro.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "x" } } }),
    );
    expect(res?.code).toBe(403);
    expect(res?.body.message).toContain('User "auditor" cannot create resource "configmaps"');
  });

  it("answer 401 once expired", async () => {
    const server = t.testServer!;
    // Zero seconds: expired on issue, so no test has to wait for a clock.
    const expired = server.kubeConfigFor(server.issueToken({ user: "late", expiresInSeconds: 0 }));
    expect((await statusOf(expired.makeApiClient(CoreV1Api).listNamespace()))?.code).toBe(401);
  });

  it("can be limited to namespaces", async () => {
    const ns = await t.namespace("ct-issued-ns");
    const other = await t.namespace("ct-issued-other");
    const server = t.testServer!;
    const scoped = server
      .kubeConfigFor(
        server.issueToken({
          user: "dev",
          rules: [{ namespaces: [ns], verbs: ["*"], apiGroups: [""], resources: ["configmaps"] }],
        }),
      )
      .makeApiClient(CoreV1Api);
    expect(
      await allowed(
        scoped.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "x" } } }),
      ),
    ).toBe(true);
    expect(
      (
        await statusOf(
          scoped.createNamespacedConfigMap({ namespace: other, body: { metadata: { name: "x" } } }),
        )
      )?.code,
    ).toBe(403);
    expect((await statusOf(scoped.listNamespace()))?.code).toBe(403);
  });
});
