import { describe, expect, it } from "vitest";
import { ownerKey, ownerLabels, ownerOfLabels, ownerSelector } from "./labels";

describe("ownership labels", () => {
  const owner = { kind: "environment" as const, id: "0b6f6a52-4c1e-4d8e-9a57-0d6f1e3a9c11" };

  it("selects exactly the labels it sets", () => {
    expect(ownerSelector(owner)).toBe(
      "app.kubernetes.io/managed-by=slipway,slipway.dev/owner-kind=environment,slipway.dev/owner-id=0b6f6a52-4c1e-4d8e-9a57-0d6f1e3a9c11",
    );
  });

  it("reads the owner back from an object's labels, and its reconcile key", () => {
    const found = ownerOfLabels({ ...ownerLabels(owner), "slipway.dev/space": "payments" });
    expect(found).toEqual(owner);
    expect(ownerKey(owner)).toBe("environment/0b6f6a52-4c1e-4d8e-9a57-0d6f1e3a9c11");
  });

  it("names no owner for objects Slipway does not manage or with a foreign owner kind", () => {
    expect(ownerOfLabels(undefined)).toBeNull();
    expect(
      ownerOfLabels({ ...ownerLabels(owner), "app.kubernetes.io/managed-by": "helm" }),
    ).toBeNull();
    expect(ownerOfLabels({ ...ownerLabels(owner), "slipway.dev/owner-kind": "space" })).toBeNull();
    expect(ownerOfLabels({ "app.kubernetes.io/managed-by": "slipway" })).toBeNull();
  });
});
