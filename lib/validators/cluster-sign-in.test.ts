import { describe, expect, it } from "vitest";
import { effectiveUsernamePrefix, ZSetClusterSignInSchema } from "./cluster-sign-in";

describe("effectiveUsernamePrefix (kube-apiserver's --oidc-username-prefix rule)", () => {
  const issuer = "https://login.example.com";
  it("defaults to '<issuer>#' so that two issuers' subs cannot collide", () => {
    expect(effectiveUsernamePrefix(issuer, "sub", null)).toBe(`${issuer}#`);
  });
  it("defaults to none for the email claim", () => {
    expect(effectiveUsernamePrefix(issuer, "email", null)).toBe("");
  });
  it("takes '-' as no prefix and any other value as is", () => {
    expect(effectiveUsernamePrefix(issuer, "sub", "-")).toBe("");
    expect(effectiveUsernamePrefix(issuer, "sub", "oidc:")).toBe("oidc:");
  });
});

describe("ZSetClusterSignInSchema", () => {
  const base = { name: "prod", kind: "oidc", clientId: "slipway", clientSecret: "s" };
  it("fills kube-apiserver's defaults", () => {
    expect(ZSetClusterSignInSchema.parse({ ...base, issuerUrl: "https://idp" })).toMatchObject({
      scopes: "openid email profile",
      usernameClaim: "sub",
      usernamePrefix: "",
      groupsClaim: "",
      publicClient: false,
    });
  });
  it("lets http through only for localhost (the service then asks for the emulated sandbox)", () => {
    expect(
      ZSetClusterSignInSchema.safeParse({ ...base, issuerUrl: "http://localhost:3001" }).success,
    ).toBe(true);
    expect(
      ZSetClusterSignInSchema.safeParse({ ...base, issuerUrl: "http://idp.example" }).success,
    ).toBe(false);
  });
  it("needs no issuer for OpenShift", () => {
    expect(ZSetClusterSignInSchema.safeParse({ ...base, kind: "openshift" }).success).toBe(true);
  });
});

describe("OpenShift scopes", () => {
  const base = { name: "prod", kind: "openshift", clientId: "slipway" };
  const scopesError = (scopes: string) =>
    ZSetClusterSignInSchema.safeParse({ ...base, scopes }).error?.issues.find(
      (issue) => issue.path[0] === "scopes",
    )?.message;

  it("default to user:full, what oc login asks for", () => {
    expect(ZSetClusterSignInSchema.parse(base).scopes).toBe("user:full");
  });
  it("take OpenShift's user and role scopes", () => {
    expect(scopesError("user:info user:check-access role:view:team-dev")).toBeUndefined();
  });
  it("refuse OpenID scopes, which OpenShift's OAuth server does not know", () => {
    expect(scopesError("openid email")).toMatch(/OpenShift scopes are user:full/);
  });
});
