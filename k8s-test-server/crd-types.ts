// Turns a CustomResourceDefinition into a served ResourceType.
import { type OpenApiSchema } from "./openapi.js";
import { ALL_VERBS, type ResourceType } from "./registry.js";

type Obj = Record<string, unknown>;

export function typeFromCrd(crd: Obj): ResourceType | undefined {
  const spec = crd.spec as Obj | undefined;
  const names = spec?.names as Obj | undefined;
  if (!spec || !names) return undefined;
  const versions = ((spec.versions as Obj[] | undefined) ?? []).filter((v) => v.served !== false);
  if (versions.length === 0) return undefined;
  // Storage version first: it is the one discovery prefers when none is newer.
  versions.sort((a, b) => Number(b.storage === true) - Number(a.storage === true));
  const schemas = new Map<string, OpenApiSchema>();
  for (const v of versions) {
    const s = (v.schema as Obj | undefined)?.openAPIV3Schema as OpenApiSchema | undefined;
    if (s) schemas.set(String(v.name), s);
  }
  const status = versions.some((v) => (v.subresources as Obj | undefined)?.status !== undefined);
  const kind = String(names.kind);
  return {
    group: String(spec.group),
    versions: versions.map((v) => String(v.name)),
    kind,
    listKind: (names.listKind as string | undefined) ?? `${kind}List`,
    plural: String(names.plural),
    singular: (names.singular as string | undefined) ?? kind.toLowerCase(),
    namespaced: spec.scope === "Namespaced",
    shortNames: (names.shortNames as string[] | undefined) ?? [],
    categories: (names.categories as string[] | undefined) ?? [],
    verbs: ALL_VERBS,
    statusSubresource: status,
    extraSubresources: [],
    generation: true,
    fieldSelectors: new Set(),
    schemas,
    builtin: false,
  };
}
