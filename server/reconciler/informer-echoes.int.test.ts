// The informer tells the echo of an owner's own apply from someone else's change: the echo wakes
// nobody (the pass that applied already knows), an edit of an applied field wakes the owner.
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { FIELD_MANAGER, ownerLabels, type TOwner } from "@/server/k8s/labels";
import { MANAGED_KINDS } from "@/server/k8s/managed-kinds";
import { toWireShape } from "@/server/k8s/wire-shape";
import { testLogger } from "@/testing/callers";
import { useTestCluster } from "@/testing/kube-test-cluster";
import { eventually } from "@/testing/reconciler-fixtures";
import { ClusterInformer } from "./informer";
import { realScheduler } from "./scheduler";

const configMaps = MANAGED_KINDS.filter((k) => k.kind === "ConfigMap");

const configMap = (owner: TOwner, data: Record<string, string>): KubernetesObject =>
  ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `vars-${owner.id}`, namespace: "default", labels: ownerLabels(owner) },
    data,
  }) as KubernetesObject;

describe("the informer and an owner's own applies", () => {
  const { client } = useTestCluster();

  it("is not woken by the echo of an apply, and is by an edit of an applied field", async () => {
    const woken: string[] = [];
    const informer = new ClusterInformer({
      client: () => Promise.resolve(client()),
      kinds: configMaps,
      onOwnerChanged: (key) => woken.push(key),
      scheduler: realScheduler,
      log: testLogger,
    });
    informer.start();
    try {
      const a: TOwner = { kind: "environment", id: "a" };
      const b: TOwner = { kind: "environment", id: "b" };
      await eventually(
        () => Promise.resolve(informer.ownedBy("environment/a") ? true : undefined),
        "the informer to list",
      );
      const apply = (o: KubernetesObject) =>
        client().objects.patch(
          o,
          undefined,
          undefined,
          FIELD_MANAGER,
          true,
          PatchStrategy.ServerSideApply,
        );
      const mine = configMap(a, { LOG_LEVEL: "info" });
      informer.expectations.expect("environment/a", [toWireShape(mine)]);
      await apply(mine);
      // b expects nothing, so its object wakes it. One watch delivers both in order: once b is
      // woken, a's echo has been seen.
      await apply(configMap(b, { LOG_LEVEL: "info" }));
      const wokenUp = (key: string) => () =>
        Promise.resolve(woken.includes(key) ? true : undefined);
      await eventually(wokenUp("environment/b"), "b's wake");
      expect(woken).not.toContain("environment/a");

      // Someone else changes a field a applied (an update by another client).
      const current = await client().objects.read({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "vars-a", namespace: "default" },
      });
      await client().objects.replace({ ...current, data: { LOG_LEVEL: "debug" } } as never);
      await eventually(wokenUp("environment/a"), "a's wake");
    } finally {
      informer.stop();
    }
  });
});
