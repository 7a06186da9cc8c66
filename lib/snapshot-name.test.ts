import { describe, expect, it } from "vitest";
import { ZSnapshotNameSchema } from "./validators/snapshot";
import { suggestSnapshotName } from "./snapshot-name";

describe("suggestSnapshotName", () => {
  const at = new Date(Date.UTC(2026, 10, 24, 18, 30, 5));

  it("is the application's name and the time to the second", () => {
    expect(suggestSnapshotName("shop", at)).toBe("shop-20261124183005");
  });

  it("stays a valid name for the longest application names", () => {
    const name = suggestSnapshotName(`${"a".repeat(47)}-${"b".repeat(15)}`, at);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(ZSnapshotNameSchema.safeParse(name).success).toBe(true);
  });
});
