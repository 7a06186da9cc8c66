import { describe, expect, it } from "vitest";
import { pageHref } from "./page-links";

describe("pageHref", () => {
  it("leaves page 1 and empty parameters out of the link", () => {
    expect(pageHref("/spaces", 1)).toBe("/spaces");
    expect(pageHref("/spaces", 1, { q: "" })).toBe("/spaces");
    expect(pageHref("/spaces/a/members", 3)).toBe("/spaces/a/members?page=3");
  });

  it("keeps parameters before the page number, encoded", () => {
    expect(pageHref("/spaces", 2, { q: "pay & go" })).toBe("/spaces?q=pay+%26+go&page=2");
  });
});
