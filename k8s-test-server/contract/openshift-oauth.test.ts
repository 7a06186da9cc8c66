// OpenShift's integrated OAuth server as the test server emulates it (openshift/oauth-server's
// osin flow, oauth-apiserver's token objects). Expected answers are OpenShift 4's, read from
// upstream; a real cluster here would be vanilla Kubernetes, so the whole file is test-server only.
import { createHash } from "node:crypto";
import {
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  RbacAuthorizationV1Api,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeTestServer, startKubeTestServer } from "../index.js";
import { authorizeAndLogin, call, pkcePair, redirectParams } from "./openshift-oauth-client.js";
import {
  namespaceBoundTo,
  rawRequest,
  skipReason,
  statusOf,
  uniqueName,
  usingRealCluster,
} from "./target.js";

const CALLBACK = "https://slipway.example/api/connections/callback";
const SECRET = "slipway-client-secret";
const ada = { username: "ada", password: "correct horse" };
const bob = { username: "bob", password: "battery staple" };

describe.skipIf(usingRealCluster)("OpenShift OAuth server (test server)", () => {
  if (usingRealCluster) console.log(skipReason("emulating OpenShift's OAuth server"));

  let server: KubeTestServer;
  let clock = Date.now();
  beforeAll(async () => {
    server = await startKubeTestServer({
      openshiftOAuth: {
        users: [
          { name: "ada", password: ada.password, groups: ["developers"] },
          { name: "bob", password: bob.password },
        ],
        clients: [
          { name: "slipway", secret: SECRET, redirectURIs: [CALLBACK] },
          { name: "cli", redirectURIs: ["http://127.0.0.1/callback"] },
          { name: "brief", secret: SECRET, redirectURIs: [CALLBACK], accessTokenMaxAgeSeconds: 60 },
        ],
        now: () => clock,
      },
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  const issuer = () => server.openshiftOAuth?.issuer ?? "";
  const post = (form: Record<string, string>, headers?: Record<string, string>) =>
    call(server.caPem, "POST", `${issuer()}/oauth/token`, {
      form,
      ...(headers ? { headers } : {}),
    });

  /** Logs `who` in through the form and returns the code and the PKCE verifier it is bound to. */
  async function codeFor(who = ada, client = "slipway", scope?: string) {
    const { verifier, challenge } = pkcePair();
    const state = uniqueName("state");
    const { answer } = await authorizeAndLogin(
      issuer(),
      server.caPem,
      {
        client_id: client,
        redirect_uri: CALLBACK,
        state,
        code_challenge: challenge,
        code_challenge_method: "S256",
        ...(scope ? { scope } : {}),
      },
      who,
    );
    expect(answer.status).toBe(302);
    const back = redirectParams(answer);
    expect(back.get("state")).toBe(state);
    return { code: back.get("code") ?? "", verifier };
  }

  const WHOAMI = "/apis/user.openshift.io/v1/users/~";
  const whoami = (token: string) => rawRequest(server.kubeConfigFor(token), "GET", WHOAMI);

  const exchange = (code: string, verifier: string, extra: Record<string, string> = {}) =>
    post({
      grant_type: "authorization_code",
      code,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
      client_id: "slipway",
      client_secret: SECRET,
      ...extra,
    });

  async function tokenFor(who = ada, scope?: string): Promise<string> {
    const { code, verifier } = await codeFor(who, "slipway", scope);
    const res = await exchange(code, verifier);
    expect(res.status).toBe(200);
    expect(res.json.scope).toBe(scope ?? "user:full");
    return String(res.json.access_token);
  }

  it("discovery: the document OpenShift serves, unauthenticated, with no revocation endpoint", async () => {
    const res = await call(
      server.caPem,
      "GET",
      `${issuer()}/.well-known/oauth-authorization-server`,
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      issuer: server.url,
      authorization_endpoint: `${server.url}/oauth/authorize`,
      token_endpoint: `${server.url}/oauth/token`,
      scopes_supported: [
        "user:check-access",
        "user:full",
        "user:info",
        "user:list-projects",
        "user:list-scoped-projects",
      ],
      response_types_supported: ["code", "token"],
      grant_types_supported: ["authorization_code", "implicit"],
      code_challenge_methods_supported: ["plain", "S256"],
    });
  });

  it("code flow with PKCE S256: an opaque sha256~ token, no refresh token, bound to the client's max age", async () => {
    const { code, verifier } = await codeFor();
    expect(code).toMatch(/^sha256~[A-Za-z0-9_-]{43}$/);
    const res = await exchange(code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    expect(res.json).toEqual({
      access_token: expect.stringMatching(/^sha256~[A-Za-z0-9_-]{43}$/) as unknown,
      token_type: "Bearer",
      expires_in: 86400,
      scope: "user:full",
    });
  });

  it("client auth by HTTP Basic works as well as in the body; a public client sends an empty secret", async () => {
    const { code, verifier } = await codeFor();
    const basic = `Basic ${Buffer.from(`slipway:${SECRET}`).toString("base64")}`;
    const res = await post(
      { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier },
      { Authorization: basic },
    );
    expect(res.status).toBe(200);

    const { verifier: v2, challenge } = pkcePair();
    const cb = "http://127.0.0.1:43123/callback"; // loopback: any port matches the registered URI
    const { answer } = await authorizeAndLogin(
      issuer(),
      server.caPem,
      {
        client_id: "cli",
        redirect_uri: cb,
        code_challenge: challenge,
        code_challenge_method: "S256",
      },
      bob,
    );
    const publicCode = redirectParams(answer).get("code") ?? "";
    const form = {
      grant_type: "authorization_code",
      code: publicCode,
      redirect_uri: cb,
      code_verifier: v2,
      client_id: "cli",
    };
    // No client_secret at all is "Client authentication not sent" on OpenShift, even for a public client.
    expect((await post(form)).json.error).toBe("invalid_request");
    expect((await post({ ...form, client_secret: "" })).status).toBe(200);
  });

  it("the token works through client-node: RBAC by user or group, SelfSubjectReview shows who", async () => {
    const token = await tokenFor(ada);
    const core = server.kubeConfigFor(token).makeApiClient(CoreV1Api);
    expect((await statusOf(core.listNamespace()))?.code).toBe(403);
    const rbac = server.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    const name = uniqueName("ns-lister");
    await rbac.createClusterRole({
      body: {
        metadata: { name },
        rules: [{ apiGroups: [""], resources: ["namespaces"], verbs: ["list"] }],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "developers" }],
      },
    });
    expect(await statusOf(core.listNamespace())).toBeUndefined();
    const bobCore = server.kubeConfigFor(await tokenFor(bob)).makeApiClient(CoreV1Api);
    const denied = await statusOf(bobCore.listNamespace());
    expect(denied?.code).toBe(403);
    expect(denied?.body.message).toBe(
      'namespaces is forbidden: User "bob" cannot list resource "namespaces" in API group "" at the cluster scope',
    );

    const review = await server
      .kubeConfigFor(token)
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo).toEqual({
      username: "ada",
      uid: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      groups: ["developers", "system:authenticated:oauth", "system:authenticated"],
      extra: { "scopes.authorization.openshift.io": ["user:full"] },
    });
  });

  it("a token scoped below user:full may do only what its scopes cover, whatever RBAC grants", async () => {
    const ns = await namespaceBoundTo(
      server.kubeConfig,
      "scoped",
      { kind: "User", name: "ada" },
      "edit",
    );
    const full = server.kubeConfigFor(await tokenFor(ada));
    expect(
      await statusOf(full.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: ns })),
    ).toBeUndefined();

    const info = await tokenFor(ada, "user:info");
    expect((await whoami(info)).code).toBe(200);
    const kc = server.kubeConfigFor(info);
    expect(
      (await statusOf(kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: ns })))
        ?.code,
    ).toBe(403);
    expect(
      (await statusOf(kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} })))
        ?.code,
    ).toBe(403);
    expect((await rawRequest(kc, "GET", "/apis")).code).toBe(200); // discovery stays open

    const check = server.kubeConfigFor(await tokenFor(ada, "user:info user:check-access"));
    const review = await check.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        spec: { resourceAttributes: { namespace: ns, verb: "list", resource: "configmaps" } },
      },
    });
    // The review answers with the token's effective rights: its scopes do not cover listing.
    expect(review.status?.allowed).toBe(false);
  });

  it("a wrong password shows the form again with 401 and issues no code", async () => {
    const { answer } = await authorizeAndLogin(
      issuer(),
      server.caPem,
      { client_id: "slipway", redirect_uri: CALLBACK, state: "s" },
      { username: "ada", password: "wrong" },
    );
    expect(answer.status).toBe(401);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.text).toContain("Login failed");
    expect(answer.text).toContain('name="password"');
  });

  it("an unknown client or a redirect_uri the client does not list: 400 JSON error, never a redirect", async () => {
    const get = (q: Record<string, string>) =>
      call(
        server.caPem,
        "GET",
        `${issuer()}/oauth/authorize?${new URLSearchParams({ response_type: "code", state: "st", ...q })}`,
      );
    const unknown = await get({ client_id: "nobody", redirect_uri: CALLBACK });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.location).toBeUndefined();
    expect(unknown.json).toMatchObject({ error: "unauthorized_client", state: "st" });
    for (const uri of [
      "https://evil.example/api/connections/callback",
      "http://slipway.example/api/connections/callback",
      "https://slipway.example/api/connections/callbackx",
      "https://slipway.example/api/connections/callback#frag",
    ]) {
      const res = await get({ client_id: "slipway", redirect_uri: uri });
      expect({
        uri,
        status: res.status,
        error: res.json.error,
        location: res.headers.location,
      }).toEqual({
        uri,
        status: 400,
        error: "invalid_request",
        location: undefined,
      });
    }
    // OpenShift matches by path prefix: a path below the registered one is allowed.
    expect((await get({ client_id: "slipway", redirect_uri: `${CALLBACK}/deeper` })).status).toBe(
      200,
    );
  });

  it("other authorize errors go back to the client as RFC 6749 redirects with the state", async () => {
    const res = await call(
      server.caPem,
      "GET",
      `${issuer()}/oauth/authorize?${new URLSearchParams({ client_id: "slipway", redirect_uri: CALLBACK, response_type: "id_token", state: "st" })}`,
    );
    expect(res.status).toBe(302);
    expect(Object.fromEntries(redirectParams(res))).toMatchObject({
      error: "unsupported_response_type",
      state: "st",
    });
    const { answer } = await authorizeAndLogin(
      issuer(),
      server.caPem,
      { client_id: "slipway", redirect_uri: CALLBACK, scope: "user:full bogus", state: "st" },
      ada,
    );
    expect(Object.fromEntries(redirectParams(answer))).toEqual({
      error: "invalid_scope",
      error_description: '[1]: Invalid value: "bogus": no scope handler found',
      state: "st",
    });
  });

  it("a code is single use: replayed, OpenShift no longer finds it (unauthorized_client)", async () => {
    const { code, verifier } = await codeFor();
    expect((await exchange(code, verifier)).status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(again.json.error).toBe("unauthorized_client");
  });

  it("a wrong code_verifier is invalid_grant and does not spend the code", async () => {
    const { code, verifier } = await codeFor();
    const wrong = await exchange(code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toBe("invalid_grant");
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it("a wrong client secret, another redirect_uri, another grant type: OpenShift's error codes, all 400", async () => {
    const { code, verifier } = await codeFor();
    const secret = await exchange(code, verifier, { client_secret: "wrong" });
    expect([secret.status, secret.json.error]).toEqual([400, "unauthorized_client"]);
    const redirect = await exchange(code, verifier, { redirect_uri: `${CALLBACK}/other` });
    expect([redirect.status, redirect.json.error]).toEqual([400, "invalid_request"]);
    const refresh = await post({
      grant_type: "refresh_token",
      refresh_token: "x",
      client_id: "slipway",
      client_secret: SECRET,
    });
    expect(refresh.json.error).toBe("invalid_grant");
    expect(
      (await post({ grant_type: "urn:ietf:params:oauth:grant-type:device_code" })).json.error,
    ).toBe("unsupported_grant_type");
  });

  it("codes expire after 5 minutes and tokens after the client's max age (injected clock)", async () => {
    const start = clock;
    try {
      const { code, verifier } = await codeFor();
      clock = start + 300_001;
      expect((await exchange(code, verifier)).json.error).toBe("invalid_grant");

      clock = start;
      const brief = await codeFor(ada, "brief");
      const res = await exchange(brief.code, brief.verifier, { client_id: "brief" });
      expect(res.json.expires_in).toBe(60);
      const token = String(res.json.access_token);
      clock = start + 60_000;
      expect((await whoami(token)).code).toBe(200);
      clock = start + 60_001;
      const expired = await whoami(token);
      expect([expired.code, expired.body.reason]).toEqual([401, "Unauthorized"]);
    } finally {
      clock = start;
    }
  });

  it("users/~ is the bearer's User object, as `oc whoami` reads it", async () => {
    const res = await whoami(await tokenFor(ada));
    expect(res.code).toBe(200);
    expect(res.body).toMatchObject({
      kind: "User",
      apiVersion: "user.openshift.io/v1",
      metadata: { name: "ada" },
      identities: ["htpasswd:ada"],
      groups: ["developers", "system:authenticated", "system:authenticated:oauth"],
    });
    // Someone who never logged in through the OAuth server gets the virtual User of the request.
    const admin = await rawRequest(server.kubeConfig, "GET", WHOAMI);
    expect(admin.body).toMatchObject({
      metadata: { name: "kubernetes-admin" },
      identities: null,
      groups: ["system:authenticated", "system:masters"],
    });
  });

  it("useroauthaccesstokens: the owner deletes the token (401 after); another user gets 404, not 403", async () => {
    const token = await tokenFor(ada);
    // OpenShift's object name for a token: sha256~ + unpadded base64url(sha256(token minus "sha256~")).
    const hash = createHash("sha256").update(token.slice("sha256~".length)).digest("base64url");
    const name = `sha256~${hash}`;
    const path = `/apis/oauth.openshift.io/v1/useroauthaccesstokens/${name}`;
    const asBob = await rawRequest(server.kubeConfigFor(await tokenFor(bob)), "DELETE", path);
    expect(asBob.code).toBe(404);
    expect(asBob.body).toMatchObject({
      kind: "Status",
      reason: "NotFound",
      message: `useroauthaccesstokens.oauth.openshift.io "${name}" not found`,
    });
    expect((await whoami(token)).code).toBe(200);
    const kc = server.kubeConfigFor(token);
    expect((await rawRequest(kc, "GET", path)).body).toMatchObject({
      kind: "UserOAuthAccessToken",
      userName: "ada",
    });
    const deleted = await rawRequest(kc, "DELETE", path);
    expect(deleted.code).toBe(200);
    expect(deleted.body).toMatchObject({
      kind: "OAuthAccessToken",
      metadata: { name },
      userName: "ada",
      clientName: "slipway",
    });
    expect((await whoami(token)).code).toBe(401);
  });

  it("revokeAllFor deletes every token of one user and no one else's", async () => {
    const [first, second, other] = [await tokenFor(ada), await tokenFor(ada), await tokenFor(bob)];
    expect(server.openshiftOAuth?.revokeAllFor("ada")).toBeGreaterThanOrEqual(2);
    expect([
      (await whoami(first)).code,
      (await whoami(second)).code,
      (await whoami(other)).code,
    ]).toEqual([401, 401, 200]);
  });
});

describe.skipIf(usingRealCluster)("without the openshiftOAuth option (test server)", () => {
  let server: KubeTestServer;
  beforeAll(async () => {
    server = await startKubeTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("there is no OAuth server: discovery 404 (as vanilla kube-apiserver), sha256~ tokens 401", async () => {
    expect(server.openshiftOAuth).toBeUndefined();
    const discovery = await rawRequest(
      server.kubeConfig,
      "GET",
      "/.well-known/oauth-authorization-server",
    );
    expect([discovery.code, discovery.text]).toEqual([404, "404 page not found\n"]);
    // Without a token it is 401 like every non-public path (anonymous requests are off).
    const anonymous = await call(
      server.caPem,
      "GET",
      `${server.url}/.well-known/oauth-authorization-server`,
    );
    expect(anonymous.status).toBe(401);
    const token = `sha256~${"A".repeat(43)}`;
    const res = await rawRequest(server.kubeConfigFor(token), "GET", "/api/v1/namespaces");
    expect(res.code).toBe(401);
    const authorize = await rawRequest(server.kubeConfig, "GET", "/oauth/authorize?client_id=x");
    expect(authorize.code).toBe(404);
  });
});
