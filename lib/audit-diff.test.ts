import { describe, expect, it } from "vitest";
import { diffAuditValues } from "./audit-diff";

describe("diffAuditValues", () => {
  it("lists only the fields that changed", () => {
    expect(
      diffAuditValues(
        { displayName: "A", description: "x" },
        { displayName: "B", description: "x" },
      ),
    ).toEqual([{ field: "displayName", from: "A", to: "B" }]);
  });

  it("shows created and removed values against null", () => {
    expect(diffAuditValues(null, { role: "owner" })).toEqual([
      { field: "role", from: null, to: "owner" },
    ]);
    expect(diffAuditValues({ role: "viewer" }, null)).toEqual([
      { field: "role", from: "viewer", to: null },
    ]);
  });

  it("renders non-string values as JSON", () => {
    expect(diffAuditValues({ n: 1 }, { n: [1, 2] })).toEqual([
      { field: "n", from: "1", to: "[1,2]" },
    ]);
  });
});
