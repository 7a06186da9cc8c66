import { describe, expect, it } from "vitest";
import { listHref } from "./list-href";

describe("listHref", () => {
  it("leaves empty parameters out of the link", () => {
    expect(listHref("/spaces")).toBe("/spaces");
    expect(listHref("/spaces", { q: "", cursor: undefined, x: null })).toBe("/spaces");
  });

  it("keeps parameters in order, encoded", () => {
    expect(listHref("/spaces", { q: "pay & go", cursor: "abc_-1" })).toBe(
      "/spaces?q=pay+%26+go&cursor=abc_-1",
    );
  });
});
