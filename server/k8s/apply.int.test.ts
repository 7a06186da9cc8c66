import { beforeAll, describe, expect, it } from "vitest";
import type { KubernetesObject, V1RoleBinding } from "@kubernetes/client-node";
import { useTestCluster } from "@/testing/kube-test-cluster";
import { applyObjects, deleteOwnedObjects, pruneObjects } from "./apply";
import type { TClusterClient } from "./client-pool";
import { collectionPath, MANAGED_KINDS } from "./managed-kinds";
import {
  buildEnvironmentObjects,
  type TEnvironmentManifestInput,
} from "./manifests/environment-objects";
import { headerOf, refKey, refOf } from "./object-ref";
import { listOwnedObjects } from "./owned-objects";

function environment(
  id: string,
  overrides: Partial<TEnvironmentManifestInput> = {},
): TEnvironmentManifestInput {
  return {
    environmentId: id,
    spaceName: "payments",
    environmentName: id,
    environmentType: "stage",
    namespace: `payments-${id}`,
    quota: { "requests.cpu": "2", pods: "20" },
    containerLimits: { default: { cpu: "500m" }, defaultRequest: { cpu: "100m" } },
    members: [
      { email: "olive@example.com", role: "owner" },
      { email: "carl@example.com", role: "contributor" },
      { email: "vera@example.com", role: "viewer" },
    ],
    variables: [{ name: "LOG_LEVEL", value: "debug" }],
    tags: ["team-payments"],
    ...overrides,
  };
}

const owner = (id: string) => ({ kind: "environment" as const, id });

async function resourceVersions(client: TClusterClient, objects: KubernetesObject[]) {
  return Promise.all(
    objects.map(async (o) => (await client.objects.read(headerOf(o))).metadata?.resourceVersion),
  );
}

/** Watches every managed kind in `namespace` (and the namespace itself) from `resourceVersion`. */
async function watchEvents(client: TClusterClient, namespace: string, resourceVersion: string) {
  const events: string[] = [];
  const controllers = await Promise.all(
    MANAGED_KINDS.map((kind) =>
      client.watch.watch(
        collectionPath(kind, namespace),
        kind.namespaced
          ? { resourceVersion }
          : { resourceVersion, fieldSelector: `metadata.name=${namespace}` },
        (type, object: KubernetesObject) =>
          events.push(`${type} ${kind.kind} ${object.metadata?.name ?? ""}`),
        () => undefined,
      ),
    ),
  );
  return { events, stop: () => controllers.forEach((c) => c.abort()) };
}

