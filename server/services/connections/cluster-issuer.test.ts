// The connect flow asks a cluster's issuer over HTTPS trusting the CA the admin configured (the
// content of the API server's --oidc-ca-file), not only the system roots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcTestIssuer, type OidcTestIssuer } from "@/k8s-test-server/oidc-test-issuer";
import type { TOidcSignIn } from "./cluster-issuer";
import { openClusterIssuer } from "./cluster-issuer";

function signInFor(issuerUrl: string, caData: string | null): TOidcSignIn {
  const now = new Date();
  return {
    clusterId: "c",
    kind: "oidc",
    issuerUrl,
    clientId: "slipway-clusters",
    clientSecret: null,
    clientSecretKeyId: null,
    scopes: "openid email",
    usernameClaim: "email",
    usernamePrefix: null,
    groupsClaim: null,
    groupsPrefix: null,
    caData,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
  };
}

describe("openClusterIssuer", () => {
  let issuer: OidcTestIssuer;
  let misnamed: OidcTestIssuer;
  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
    misnamed = await startOidcTestIssuer({ discovery: { issuer: "https://elsewhere.example" } });
  });
  afterAll(async () => {
    await issuer.stop();
    await misnamed.stop();
  });

  it("reads discovery over HTTPS trusting the configured CA", async () => {
    const opened = await openClusterIssuer(signInFor(issuer.url, issuer.caPem));
    expect(opened.as.issuer).toBe(issuer.url);
    expect(opened.client).toEqual({ client_id: "slipway-clusters" });
  });

  it("refuses an issuer whose certificate the configured CA did not sign", async () => {
    await expect(openClusterIssuer(signInFor(issuer.url, null))).rejects.toThrow(
      new RegExp(
        `^the identity provider at ${issuer.url} could not be asked for its settings \\(.*certificate`,
      ),
    );
  });

  it("refuses discovery that names another issuer", async () => {
    await expect(openClusterIssuer(signInFor(misnamed.url, misnamed.caPem))).rejects.toThrow(
      /could not be asked for its settings \(.*issuer/,
    );
  });
});
