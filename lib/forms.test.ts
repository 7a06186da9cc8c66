import { describe, expect, it } from "vitest";
import { ZCreateSpaceSchema } from "./validators/space";
import { suggestName, validateForm } from "./forms";

describe("suggestName", () => {
  it("turns a display name into a DNS-1123 label", () => {
    expect(suggestName("Payments Team!")).toBe("payments-team");
    expect(suggestName("  Café  Ops ")).toBe("cafe-ops");
    expect(suggestName("---")).toBe("");
  });

  it("keeps within 63 characters without a trailing hyphen", () => {
    const name = suggestName(`${"a".repeat(62)} b`);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.endsWith("-")).toBe(false);
  });
});

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
