import { describe, expect, it } from "vitest";
import { compareQuantities, isQuantity, parseQuantity } from "./quantity";

describe("parseQuantity", () => {
  it("reads cores, milli-cores and decimal suffixes in milli-units", () => {
    expect(parseQuantity("1")).toBe(1000n);
    expect(parseQuantity("500m")).toBe(500n);
    expect(parseQuantity("0.5")).toBe(500n);
    expect(parseQuantity(".5")).toBe(500n);
    expect(parseQuantity("2k")).toBe(2_000_000n);
    expect(parseQuantity("1e3")).toBe(1_000_000n);
    expect(parseQuantity("1E-3")).toBe(1n);
  });

  it("reads binary suffixes", () => {
    expect(parseQuantity("1Ki")).toBe(1024n * 1000n);
    expect(parseQuantity("1Gi")).toBe(1024n ** 3n * 1000n);
    expect(parseQuantity("1.5Gi")).toBe(1536n * 1024n ** 2n * 1000n);
  });

  it("rounds sub-milli quantities up, as the API server does", () => {
    expect(parseQuantity("1n")).toBe(1n);
    expect(parseQuantity("1500u")).toBe(2n);
  });

  it("refuses what Kubernetes refuses", () => {
    for (const bad of ["", "1 Gi", "1gi", "Gi", "1.2.3", "abc", "1KiB", "--1"]) {
      expect(parseQuantity(bad), bad).toBeNull();
      expect(isQuantity(bad), bad).toBe(false);
    }
  });
});

describe("compareQuantities", () => {
  it("compares across units", () => {
    expect(compareQuantities("500m", "1")).toBe(-1);
    expect(compareQuantities("1Gi", "1024Mi")).toBe(0);
    expect(compareQuantities("1G", "1Gi")).toBe(-1);
    expect(compareQuantities("2", "1999m")).toBe(1);
    expect(compareQuantities("20", "20")).toBe(0);
  });

  it("throws on a non-quantity", () => {
    expect(() => compareQuantities("1x", "1")).toThrow("not a quantity: 1x");
  });
});
