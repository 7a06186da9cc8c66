// What kube-apiserver refuses before storing anything: request bodies over 3 MiB, label keys and
// values outside apimachinery's rules, bad annotation keys, and annotations over 256 KiB in total.
import { request } from "node:https";
import type { CoreV1Api, KubeConfig, V1ConfigMap } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { coreInNamespace, type Failure, setupTarget, statusOf } from "./target.js";

const target = setupTarget();
const MIB = 1024 * 1024;

interface Cause {
  reason?: string;
  message?: string;
  field?: string;
}

/** Tries to create a ConfigMap; the refusal, or undefined when it was created. */
const refusal = (core: CoreV1Api, ns: string, body: V1ConfigMap) =>
  statusOf(core.createNamespacedConfigMap({ namespace: ns, body }));

const causesOf = (f: Failure | undefined): Cause[] =>
  (f?.body.details as { causes?: Cause[] } | undefined)?.causes ?? [];

/**
 * Starts a chunked upload of `bytes` bytes and never finishes it; resolves with the status the
 * server answers. A server that read to the end before deciding would never answer.
 */
async function openEndedUpload(kc: KubeConfig, path: string, bytes: number): Promise<number> {
  const url = new URL(path, kc.getCurrentCluster()?.server);
  const options: { method: string; headers: Record<string, string> } = {
    method: "POST",
    headers: { "Content-Type": "application/json" },
  };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", (e) => (req.destroyed ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, "x");
    for (let sent = 0; sent < bytes; sent += chunk.length)
      req.write(chunk.subarray(0, Math.min(chunk.length, bytes - sent)));
  });
}

describe("request body size", () => {
  it("refuses a body over 3 MiB with a 413 RequestEntityTooLarge Status", async () => {
    const { core, ns } = await coreInNamespace(target(), "ct-body-size");
    const res = await refusal(core, ns, {
      metadata: { name: "big" },
      data: { k: "x".repeat(3 * MIB) },
    });
    expect(res?.code).toBe(413);
    expect(res?.body).toMatchObject({
      kind: "Status",
      status: "Failure",
      reason: "RequestEntityTooLarge",
      code: 413,
    });
    expect(String(res?.body.message)).toMatch(/too large/i);
    expect(
      (await statusOf(core.readNamespacedConfigMap({ name: "big", namespace: ns })))?.code,
    ).toBe(404);
  });

  it("answers 413 as soon as the limit is passed, without waiting for the rest", async () => {
    const t = target();
    const ns = await t.namespace("ct-body-stream");
    const status = await openEndedUpload(t.kc, `/api/v1/namespaces/${ns}/configmaps`, 3 * MIB + 1);
    expect(status).toBe(413);
  });
});

describe("labels", () => {
  const bad: [string, Record<string, string>, string][] = [
    ["a key starting with '-'", { "-app": "x" }, "-app"],
    ["a key with two slashes", { "a/b/c": "x" }, "a/b/c"],
    ["a name part over 63 characters", { ["n".repeat(64)]: "x" }, "n".repeat(64)],
    ["an upper-case prefix", { "Example.com/app": "x" }, "Example.com/app"],
    ["a prefix over 253 characters", { [`${"p".repeat(254)}/app`]: "x" }, `${"p".repeat(254)}/app`],
    ["an empty prefix", { "/app": "x" }, "/app"],
    ["a value starting with '.'", { app: ".x" }, ".x"],
    ["a value over 63 characters", { app: "v".repeat(64) }, "v".repeat(64)],
  ];
  for (const [what, labels, shown] of bad) {
    it(`refuses ${what} with 422 naming metadata.labels`, async () => {
      const { core, ns } = await coreInNamespace(target(), "ct-labels");
      const res = await refusal(core, ns, { metadata: { name: "l", labels } });
      expect(res?.code).toBe(422);
      expect(res?.body.reason).toBe("Invalid");
      const causes = causesOf(res).filter((c) => c.field === "metadata.labels");
      expect(causes.length).toBeGreaterThan(0);
      expect(causes.every((c) => c.reason === "FieldValueInvalid")).toBe(true);
      expect(causes.some((c) => c.message?.includes(JSON.stringify(shown)))).toBe(true);
    });
  }

  it("accepts keys and values at the limits", async () => {
    const { core, ns } = await coreInNamespace(target(), "ct-labels-ok");
    const labels = {
      "example.com/My_Name.1": "",
      ["n".repeat(63)]: "v".repeat(63),
      [`${"p".repeat(253)}/app`]: "A-b_c.9",
    };
    const cm = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "l", labels } },
    });
    expect(cm.metadata?.labels).toEqual(labels);
  });
});

describe("annotations", () => {
  it("checks keys like label keys, ignoring case", async () => {
    const { core, ns } = await coreInNamespace(target(), "ct-annotations");
    const res = await refusal(core, ns, { metadata: { name: "a", annotations: { "-note": "x" } } });
    expect(res?.code).toBe(422);
    expect(
      causesOf(res).some(
        (c) => c.field === "metadata.annotations" && c.message?.includes('"-note"'),
      ),
    ).toBe(true);
    const ok = await core.createNamespacedConfigMap({
      namespace: ns,
      body: {
        metadata: { name: "b", annotations: { "Example.COM/Some_Note": "any value at all" } },
      },
    });
    expect(ok.metadata?.annotations).toEqual({ "Example.COM/Some_Note": "any value at all" });
  });

  it("limits keys and values together to 256 KiB", async () => {
    const { core, ns } = await coreInNamespace(target(), "ct-annotation-size");
    const limit = 256 * 1024;
    const atLimit = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "fits", annotations: { k: "x".repeat(limit - 1) } } },
    });
    expect(atLimit.metadata?.annotations?.k).toHaveLength(limit - 1);
    const res = await refusal(core, ns, {
      metadata: { name: "too-big", annotations: { k: "x".repeat(limit) } },
    });
    expect(res?.code).toBe(422);
    expect(causesOf(res)).toContainEqual(
      expect.objectContaining({ reason: "FieldValueTooLong", field: "metadata.annotations" }),
    );
  });
});
