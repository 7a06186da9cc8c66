// OIDC ID tokens as bearer tokens (kube-apiserver's --oidc-* flags). Any cluster refuses a token
// from an issuer it does not trust; the rest configures the test server to trust a test issuer,
// which a real cluster's flags cannot be made to do from here.
import { AuthenticationV1Api, AuthorizationV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeTestServer, startKubeTestServer } from "../index.js";
import { type OidcTestIssuer, startOidcTestIssuer } from "../oidc-test-issuer.js";
import {
  kubeConfigWithToken,
  namespaceBoundTo,
  rawRequest,
  setupTarget,
  skipReason,
  statusOf,
  usingRealCluster,
} from "./target.js";

let issuer: OidcTestIssuer;
beforeAll(async () => {
  issuer = await startOidcTestIssuer();
});
afterAll(async () => {
  await issuer.stop();
});

const inTenMinutes = () => Math.floor(Date.now() / 1000) + 600;

describe("ID tokens from an issuer the cluster does not trust", () => {
  const target = setupTarget();

  it("are 401 Unauthorized with kube-apiserver's Status body", async () => {
    const token = issuer.mint({ sub: "mallory", aud: "kubernetes", exp: inTenMinutes() });
    const res = await rawRequest(
      kubeConfigWithToken(target().kc, token),
      "GET",
      "/api/v1/namespaces",
    );
    expect(res.code).toBe(401);
    expect(res.body).toMatchObject({
      kind: "Status",
      status: "Failure",
      message: "Unauthorized",
      reason: "Unauthorized",
      code: 401,
    });
  });
});

describe.skipIf(usingRealCluster)("ID tokens from a configured issuer (test server)", () => {
  if (usingRealCluster) console.log(skipReason("configuring an OIDC issuer"));

  let server: KubeTestServer;
  const log: string[] = [];
  beforeAll(async () => {
    server = await startKubeTestServer({
      oidc: [
        {
          issuerUrl: issuer.url,
          clientId: "kubernetes",
          caPem: issuer.caPem,
          usernameClaim: "email",
          groupsClaim: "groups",
          groupsPrefix: "oidc:",
        },
      ],
      log: (m) => log.push(m),
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  const token = (claims: Record<string, unknown> = {}) =>
    issuer.mint({
      sub: "u-1",
      email: "ada@example.com",
      email_verified: true,
      groups: ["developers"],
      aud: "kubernetes",
      exp: inTenMinutes(),
      ...claims,
    });
  const coreAs = (t: string) => server.kubeConfigFor(t).makeApiClient(CoreV1Api);

  const namespaceWithBinding = (subject: { kind: "User" | "Group"; name: string }, role: string) =>
    namespaceBoundTo(server.kubeConfig, "ct-oidc", subject, role);

  it("authenticate as the email and groups claims; RBAC grants what a binding to the user gives, nothing more", async () => {
    const ns = await namespaceWithBinding({ kind: "User", name: "ada@example.com" }, "view");
    const ada = coreAs(token());
    expect(await statusOf(ada.listNamespacedConfigMap({ namespace: ns }))).toBeUndefined();
    const denied = await statusOf(
      ada.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "x" } } }),
    );
    expect(denied?.code).toBe(403);
    expect(denied?.body.message).toBe(
      `configmaps is forbidden: User "ada@example.com" cannot create resource "configmaps" in API group "" in the namespace "${ns}"`,
    );
    const other = await namespaceWithBinding({ kind: "User", name: "someone-else" }, "view");
    expect((await statusOf(ada.listNamespacedConfigMap({ namespace: other })))?.code).toBe(403);
  });

  it("the groups claim, prefixed, is what group bindings match", async () => {
    const ns = await namespaceWithBinding({ kind: "Group", name: "oidc:developers" }, "edit");
    const body = { metadata: { name: "made-by-a-developer" } };
    expect(
      await statusOf(coreAs(token()).createNamespacedConfigMap({ namespace: ns, body })),
    ).toBeUndefined();
    const outsider = coreAs(token({ email: "eve@example.com", groups: ["guests"] }));
    expect((await statusOf(outsider.listNamespacedConfigMap({ namespace: ns })))?.code).toBe(403);
    // Unprefixed, the same group name grants nothing.
    const unprefixed = await namespaceWithBinding({ kind: "Group", name: "developers" }, "edit");
    expect(
      (await statusOf(coreAs(token()).listNamespacedConfigMap({ namespace: unprefixed })))?.code,
    ).toBe(403);
  });

  it("SelfSubjectAccessReview answers for the token's user", async () => {
    const ns = await namespaceWithBinding({ kind: "User", name: "ada@example.com" }, "view");
    const authz = server.kubeConfigFor(token()).makeApiClient(AuthorizationV1Api);
    const review = (verb: string) =>
      authz.createSelfSubjectAccessReview({
        body: { spec: { resourceAttributes: { namespace: ns, verb, resource: "configmaps" } } },
      });
    expect((await review("list")).status?.allowed).toBe(true);
    expect((await review("delete")).status?.allowed).toBe(false);
  });

  it("SelfSubjectReview (whoami) reports the user and groups the token maps to", async () => {
    const authn = server.kubeConfigFor(token()).makeApiClient(AuthenticationV1Api);
    const review = await authn.createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo).toEqual({
      username: "ada@example.com",
      groups: ["oidc:developers", "system:authenticated"],
    });
  });

  it.each([
    ["expired", { exp: Math.floor(Date.now() / 1000) - 1 }, "oidc: token is expired"],
    ["for another audience", { aud: "not-kubernetes" }, 'oidc: expected audience "kubernetes"'],
    ["with an unverified email", { email_verified: false }, "oidc: email not verified"],
  ])("%s: 401 Unauthorized, the reason only in the server's log", async (_, claims, reason) => {
    log.length = 0;
    const res = await rawRequest(server.kubeConfigFor(token(claims)), "GET", "/api/v1/namespaces");
    expect(res.code).toBe(401);
    expect(res.body).toMatchObject({ message: "Unauthorized", reason: "Unauthorized" });
    expect(res.text).not.toContain("oidc");
    expect(log).toEqual([expect.stringContaining(reason) as unknown]);
  });

  it("a token naming another issuer is 401 and its keys are never fetched", async () => {
    const before = issuer.jwksRequests;
    const res = await rawRequest(
      server.kubeConfigFor(token({ iss: "https://issuer.invalid" })),
      "GET",
      "/api/v1/namespaces",
    );
    expect(res.code).toBe(401);
    expect(issuer.jwksRequests).toBe(before);
  });
});
