import { describe, expect, it } from "vitest";
import { ZCreateSpaceSchema } from "./validators/space";
import { validateForm } from "./validate-form";

describe("validateForm", () => {
  it("returns messages keyed by field", () => {
    const result = validateForm(ZCreateSpaceSchema, { name: "Bad Name", displayName: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fields.name).toContain("Use only lower-case letters, digits and hyphens.");
      expect(result.fields.displayName).toEqual(["Display name is required."]);
    }
  });

  it("returns parsed data when valid", () => {
    expect(validateForm(ZCreateSpaceSchema, { name: "ok", displayName: "OK" })).toEqual({
      ok: true,
      data: { name: "ok", displayName: "OK", description: "" },
    });
  });
});
