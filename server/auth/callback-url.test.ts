import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/spaces/team-a?tab=members")).toBe("/spaces/team-a?tab=members");
    expect(safeCallbackUrl("/")).toBe("/");
  });

  it("refuses anything that could leave the site", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\\evil.example",
      "spaces",
      "",
      undefined,
      42,
    ]) {
      expect(safeCallbackUrl(value)).toBe("/");
    }
  });
});

describe("signInUrl", () => {
  it("carries the callback URL, encoded", () => {
    expect(signInUrl("/spaces?a=1&b=2")).toBe("/sign-in?callbackUrl=%2Fspaces%3Fa%3D1%26b%3D2");
    expect(signInUrl("/")).toBe("/sign-in");
    expect(signInUrl("https://evil.example")).toBe("/sign-in");
  });
});
