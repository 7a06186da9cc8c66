// Table columns of a custom resource: Name, then the served version's
// `additionalPrinterColumns` (their jsonPath evaluated against each object), as
// apiextensions-apiserver's table convertor does. A CRD declaring no columns gets Age, which is
// the default the apiserver gives such a version.
import { type ResourceType } from "../registry.js";
import { type Store } from "../store.js";
import { type ColumnDefinition, NAME_COLUMN, type Printer } from "./builtin-columns.js";
import { age } from "./human-duration.js";
import { jsonPathValues } from "./json-path.js";

type Obj = Record<string, unknown>;

interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

const DEFAULT_COLUMNS: PrinterColumn[] = [
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
];

function crdColumns(store: Store, type: ResourceType, version: string): PrinterColumn[] {
  const crd = store.get(
    "apiextensions.k8s.io/customresourcedefinitions",
    undefined,
    `${type.plural}.${type.group}`,
  ) as Obj | undefined;
  const versions = ((crd?.spec as Obj | undefined)?.versions as Obj[] | undefined) ?? [];
  const declared = versions.find((v) => v.name === version)?.additionalPrinterColumns as
    PrinterColumn[] | undefined;
  return declared?.length ? declared : DEFAULT_COLUMNS;
}

/** cellForJSONValue: the value as the column's type, or null (kubectl prints `<none>`). */
function cell(column: PrinterColumn, obj: Obj, now: number): unknown {
  const value = jsonPathValues(obj, column.jsonPath)[0];
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case "integer":
      return typeof value === "number" ? Math.trunc(value) : null;
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "date":
      return typeof value === "string" ? age(value, now) : null;
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

export function crdPrinter(store: Store, type: ResourceType, version: string): Printer {
  const columns = crdColumns(store, type, version);
  const definitions: ColumnDefinition[] = [
    NAME_COLUMN,
    ...columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? "",
      description: c.description ?? "",
      priority: c.priority ?? 0,
    })),
  ];
  return {
    columns: definitions,
    cells: (o, now) => [
      (o.metadata as Obj | undefined)?.name,
      ...columns.map((c) => cell(c, o, now)),
    ],
  };
}
