import { describe, expect, it } from "vitest";
import { isListedAdmin } from "./admins";

describe("isListedAdmin", () => {
  const admins = ["alice@example.com", "bob"];

  it("matches the e-mail or the username, case-insensitively", () => {
    expect(isListedAdmin({ email: "Alice@Example.com", username: "alice" }, admins)).toBe(true);
    expect(isListedAdmin({ email: "bob@example.com", username: "BOB" }, admins)).toBe(true);
  });

  it("refuses users on neither list", () => {
    expect(isListedAdmin({ email: "carol@example.com", username: "carol" }, admins)).toBe(false);
    expect(isListedAdmin({ email: null, username: null }, admins)).toBe(false);
    expect(isListedAdmin({}, admins)).toBe(false);
  });

  it("does not match partial entries", () => {
    expect(isListedAdmin({ email: "alice@example.co", username: "bo" }, admins)).toBe(false);
  });

  it("is false for an empty list (the first-user rule applies instead)", () => {
    expect(isListedAdmin({ email: "alice@example.com", username: "alice" }, [])).toBe(false);
  });
});
