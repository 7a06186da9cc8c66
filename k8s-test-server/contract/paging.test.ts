// List chunking: `limit` and `continue` with a label selector, as informers and Slipway's list
// views use them. Every page of one list comes from the resourceVersion of its first page.
import type { CoreV1Api, V1ConfigMapList } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { coreInNamespace, setupTarget, uniqueName } from "./target.js";

const target = setupTarget();

/** Creates ConfigMaps carrying a label value no other test (or cluster tenant) uses. */
async function labelled(core: CoreV1Api, ns: string, run: string, names: string[]) {
  for (const name of names) {
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name, labels: { run } }, data: { v: "1" } },
    });
  }
}

const page = (core: CoreV1Api, ns: string, run: string, cont?: string) =>
  core.listNamespacedConfigMap({
    namespace: ns,
    labelSelector: `run=${run}`,
    limit: 2,
    _continue: cont,
  });

/** `first` and every page its continue token leads to (bounded, so a looping server fails). */
async function pagesFrom(
  core: CoreV1Api,
  ns: string,
  run: string,
  first: V1ConfigMapList,
): Promise<V1ConfigMapList[]> {
  const pages = [first];
  for (
    let c = first.metadata?._continue;
    c && pages.length < 10;
    c = pages.at(-1)?.metadata?._continue
  )
    pages.push(await page(core, ns, run, c));
  return pages;
}

const names = (l: V1ConfigMapList) => l.items.map((i) => i.metadata?.name);

describe("list chunking", () => {
  it("pages with limit and continue: each object once, in key order, from one resourceVersion", async () => {
    const { core, ns } = await coreInNamespace(target(), "ct-page");
    const run = uniqueName("page");
    // Created out of key order: pages follow the storage key (the name), not creation order.
    await labelled(core, ns, run, ["p3", "p1", "p5", "p2", "p4"]);
    const pages = await pagesFrom(core, ns, run, await page(core, ns, run));
    expect(pages.map(names)).toEqual([["p1", "p2"], ["p3", "p4"], ["p5"]]);
    expect(new Set(pages.map((p) => p.metadata?.resourceVersion)).size).toBe(1);
    expect(pages.slice(0, -1).every((p) => !!p.metadata?._continue)).toBe(true);
    expect(pages.at(-1)?.metadata?._continue).toBeUndefined();
  });

  it("continues from the first page's snapshot: later writes do not show up", async () => {
    const { core, ns } = await coreInNamespace(target(), "ct-page-snap");
    const run = uniqueName("snap");
    await labelled(core, ns, run, ["s1", "s2", "s3", "s4"]);
    const first = await page(core, ns, run);
    expect(names(first)).toEqual(["s1", "s2"]);
    // After the first page: one object changed, one deleted, one added past the cursor.
    await core.patchNamespacedConfigMap({
      name: "s3",
      namespace: ns,
      body: [{ op: "replace", path: "/data/v", value: "2" }],
    });
    await core.deleteNamespacedConfigMap({ name: "s4", namespace: ns });
    await labelled(core, ns, run, ["s5"]);

    const pages = await pagesFrom(core, ns, run, first);
    expect(pages.map(names)).toEqual([
      ["s1", "s2"],
      ["s3", "s4"],
    ]);
    expect(pages[1]?.items[0]?.data).toEqual({ v: "1" });
    expect(pages[1]?.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    // A fresh list sees the present.
    const now = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: `run=${run}` });
    expect(names(now)).toEqual(["s1", "s2", "s3", "s5"]);
  });
});
