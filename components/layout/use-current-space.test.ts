import { describe, expect, it } from "vitest";
import { spaceNameFromPath } from "./use-current-space";

describe("spaceNameFromPath", () => {
  it("reads the space from a space URL", () => {
    expect(spaceNameFromPath("/spaces/payments")).toBe("payments");
    expect(spaceNameFromPath("/spaces/payments/members")).toBe("payments");
  });

  it("is null outside a space, on /spaces/new and for names no space can have", () => {
    for (const path of ["/", "/spaces", "/spaces/new", "/spaces/Bad_Name", "/spaces/%E0%A4%A"]) {
      expect(spaceNameFromPath(path), path).toBeNull();
    }
  });
});
