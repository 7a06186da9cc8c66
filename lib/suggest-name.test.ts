import { describe, expect, it } from "vitest";
import { suggestName } from "./suggest-name";

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
