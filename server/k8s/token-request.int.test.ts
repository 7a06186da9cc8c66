import { describe, expect, it } from "vitest";
import { connectionTo, useTestCluster } from "@/testing/kube-test-cluster";
import { applyObjects } from "./apply";
import { buildTargetObjects, DEPLOYER_SERVICE_ACCOUNT } from "./manifests/target-objects";
import { requestServiceAccountToken } from "./token-request";

describe("requestServiceAccountToken", () => {
  const test = useTestCluster();

  it("issues a token that is admin in the target's namespace and nowhere else", async () => {
    const admin = test.client();
    const target = buildTargetObjects({
      targetId: "t1",
      namespace: "target-one",
      quota: { pods: "5" },
    });
    const other = buildTargetObjects({ targetId: "t2", namespace: "target-two", quota: {} });
    const results = await applyObjects(admin, [...target, ...other]);
    expect(results.every((r) => r.error === undefined)).toBe(true);

    const issued = await requestServiceAccountToken(
      admin,
      "target-one",
      DEPLOYER_SERVICE_ACCOUNT,
      3600,
    );
    expect(issued.token).not.toBe("");
    expect(issued.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const deployer = test.pool.client(
      connectionTo(test.cluster().server, "as-deployer", issued.token),
    );
    const configMap = (namespace: string) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "app-settings", namespace },
      data: { mode: "blue" },
    });
    await expect(deployer.objects.create(configMap("target-one"))).resolves.toBeDefined();
    await expect(deployer.objects.create(configMap("target-two"))).rejects.toMatchObject({
      code: 403,
    });
  });
});
