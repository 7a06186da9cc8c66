import { describe, expect, it } from "vitest";
import { parseQuantity } from "./quantity";

describe("parseQuantity", () => {
  it("reads decimal and binary suffixes", () => {
    expect(parseQuantity("2")).toBe(2);
    expect(parseQuantity("500m")).toBe(0.5);
    expect(parseQuantity("1.5")).toBe(1.5);
    expect(parseQuantity("8Gi")).toBe(8 * 2 ** 30);
    expect(parseQuantity("1G")).toBe(1e9);
    expect(parseQuantity("512Mi")).toBeLessThan(parseQuantity("1Gi")!);
  });

  it("refuses what is not a quantity", () => {
    for (const bad of ["", "-1", "1gb", "Gi", "1e3", " 1", "1 Gi"]) {
      expect(parseQuantity(bad), bad).toBeNull();
    }
  });
});
