import { describe, expect, it } from "vitest";
import { isListedAdmin } from "./admins";

describe("isListedAdmin", () => {
  const admins = ["alice@example.com", "bob@example.com"];

  it("matches the e-mail, case-insensitively", () => {
    expect(isListedAdmin({ email: "Alice@Example.com", username: "alice" }, admins)).toBe(true);
    expect(isListedAdmin({ email: "bob@example.com", username: "someone" }, admins)).toBe(true);
  });

  it("never matches a username, even one equal to a listed address", () => {
    expect(isListedAdmin({ email: "mallory@example.com", username: "bob" }, ["bob"])).toBe(false);
    expect(
      isListedAdmin({ email: null, username: "alice@example.com" }, ["alice@example.com"]),
    ).toBe(false);
  });

  it("refuses users on neither list", () => {
    expect(isListedAdmin({ email: "carol@example.com", username: "carol" }, admins)).toBe(false);
    expect(isListedAdmin({ email: null, username: null }, admins)).toBe(false);
    expect(isListedAdmin({}, admins)).toBe(false);
  });

  it("does not match partial entries", () => {
    expect(isListedAdmin({ email: "alice@example.co", username: "bob" }, admins)).toBe(false);
  });

  it("is false for an empty list (the first-user rule applies instead)", () => {
    expect(isListedAdmin({ email: "alice@example.com", username: "alice" }, [])).toBe(false);
  });
});
