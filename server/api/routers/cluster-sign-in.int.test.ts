// User sign-in per cluster through the router: set / get / clear with field-level refusals, the
// client secret sealed at rest and never answered, audit records without it, and "Test" against a
// real HTTPS issuer (the test issuer, with its own CA) — good, misconfigured, missing, untrusted, down.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, clusterUserSignIns, clusters } from "@/db/schema";
import { startKubeTestServer } from "@/k8s-test-server/index";
import { type OidcTestIssuer, startOidcTestIssuer } from "@/k8s-test-server/oidc-test-issuer";
import { openSecret } from "@/server/crypto/secret-box";
import { sealCredentials } from "@/server/services/clusters/cluster-credentials";
import { callerFor, createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { fieldErrorsOf } from "@/testing/field-errors";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

const SECRET = "client-secret-9d8c7b6a";

function signInRows(db: Db, clusterId: string) {
  return db.select().from(clusterUserSignIns).where(eq(clusterUserSignIns.clusterId, clusterId));
}

/** What an authorization server's discovery names (the test issuer serves none of these). */
function serverEndpoints(url: string) {
  return {
    authorization_endpoint: `${url}/auth`,
    token_endpoint: `${url}/token`,
    revocation_endpoint: `${url}/token/revocation`,
    code_challenge_methods_supported: ["S256"],
  };
}

describe.each(testDatabaseKinds())("cluster user sign-in (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let issuer: OidcTestIssuer;
  let n = 0;

  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
  });
  afterAll(async () => {
    await issuer.stop();
  });

  async function arrange(values: { emulated?: boolean } = {}) {
    n += 1;
    const db = database().db;
    const user = await createTestUser(db, `sign-in-admin-${n}`, { isAdmin: true });
    const cluster = await insertTestCluster(db, `sign-in-${n}`, values);
    return { db, api: callerFor(db, user), cluster };
  }

  function oidc(name: string, over: Record<string, unknown> = {}) {
    return {
      name,
      kind: "oidc" as const,
      issuerUrl: issuer.url,
      clientId: "slipway",
      clientSecret: SECRET,
      caData: issuer.caPem,
      ...over,
    };
  }

  it("is none until set; get tells whether a secret is set, never the secret", async () => {
    const { api, cluster } = await arrange();
    expect(await api.clusterSignIn.get({ name: cluster.name })).toEqual({ kind: "none" });
    await api.clusterSignIn.set(
      oidc(cluster.name, { groupsClaim: "groups", groupsPrefix: "oidc:" }),
    );
    const view = await api.clusterSignIn.get({ name: cluster.name });
    expect(view).toMatchObject({
      kind: "oidc",
      issuerUrl: issuer.url,
      clientId: "slipway",
      clientSecretSet: true,
      scopes: "openid email profile",
      usernameClaim: "sub",
      usernamePrefix: null,
      // kube-apiserver's default for a claim other than email.
      effectiveUsernamePrefix: `${issuer.url}#`,
      groupsClaim: "groups",
      groupsPrefix: "oidc:",
    });
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });

  it("seals the client secret at rest, keeps it when the form leaves it empty, drops it for a public client", async () => {
    const { db, api, cluster } = await arrange();
    await api.clusterSignIn.set(oidc(cluster.name));
    const [row] = await signInRows(db, cluster.id);
    expect(row?.clientSecret).not.toContain(SECRET);
    expect(openSecret(row?.clientSecret ?? "")).toBe(SECRET);

    await api.clusterSignIn.set(oidc(cluster.name, { clientSecret: "", scopes: "openid" }));
    const [kept] = await signInRows(db, cluster.id);
    expect(kept?.clientSecret).toBe(row?.clientSecret);
    expect(kept?.scopes).toBe("openid");

    const view = await api.clusterSignIn.set(
      oidc(cluster.name, { clientSecret: "", publicClient: true }),
    );
    expect(view).toMatchObject({ clientSecretSet: false });
  });

  it("audits set and clear without the secret; clear returns to none and cascades with the cluster", async () => {
    const { db, api, cluster } = await arrange();
    await api.clusterSignIn.set(oidc(cluster.name));
    expect(await api.clusterSignIn.clear({ name: cluster.name })).toEqual({ kind: "none" });
    expect(await api.clusterSignIn.get({ name: cluster.name })).toEqual({ kind: "none" });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "cluster"), eq(auditEvents.targetId, cluster.name)))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual([
      "cluster.set-user-sign-in",
      "cluster.clear-user-sign-in",
    ]);
    expect(events[0]?.after).toMatchObject({
      kind: "oidc",
      clientSecretSet: true,
      clientSecretChanged: true,
    });
    expect(events[1]?.after).toEqual({ kind: "none" });
    expect(JSON.stringify(events)).not.toContain(SECRET);

    // Clearing again records nothing; deleting the cluster takes its settings along.
    await api.clusterSignIn.clear({ name: cluster.name });
    expect(
      await db.select().from(auditEvents).where(eq(auditEvents.targetId, cluster.name)),
    ).toHaveLength(2);
    await api.clusterSignIn.set(oidc(cluster.name));
    await api.cluster.delete({ name: cluster.name, confirmName: cluster.name });
    expect(await signInRows(db, cluster.id)).toEqual([]);
  });

  it("refuses bad settings field by field, in words", async () => {
    const { api, cluster } = await arrange();
    const refused = (over: Record<string, unknown>) =>
      fieldErrorsOf(api.clusterSignIn.set(oidc(cluster.name, over)));
    expect((await refused({ issuerUrl: "http://login.example.com" })).fields).toEqual({
      issuerUrl: ["The issuer must be https://, as the API server requires."],
    });
    expect((await refused({ issuerUrl: "" })).fields).toEqual({
      issuerUrl: ["Enter the issuer URL."],
    });
    expect((await refused({ clientId: "" })).fields).toEqual({
      clientId: ["Enter the client ID."],
    });
    expect((await refused({ scopes: "email profile" })).fields).toEqual({
      scopes: ['Scopes must include "openid" to get an ID token.'],
    });
    expect((await refused({ caData: "not a pem" })).fields).toEqual({
      caData: ["Paste the CA bundle as PEM (-----BEGIN CERTIFICATE-----)."],
    });
    expect((await refused({ usernameClaim: "has space" })).fields).toEqual({
      usernameClaim: ["Username claim: use letters, digits and _ : . / - only."],
    });
    // No secret yet, and not a public client.
    expect((await refused({ clientSecret: "" })).fields).toEqual({
      clientSecret: [
        "Enter the client secret, or mark the client as public (PKCE without a secret).",
      ],
    });
  });

  it("accepts an http issuer on localhost only for the emulated sandbox cluster", async () => {
    const real = await arrange();
    const local = oidc(real.cluster.name, { issuerUrl: "http://localhost:3001/oidc" });
    expect((await fieldErrorsOf(real.api.clusterSignIn.set(local))).fields).toEqual({
      issuerUrl: [
        "The issuer must be https://: a real API server refuses any other (http:// on localhost is only for the emulated sandbox).",
      ],
    });
    const sandbox = await arrange({ emulated: true });
    const view = await sandbox.api.clusterSignIn.set(
      oidc(sandbox.cluster.name, { issuerUrl: "http://localhost:3001/oidc" }),
    );
    expect(view).toMatchObject({ issuerUrl: "http://localhost:3001/oidc" });
  });

  describe("test", () => {
    it("reports what a good issuer offers", async () => {
      const good = await startOidcTestIssuer({ discovery: serverEndpoints("https://idp") });
      try {
        const { api, cluster } = await arrange();
        await api.clusterSignIn.set(
          oidc(cluster.name, { issuerUrl: good.url, caData: good.caPem }),
        );
        expect(await api.clusterSignIn.test({ name: cluster.name })).toEqual({
          ok: true,
          discoveryUrl: `${good.url}/.well-known/openid-configuration`,
          problems: [],
          found: {
            issuer: good.url,
            authorizationEndpoint: "https://idp/auth",
            tokenEndpoint: "https://idp/token",
            revocationEndpoint: "https://idp/token/revocation",
            pkceS256: true,
            signingAlgs: ["RS256", "ES256"],
            signingKeys: 2,
          },
        });
      } finally {
        await good.stop();
      }
    });

    it("says when discovery names another issuer, or there are no signing keys", async () => {
      const wrong = await startOidcTestIssuer({
        discovery: { ...serverEndpoints("https://idp"), issuer: "https://elsewhere.example" },
        publishKeys: false,
      });
      try {
        const { api, cluster } = await arrange();
        await api.clusterSignIn.set(
          oidc(cluster.name, { issuerUrl: wrong.url, caData: wrong.caPem }),
        );
        const result = await api.clusterSignIn.test({ name: cluster.name });
        expect(result.ok).toBe(false);
        expect(result.problems).toEqual([
          `discovery names issuer "https://elsewhere.example", not "${wrong.url}"`,
          "no signing keys in the JWKS",
        ]);
      } finally {
        await wrong.stop();
      }
    });

    it("says when the issuer names no endpoints to sign in with", async () => {
      const { api, cluster } = await arrange();
      const bare = await startOidcTestIssuer();
      try {
        await api.clusterSignIn.set(
          oidc(cluster.name, { issuerUrl: bare.url, caData: bare.caPem }),
        );
        expect((await api.clusterSignIn.test({ name: cluster.name })).problems).toEqual([
          "discovery names no authorization_endpoint: users could not sign in",
          "discovery names no token_endpoint: Slipway could not get tokens",
        ]);
      } finally {
        await bare.stop();
      }
    });

    it("says the issuer answered 404 for a wrong issuer path", async () => {
      const { api, cluster } = await arrange();
      await api.clusterSignIn.set(oidc(cluster.name, { issuerUrl: `${issuer.url}/realms/x` }));
      expect(await api.clusterSignIn.test({ name: cluster.name })).toMatchObject({
        ok: false,
        problems: ["the issuer answered 404 for /realms/x/.well-known/openid-configuration"],
        found: null,
      });
    });

    it("says the certificate is signed by an unknown authority without the issuer's CA", async () => {
      const { api, cluster } = await arrange();
      await api.clusterSignIn.set(oidc(cluster.name, { caData: "" }));
      expect((await api.clusterSignIn.test({ name: cluster.name })).problems).toEqual([
        "certificate signed by unknown authority: check the CA bundle",
      ]);
    });

    it("says the connection was refused when the issuer is down", async () => {
      const down = await startOidcTestIssuer();
      await down.stop();
      const { api, cluster } = await arrange();
      await api.clusterSignIn.set(oidc(cluster.name, { issuerUrl: down.url }));
      expect((await api.clusterSignIn.test({ name: cluster.name })).problems).toEqual([
        "unreachable: connection refused",
      ]);
    });

    it("asks an OpenShift cluster's API server for its OAuth server, trusting the cluster's CA", async () => {
      const kube = await startKubeTestServer();
      try {
        const { api, cluster } = await arrange();
        await database()
          .db.update(clusters)
          .set({
            apiUrl: kube.url,
            ...sealCredentials({ kind: "token", token: kube.adminToken, caData: kube.caPem }),
          })
          .where(eq(clusters.id, cluster.id));
        await api.clusterSignIn.set({
          name: cluster.name,
          kind: "openshift",
          clientId: "slipway",
          clientSecret: SECRET,
        });
        expect(await api.clusterSignIn.get({ name: cluster.name })).toMatchObject({
          kind: "openshift",
          issuerUrl: null,
          clientSecretSet: true,
        });
        // Not OpenShift (which serves this document to anyone): the test server refuses an anonymous
        // request. The TLS handshake, trusting the cluster's CA, succeeded.
        expect(await api.clusterSignIn.test({ name: cluster.name })).toEqual({
          ok: false,
          discoveryUrl: `${kube.url}/.well-known/oauth-authorization-server`,
          problems: ["the API server answered 401 for /.well-known/oauth-authorization-server"],
          found: null,
        });
      } finally {
        await kube.stop();
      }
    });

    it("says there is nothing to test when sign-in is not configured", async () => {
      const { api, cluster } = await arrange();
      expect(await api.clusterSignIn.test({ name: cluster.name })).toEqual({
        ok: false,
        discoveryUrl: null,
        problems: [`user sign-in is not configured for cluster "${cluster.name}": nothing to test`],
        found: null,
      });
    });
  });
});
