import { describe, expect, it } from "vitest";
import { parseAdminActivityParams } from "./admin-activity-params";

describe("parseAdminActivityParams", () => {
  it("keeps the valid filters and reports each bad one under its own field", () => {
    const result = parseAdminActivityParams({
      actor: "u-1",
      space: "Bad Name",
      action: "space.explode",
      cursor: "ignored",
    });
    expect(result.filters).toEqual({ actor: "u-1" });
    expect(Object.keys(result.errors).sort()).toEqual(["action", "space"]);
    expect(result.errors.action).toEqual(["Choose one of the listed actions."]);
    expect(result.raw).toEqual({ actor: "u-1", space: "Bad Name", action: "space.explode" });
  });

  it("reads empty and repeated values as typed: empty means no filter, the first of several wins", () => {
    const result = parseAdminActivityParams({ space: ["ledger", "other"], action: "" });
    expect(result).toEqual({
      filters: { space: "ledger" },
      errors: {},
      raw: { actor: "", space: "ledger", action: "" },
    });
  });
});