describe("applyObjects / pruneObjects / deleteOwnedObjects", () => {
  const test = useTestCluster();
  const server = () => test.cluster().server;
  let client: TClusterClient;
  beforeAll(() => {
    client = test.client();
  });

  it("creates exactly the environment's objects, as built", async () => {
    const desired = buildEnvironmentObjects(environment("exact"));
    const results = await applyObjects(client, desired);
    expect(results.map((r) => r.error)).toEqual(desired.map(() => undefined));

    for (const object of desired)
      expect(await client.objects.read(headerOf(object))).toMatchObject(object);
    const owned = await listOwnedObjects(client, owner("exact"), MANAGED_KINDS);
    expect(owned.map((o) => refKey(refOf(o))).sort()).toEqual(
      desired.map((o) => refKey(refOf(o))).sort(),
    );
  });

  it("answers with each object as the server holds it, in the wire shape a watch delivers", async () => {
    const desired = buildEnvironmentObjects(environment("wire"));
    const results = await applyObjects(client, desired);
    const limits = results.find((r) => r.desired.kind === "LimitRange")?.applied;
    // `default`, as kubectl prints it and the environment page shows it, not the model's `_default`.
    expect(limits).toMatchObject({
      spec: { limits: [{ type: "Container", default: { cpu: "500m" } }] },
    });
    expect(JSON.stringify(limits)).not.toContain("_default");
    for (const { desired: object, applied } of results) {
      const read = await client.objects.read(headerOf(object));
      expect(applied?.metadata?.uid).toBe(read.metadata?.uid);
      // As the server wrote it (a string); a read through the typed model turns it into a Date.
      expect(new Date(String(applied?.metadata?.creationTimestamp))).toEqual(
        read.metadata?.creationTimestamp,
      );
    }
  });

  it("re-applies unchanged objects with one request each and no write", async () => {
    const desired = buildEnvironmentObjects(environment("steady"));
    await applyObjects(client, desired);
    const before = await resourceVersions(client, desired);
    const listed = await client.objects.list("v1", "Namespace");
    const watch = await watchEvents(
      client,
      "payments-steady",
      listed.metadata?.resourceVersion ?? "0",
    );
    try {
      server().metrics.reset();
      const results = await applyObjects(client, desired);
      expect(results.every((r) => r.error === undefined)).toBe(true);
      expect(server().metrics.count()).toBe(desired.length);
      expect(server().metrics.count({ verb: "APPLY" })).toBe(desired.length);
      expect(await resourceVersions(client, desired)).toEqual(before);

      // A sentinel change: once its event arrives, any event the no-op applies caused would have too.
      await applyObjects(
        client,
        buildEnvironmentObjects(environment("steady", { tags: ["changed"] })),
      );
      await expect
        .poll(() => watch.events, { timeout: 10_000 })
        .toContain("MODIFIED Namespace payments-steady");
      expect(watch.events).toEqual(["MODIFIED Namespace payments-steady"]);
    } finally {
      watch.stop();
    }
  });

  it("follows membership: subjects change, and a role left without members loses its binding", async () => {
    await applyObjects(client, buildEnvironmentObjects(environment("members")));
    const changed = buildEnvironmentObjects(
      environment("members", {
        members: [
          { email: "olive@example.com", role: "owner" },
          { email: "vera@example.com", role: "contributor" },
          { email: "carl@example.com", role: "contributor" },
        ],
      }),
    );
    const results = await applyObjects(client, changed);
    expect(results.every((r) => r.error === undefined)).toBe(true);
    // Scoped to the environment's namespace (the Namespace kind itself is listed cluster-wide).
    const pruned = await pruneObjects(
      client,
      owner("members"),
      changed,
      MANAGED_KINDS,
      "payments-members",
    );
    expect(pruned).toEqual({
      deleted: [
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "RoleBinding",
          namespace: "payments-members",
          name: "slipway-viewers",
        },
      ],
      failed: [],
    });

    const contributors = await client.objects.read<V1RoleBinding>({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { namespace: "payments-members", name: "slipway-contributors" },
    });
    expect(contributors.subjects?.map((s) => s.name)).toEqual([
      "carl@example.com",
      "vera@example.com",
    ]);
    const bindings = await client.objects.list(
      "rbac.authorization.k8s.io/v1",
      "RoleBinding",
      "payments-members",
    );
    expect(bindings.items.map((b) => b.metadata?.name).sort()).toEqual([
      "slipway-contributors",
      "slipway-owners",
    ]);
  });

  it("prunes only the owner's objects: another owner's and unlabelled ones stay", async () => {
    const mine = buildEnvironmentObjects(environment("mine"));
    const theirs = buildEnvironmentObjects(environment("theirs"));
    await applyObjects(client, [...mine, ...theirs]);
    const stranger = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "hand-made", namespace: "payments-mine" },
    };
    await client.objects.create(stranger);

    const keep = mine.filter((o) => o.kind !== "NetworkPolicy" && o.kind !== "ConfigMap");
    const pruned = await pruneObjects(client, owner("mine"), keep);
    expect(pruned.failed).toEqual([]);
    expect(pruned.deleted.map((r) => `${r.kind} ${r.name}`).sort()).toEqual([
      "ConfigMap slipway-environment",
      "NetworkPolicy allow-same-namespace",
      "NetworkPolicy deny-all-ingress",
    ]);
    await expect(client.objects.read(stranger)).resolves.toBeDefined();
    const theirsLeft = await listOwnedObjects(client, owner("theirs"), MANAGED_KINDS);
    expect(theirsLeft).toHaveLength(theirs.length);
  });

  it("deletes everything an owner made: the namespace terminates, then nothing remains", async () => {
    await applyObjects(client, [
      ...buildEnvironmentObjects(environment("doomed")),
      ...buildEnvironmentObjects(environment("survivor")),
    ]);
    const first = await deleteOwnedObjects(client, owner("doomed"));
    expect(first.failed).toEqual([]);
    expect(first.deleted.map((r) => `${r.kind} ${r.name}`)).toEqual(["Namespace payments-doomed"]);
    await expect
      .poll(async () => (await deleteOwnedObjects(client, owner("doomed"))).remaining, {
        timeout: 20_000,
      })
      .toBe(0);
    await expect(
      client.objects.read({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: "payments-doomed" },
      }),
    ).rejects.toMatchObject({ code: 404 });
    expect(await listOwnedObjects(client, owner("survivor"), MANAGED_KINDS)).toHaveLength(
      buildEnvironmentObjects(environment("survivor")).length,
    );
  });
});
