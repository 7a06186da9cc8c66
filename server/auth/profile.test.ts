import { describe, expect, it } from "vitest";
import { normalizeUsername, userFromGithubProfile, userFromOidcProfile } from "./profile";

describe("profile mapping", () => {
  it("maps OIDC claims and lower-cases preferred_username and email", () => {
    expect(
      userFromOidcProfile({
        sub: "abc",
        name: "Alice Admin",
        email: "Alice@Example.com",
        email_verified: true,
        preferred_username: " Alice ",
        picture: "https://img/a.png",
      }),
    ).toEqual({
      id: "abc",
      name: "Alice Admin",
      email: "alice@example.com",
      image: "https://img/a.png",
      username: "alice",
    });
  });

  it("keeps an email only when email_verified is exactly true, since emails grant admin and sign-in", () => {
    for (const email_verified of [false, undefined, null, "true", 1]) {
      expect(
        userFromOidcProfile({ sub: "1", email: "admin@corp.example", email_verified }).email,
      ).toBeNull();
    }
    expect(
      userFromOidcProfile({ sub: "1", email: "Ann@corp.example", email_verified: true }).email,
    ).toBe("ann@corp.example");
  });

  it("falls back to the username for the name and tolerates missing claims", () => {
    expect(userFromOidcProfile({ sub: "x", preferred_username: "Bob" })).toEqual({
      id: "x",
      name: "Bob",
      email: null,
      image: null,
      username: "bob",
    });
    expect(userFromOidcProfile({ sub: "y", preferred_username: "  " }).username).toBeNull();
  });

  it("maps GitHub's login to the username and the numeric id to a string", () => {
    expect(
      userFromGithubProfile({
        id: 42,
        login: "OctoCat",
        name: null,
        email: "octo@github.com",
        avatar_url: "u",
      }),
    ).toEqual({
      id: "42",
      name: "OctoCat",
      email: "octo@github.com",
      image: "u",
      username: "octocat",
    });
  });

  it("normalises usernames", () => {
    expect(normalizeUsername("DaVe")).toBe("dave");
    expect(normalizeUsername(undefined)).toBeNull();
    expect(normalizeUsername(7)).toBe("7");
  });
});
