import { describe, expect, it } from "vitest";
import {
  DNS_LABEL,
  environmentNamespace,
  isReservedNamespace,
  workspaceNamespace,
} from "./namespace-names";

describe("environmentNamespace", () => {
  it("joins space and environment", () => {
    expect(environmentNamespace("payments", "dev")).toBe("payments-dev");
  });

  it("cuts a long name to 63 characters with a hash, keeping two long names apart", () => {
    const space = "a".repeat(40);
    const first = environmentNamespace(space, "b".repeat(40));
    const second = environmentNamespace(space, `${"b".repeat(39)}c`);
    expect(first).toHaveLength(63);
    expect(first).toMatch(DNS_LABEL);
    expect(first).not.toBe(second);
    expect(first.startsWith(`${space}-bbb`)).toBe(true);
  });
});

describe("workspaceNamespace", () => {
  it("adds the member's username, made DNS-safe", () => {
    expect(workspaceNamespace("payments-dev", { username: "Ada.Lovelace", id: "u1" })).toBe(
      "payments-dev-ada-lovelace",
    );
  });

  it("falls back to the user id when the username has no usable characters", () => {
    expect(workspaceNamespace("p-dev", { username: "___", id: "1F2E3D4C-5B6A" })).toBe(
      "p-dev-1f2e3d4c-5b6",
    );
  });
});

describe("isReservedNamespace", () => {
  it("refuses the cluster's own namespaces", () => {
    for (const name of ["default", "kube-system", "kube-public", "openshift-config", "openshift"]) {
      expect(isReservedNamespace(name), name).toBe(true);
    }
    expect(isReservedNamespace("payments-dev")).toBe(false);
    expect(isReservedNamespace("kubernetes")).toBe(false);
  });
});
