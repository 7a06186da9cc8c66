import { describe, expect, it } from "vitest";
import type { V1LimitRange, V1NetworkPolicy } from "@kubernetes/client-node";
import { toWireShape } from "./wire-shape";

describe("toWireShape", () => {
  it("renames the typed model's reserved-word fields to the wire's and drops absent fields", () => {
    const limits: V1LimitRange = {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "limits", namespace: "shop-dev", creationTimestamp: new Date(0) },
      spec: { limits: [{ type: "Container", _default: { cpu: "500m" } }] },
    };
    const wire = toWireShape(limits);
    expect(wire).toStrictEqual({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: {
        name: "limits",
        namespace: "shop-dev",
        creationTimestamp: "1970-01-01T00:00:00.000Z",
      },
      spec: { limits: [{ type: "Container", default: { cpu: "500m" } }] },
    });
  });

  it("gives what a JSON round trip of the serialised object gives, list items included", () => {
    const policy: V1NetworkPolicy = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "same-namespace", namespace: "shop-dev", labels: { a: "b" } },
      spec: {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ _from: [{ podSelector: {} }] }, {}],
      },
    };
    const wire = toWireShape(policy);
    expect(wire).toStrictEqual(JSON.parse(JSON.stringify(wire)));
    expect(wire).toMatchObject({ spec: { ingress: [{ from: [{ podSelector: {} }] }, {}] } });
    expect(JSON.stringify(wire)).not.toContain("_from");
  });

  it("passes unknown kinds through unchanged", () => {
    const app = { apiVersion: "argoproj.io/v1alpha1", kind: "Application", spec: { a: [1, null] } };
    expect(toWireShape(app)).toStrictEqual(app);
  });
});
