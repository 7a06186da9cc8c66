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
