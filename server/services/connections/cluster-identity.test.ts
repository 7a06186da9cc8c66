import { describe, expect, it } from "vitest";
import { clusterIdentity, type TIdentitySettings } from "./cluster-identity";

const settings: TIdentitySettings = {
  issuerUrl: "https://login.example.com",
  usernameClaim: "sub",
  usernamePrefix: null,
  groupsClaim: null,
  groupsPrefix: null,
};

describe("clusterIdentity (kube-apiserver's --oidc-* prefix rules)", () => {
  it("puts '<issuer>#' before any claim but email when no prefix is set", () => {
    expect(clusterIdentity({ sub: "u-1" }, settings)).toEqual({
      ok: true,
      username: "https://login.example.com#u-1",
      groups: [],
    });
    expect(
      clusterIdentity({ email: "a@example.com" }, { ...settings, usernameClaim: "email" }),
    ).toMatchObject({ username: "a@example.com" });
  });

  it("uses no prefix for '-', and the given prefix otherwise", () => {
    expect(clusterIdentity({ sub: "u-1" }, { ...settings, usernamePrefix: "-" })).toMatchObject({
      username: "u-1",
    });
    expect(clusterIdentity({ sub: "u-1" }, { ...settings, usernamePrefix: "oidc:" })).toMatchObject(
      { username: "oidc:u-1" },
    );
  });

  it("reads groups from a list or a single string, with the groups prefix", () => {
    const withGroups = { ...settings, groupsClaim: "groups", groupsPrefix: "oidc:" };
    expect(clusterIdentity({ sub: "u", groups: ["dev", "ops"] }, withGroups)).toMatchObject({
      groups: ["oidc:dev", "oidc:ops"],
    });
    expect(clusterIdentity({ sub: "u", groups: "dev" }, withGroups)).toMatchObject({
      groups: ["oidc:dev"],
    });
  });

  it("refuses a token without the username claim, or with an unverified email", () => {
    expect(clusterIdentity({ sub: "u" }, { ...settings, usernameClaim: "email" })).toEqual({
      ok: false,
      problem: expect.stringContaining('no "email" claim') as string,
    });
    expect(
      clusterIdentity(
        { email: "a@example.com", email_verified: false },
        { ...settings, usernameClaim: "email" },
      ),
    ).toMatchObject({ ok: false, problem: expect.stringContaining("not verified") as string });
  });
});
