// `kubectl get` asks for `application/json;as=Table;v=v1;g=meta.k8s.io` (then v1beta1, then plain
// JSON) and prints the columns the server chooses. This turns a get/list result into a
// meta.k8s.io Table when the Accept header's first servable entry is a Table.
import { type ResourceType } from "../registry.js";
import { type Store } from "../store.js";
import { builtinPrinter, type Printer } from "./builtin-columns.js";
import { crdPrinter } from "./crd-columns.js";

type Obj = Record<string, unknown>;

/** "v1" / "v1beta1" when the client's preferred servable representation is a Table, else undefined. */
export function preferredTableVersion(accept: string): string | undefined {
  for (const range of accept.split(",")) {
    const [mediaType = "", ...params] = range.split(";").map((p) => p.trim());
    const p = Object.fromEntries(
      params.map((kv) => kv.split("=").map((s) => s.trim()) as [string, string]),
    );
    const json = ["application/json", "application/*", "*/*"].includes(mediaType.toLowerCase());
    if (!json) continue;
    if (p.as === undefined) return undefined; // plain JSON comes first
    if (p.as === "Table" && p.g === "meta.k8s.io" && (p.v === "v1" || p.v === "v1beta1"))
      return p.v;
    // Other representations (PartialObjectMetadata…) are not served: try the next entry.
  }
  return undefined;
}

function rowObject(o: Obj, includeObject: string | null): Obj | undefined {
  if (includeObject === "None") return undefined;
  if (includeObject === "Object") return o;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}

export interface TableRequest {
  store: Store;
  type: ResourceType;
  version: string;
  tableVersion: string;
  /** `includeObject`: None, Object, or (default) Metadata. */
  includeObject: string | null;
}

/** The Table for a get (one object) or list (`items`) response body. */
export function toTable(req: TableRequest, body: Obj): Obj {
  const printer: Printer = req.type.builtin
    ? builtinPrinter(req.type)
    : crdPrinter(req.store, req.type, req.version);
  const isList = Array.isArray(body.items);
  const objects = isList ? (body.items as Obj[]) : [body];
  const now = Date.now();
  const listMeta = (isList ? body.metadata : undefined) as Obj | undefined;
  const itemMeta = (isList ? undefined : body.metadata) as Obj | undefined;
  return {
    kind: "Table",
    apiVersion: `meta.k8s.io/${req.tableVersion}`,
    metadata: listMeta ?? { resourceVersion: itemMeta?.resourceVersion },
    columnDefinitions: printer.columns,
    rows: objects.map((o) => {
      const object = rowObject(o, req.includeObject);
      return { cells: printer.cells(o, now), ...(object ? { object } : {}) };
    }),
  };
}

/** The response body for a successful get/list: a Table when the client prefers one. */
export function bodyAsAccepted(
  accept: string,
  verb: string,
  req: Omit<TableRequest, "tableVersion">,
  body: unknown,
): unknown {
  if (verb !== "get" && verb !== "list") return body;
  const tableVersion = preferredTableVersion(accept);
  if (!tableVersion || !body || typeof body !== "object") return body;
  return toTable({ ...req, tableVersion }, body as Obj);
}

/**
 * For `kubectl get -w`: each watch event's object as a one-row Table. Only the first carries
 * columnDefinitions, as kube-apiserver saves bandwidth; kubectl reuses the last columns it saw.
 */
export function watchEventRenderer(
  accept: string,
  req: Omit<TableRequest, "tableVersion">,
): ((o: object) => unknown) | undefined {
  const tableVersion = preferredTableVersion(accept);
  if (!tableVersion) return undefined;
  let first = true;
  return (o) => {
    const table = toTable({ ...req, tableVersion }, o as Obj);
    if (!first) delete table.columnDefinitions;
    first = false;
    return table;
  };
}
