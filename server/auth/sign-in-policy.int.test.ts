// Who may sign in, asked of a real HTTP server playing GitHub (testing/fake-github.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGithub, type TFakeGithub } from "@/testing/fake-github";
import { githubUserWithVerifiedEmail } from "./github-api";
import { userFromGithubProfile, userFromOidcProfile } from "./profile";
import { emailDomainAllowed, signInRefusal, type TSignInPolicy } from "./sign-in-policy";

const manyOrgs = Array.from({ length: 230 }, (_, index) => `org-${index}`);

describe("sign-in policy", () => {
  let github: TFakeGithub;
  let policy: (overrides: Partial<TSignInPolicy>) => TSignInPolicy;

  beforeAll(async () => {
    github = await startFakeGithub({
      member: {
        user: { id: 1, login: "Octo", email: "public@elsewhere.example" },
        emails: [
          { email: "octo@personal.example", primary: false, verified: true },
          { email: "Octo@Acme.com", primary: true, verified: true },
        ],
        orgs: ["other", "Acme"],
      },
      outsider: {
        user: { id: 2, login: "stranger", email: null },
        emails: [{ email: "stranger@acme.com", primary: true, verified: true }],
        orgs: ["other"],
      },
      // Member of the listed org only on the third page of /user/orgs.
      joiner: {
        user: { id: 3, login: "joiner" },
        emails: [{ email: "joiner@acme.com", primary: true, verified: false }],
        orgs: [...manyOrgs, "acme"],
      },
      noReadOrg: {
        user: { id: 4, login: "noscope" },
        emails: [{ email: "noscope@acme.com", primary: true, verified: true }],
        orgs: ["acme"],
        orgsStatus: 403,
      },
    });
    policy = (overrides) => ({
      allowedEmailDomains: [],
      githubOrgs: [],
      githubApiUrl: github.url,
      ...overrides,
    });
  });

  afterAll(async () => {
    await github?.close();
  });

  describe("SLIPWAY_ALLOWED_EMAIL_DOMAINS", () => {
    const domains = policy0({ allowedEmailDomains: ["example.com", "corp.example"] });

    it("admits a verified e-mail in a listed domain, case-insensitively", async () => {
      expect(await signInRefusal({ kind: "oidc", email: "ann@example.com" }, domains)).toBeNull();
      expect(await signInRefusal({ kind: "dev", email: "Ann@Corp.Example" }, domains)).toBeNull();
    });

    it("refuses other domains, subdomains and look-alikes", async () => {
      for (const email of [
        "ann@other.example",
        "ann@mail.example.com",
        "ann@example.com.evil.example",
        "ann@notexample.com",
      ]) {
        expect(await signInRefusal({ kind: "oidc", email }, domains)).toBe("email-domain");
      }
    });

    it("refuses an OIDC e-mail that is not verified (email_verified missing or false)", async () => {
      for (const claims of [
        { sub: "1", email: "ann@example.com" },
        { sub: "1", email: "ann@example.com", email_verified: false },
        { sub: "1", email: "ann@example.com", email_verified: "true" },
      ]) {
        const { email } = userFromOidcProfile(claims);
        expect(await signInRefusal({ kind: "oidc", email }, domains)).toBe("email-unverified");
      }
      const verified = userFromOidcProfile({
        sub: "1",
        email: "ann@example.com",
        email_verified: true,
      });
      expect(await signInRefusal({ kind: "oidc", email: verified.email }, domains)).toBeNull();
    });

    it("admits anyone the provider accepts when no domain is listed", async () => {
      expect(await signInRefusal({ kind: "oidc", email: null }, policy0({}))).toBeNull();
    });

    it("matches exactly the part after the last @", () => {
      expect(emailDomainAllowed("a@b@example.com", ["example.com"])).toBe(true);
      expect(emailDomainAllowed("example.com", ["example.com"])).toBe(false);
    });
  });

  describe("GitHub", () => {
    it("takes the verified primary e-mail from /user/emails, not the public profile e-mail", async () => {
      const profile = await githubUserWithVerifiedEmail("member", github.url);
      expect(userFromGithubProfile(profile)).toMatchObject({
        email: "octo@acme.com",
        username: "octo",
      });
      // An unverified primary address is no address.
      const joiner = await githubUserWithVerifiedEmail("joiner", github.url);
      expect(userFromGithubProfile(joiner).email).toBeNull();
    });

    it("admits a member of a listed organisation, asking with the user's token", async () => {
      const orgs = policy({ githubOrgs: ["acme"] });
      github.requests.length = 0;
      expect(
        await signInRefusal(
          { kind: "github", email: "octo@acme.com", accessToken: "member" },
          orgs,
        ),
      ).toBeNull();
      expect(github.requests).toEqual(["/user/orgs?per_page=100&page=1"]);
    });

    it("reads every page of organisations", async () => {
      const orgs = policy({ githubOrgs: ["acme"] });
      github.requests.length = 0;
      expect(
        await signInRefusal({ kind: "github", email: null, accessToken: "joiner" }, orgs),
      ).toBeNull();
      expect(github.requests).toHaveLength(3);
    });

    it("refuses a user in none of the listed organisations", async () => {
      const orgs = policy({ githubOrgs: ["acme", "initech"] });
      expect(
        await signInRefusal({ kind: "github", email: null, accessToken: "outsider" }, orgs),
      ).toBe("github-org");
    });

    it("refuses, never admits, when GitHub does not answer the question", async () => {
      const orgs = policy({ githubOrgs: ["acme"] });
      expect(
        await signInRefusal({ kind: "github", email: null, accessToken: "noReadOrg" }, orgs),
      ).toBe("github-unavailable");
      expect(
        await signInRefusal({ kind: "github", email: null, accessToken: "revoked" }, orgs),
      ).toBe("github-unavailable");
      expect(await signInRefusal({ kind: "github", email: null }, orgs)).toBe("github-unavailable");
      const down = { ...orgs, githubApiUrl: "http://127.0.0.1:9" };
      expect(
        await signInRefusal({ kind: "github", email: null, accessToken: "member" }, down),
      ).toBe("github-unavailable");
    });

    it("applies the organisation list to GitHub only, and both lists together", async () => {
      const both = policy({ githubOrgs: ["acme"], allowedEmailDomains: ["acme.com"] });
      expect(await signInRefusal({ kind: "oidc", email: "ann@acme.com" }, both)).toBeNull();
      expect(
        await signInRefusal(
          { kind: "github", email: "octo@personal.example", accessToken: "member" },
          both,
        ),
      ).toBe("email-domain");
      expect(
        await signInRefusal(
          { kind: "github", email: "octo@acme.com", accessToken: "member" },
          both,
        ),
      ).toBeNull();
    });
  });
});

/** A policy that never talks to GitHub. */
function policy0(overrides: Partial<TSignInPolicy>): TSignInPolicy {
  return {
    allowedEmailDomains: [],
    githubOrgs: [],
    githubApiUrl: "http://127.0.0.1:9",
    ...overrides,
  };
}
