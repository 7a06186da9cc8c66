// Which cluster the contract suite talks to is decided by one variable, never by KUBECONFIG.
import { describe, expect, it } from "vitest";
import { contractTarget } from "./target.js";

describe("contract target", () => {
  it("is the test server when only KUBECONFIG is set", () => {
    expect(contractTarget({ KUBECONFIG: "/home/someone/.kube/config" })).toEqual({
      kind: "test-server",
    });
  });

  it("is the test server with nothing set, or an empty SLIPWAY_CONTRACT_KUBECONFIG", () => {
    expect(contractTarget({})).toEqual({ kind: "test-server" });
    expect(contractTarget({ SLIPWAY_CONTRACT_KUBECONFIG: " " })).toEqual({ kind: "test-server" });
  });

  it("is the cluster SLIPWAY_CONTRACT_KUBECONFIG names, whatever KUBECONFIG says", () => {
    expect(
      contractTarget({
        KUBECONFIG: "/home/someone/.kube/config",
        SLIPWAY_CONTRACT_KUBECONFIG: "/tmp/test-cluster.yaml",
      }),
    ).toEqual({ kind: "cluster", kubeconfigPath: "/tmp/test-cluster.yaml" });
  });
});
