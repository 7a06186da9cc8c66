// Patches whose paths or keys name `__proto__` or `constructor`: a real apiserver (Go) treats them
// as ordinary, missing keys; a JavaScript double must not let them reach a prototype. Against the
// test server the test process and the server share one heap, so "nothing leaked" is checked
// on this process's own Object.prototype and Object.
import { describe, expect, it } from "vitest";
import { coreInNamespace, rawRequest, setupTarget, statusOf } from "./target.js";

const target = setupTarget();

function nothingLeaked(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(typeof Object.keys).toBe("function");
}

describe("JSON patch (application/json-patch+json)", () => {
  it("refuses paths through __proto__ or constructor/prototype and leaves the object alone", async () => {
    const { core, ns } = await coreInNamespace(target(), "ct-jsonpatch-proto");
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "p" }, data: { a: "1" } },
    });
    const operations = [
      { op: "add", path: "/__proto__/polluted", value: "yes" },
      { op: "add", path: "/constructor/prototype/polluted", value: "yes" },
      { op: "add", path: "/data/constructor/prototype/polluted", value: "yes" },
      { op: "add", path: "/metadata/__proto__/polluted", value: "yes" },
      { op: "add", path: "/constructor/polluted", value: "yes" },
      { op: "remove", path: "/constructor/keys" },
      { op: "copy", from: "/__proto__", path: "/data/copied" },
    ];
    for (const operation of operations) {
      const res = await statusOf(
        core.patchNamespacedConfigMap({ name: "p", namespace: ns, body: [operation] }),
      );
      // A real apiserver answers 422 (doc is missing path); versions differ, a refusal does not.
      expect(res?.code, JSON.stringify(operation)).toBeGreaterThanOrEqual(400);
      expect(res?.code, JSON.stringify(operation)).toBeLessThan(600);
      nothingLeaked();
    }
    const after = await core.readNamespacedConfigMap({ name: "p", namespace: ns });
    expect(after.data).toEqual({ a: "1" });
  });

  it("`test` compares values, not their key order", async () => {
    const { core, ns } = await coreInNamespace(target(), "ct-jsonpatch-test");
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "t" }, data: { a: "1", b: "2" } },
    });
    const patched = await core.patchNamespacedConfigMap({
      name: "t",
      namespace: ns,
      body: [
        { op: "test", path: "/data", value: { b: "2", a: "1" } },
        { op: "add", path: "/data/c", value: "3" },
      ],
    });
    expect(patched.data).toEqual({ a: "1", b: "2", c: "3" });
    const failed = await statusOf(
      core.patchNamespacedConfigMap({
        name: "t",
        namespace: ns,
        body: [{ op: "test", path: "/data", value: { a: "1", b: "2" } }],
      }),
    );
    expect(failed?.code).toBe(422);
  });
});

describe("merge and strategic merge patch", () => {
  for (const contentType of [
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
  ]) {
    it(`${contentType}: __proto__ and constructor are ordinary keys`, async () => {
      const t = target();
      const { core, ns } = await coreInNamespace(t, "ct-merge-proto");
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: "m" }, data: { a: "1" } },
      });
      // Raw bytes: a JavaScript client would turn a `__proto__` key into a prototype on the way.
      const res = await rawRequest(t.kc, "PATCH", `/api/v1/namespaces/${ns}/configmaps/m`, {
        contentType,
        data: '{"__proto__":{"polluted":"yes"},"data":{"__proto__":"x","constructor":"y"}}',
      });
      expect(res.code, res.text).toBe(200);
      nothingLeaked();
      // JSON.parse keeps `__proto__` as an own key, so what the server sent can be checked as sent.
      const cm = JSON.parse(res.text) as Record<string, unknown>;
      // A top-level field ConfigMap does not have is dropped, as decoding into the Go type does.
      expect(Object.hasOwn(cm, "__proto__")).toBe(false);
      const data = cm.data as Record<string, unknown>;
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(Object.entries(data).sort()).toEqual([
        ["__proto__", "x"],
        ["a", "1"],
        ["constructor", "y"],
      ]);
    });
  }
});
