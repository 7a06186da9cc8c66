// Per-kind Table columns of kube-apiserver's built-in printers (pkg/printers/internalversion):
// the same column names, types, priorities (priority 1 = only with `-o wide`) and cell values.
import { str } from "../json.js";
import { type ResourceType } from "../registry.js";
import { age } from "./human-duration.js";

type Obj = Record<string, unknown>;

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Printer {
  columns: ColumnDefinition[];
  cells(obj: Obj, now: number): unknown[];
}

const col = (name: string, type: string, description: string, priority = 0, format = "") => ({
  name,
  type,
  format,
  description,
  priority,
});
export const NAME_COLUMN = col(
  "Name",
  "string",
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  0,
  "name",
);
const AGE = col(
  "Age",
  "string",
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.",
);
const CREATED_AT = col(
  "Created At",
  "date",
  "CreationTimestamp is a timestamp representing the server time when this object was created.",
);

const meta = (o: Obj) => (o.metadata as Obj | undefined) ?? {};
const obj = (v: unknown) => (v && typeof v === "object" ? (v as Obj) : {});
const count = (v: unknown) => Object.keys(obj(v)).length;
const created = (o: Obj) => meta(o).creationTimestamp;

/** metav1.FormatLabelSelector: `a=b,c in (x,y)`, `<none>` when it selects everything. */
export function formatLabelSelector(selector: unknown): string {
  if (!selector || typeof selector !== "object") return "<none>";
  const s = selector as { matchLabels?: Record<string, string>; matchExpressions?: Obj[] };
  const parts = Object.entries(s.matchLabels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const values = ((e.values as string[] | undefined) ?? []).join(",");
    const op = String(e.operator);
    if (op === "In") parts.push(`${String(e.key)} in (${values})`);
    else if (op === "NotIn") parts.push(`${String(e.key)} notin (${values})`);
    else if (op === "Exists") parts.push(String(e.key));
    else if (op === "DoesNotExist") parts.push(`!${String(e.key)}`);
  }
  return parts.length ? parts.join(",") : "<none>";
}

function quotaColumns(o: Obj): [string, string] {
  const status = obj(o.status);
  const hard = obj(status.hard);
  const used = obj(status.used);
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const cell = `${r}: ${str(used[r] ?? "0")}/${str(hard[r])}`;
    (r.split(".")[0] === "limits" && r.includes(".") ? limit : request).push(cell);
  }
  return [request.join(", "), limit.join(", ")];
}

function bindingCells(o: Obj): unknown[] {
  const ref = obj(o.roleRef);
  const subjects = ((o.subjects as Obj[] | undefined) ?? []).map(obj);
  const names = (kind: string) =>
    subjects
      .filter((s) => s.kind === kind)
      .map((s) =>
        kind === "ServiceAccount" ? `${str(s.namespace)}/${String(s.name)}` : String(s.name),
      )
      .join(", ");
  return [
    `${String(ref.kind)}/${String(ref.name)}`,
    names("User"),
    names("Group"),
    names("ServiceAccount"),
  ];
}

const BINDING_COLUMNS = [
  col("Role", "string", "RoleRef is the Role/ClusterRole the binding refers to"),
  col("Users", "string", "Users in the binding", 1),
  col("Groups", "string", "Groups in the binding", 1),
  col("ServiceAccounts", "string", "ServiceAccounts in the binding", 1),
];

const PRINTERS: Record<string, Printer> = {
  "/namespaces": {
    columns: [NAME_COLUMN, col("Status", "string", "The status of the namespace"), AGE],
    cells: (o, now) => [meta(o).name, obj(o.status).phase ?? "", age(created(o), now)],
  },
  "/configmaps": {
    columns: [NAME_COLUMN, col("Data", "string", "Data contains the configuration data."), AGE],
    cells: (o, now) => [meta(o).name, count(o.data) + count(o.binaryData), age(created(o), now)],
  },
  "/secrets": {
    columns: [
      NAME_COLUMN,
      col("Type", "string", "The type of the secret"),
      col("Data", "string", "Number of data items in the secret"),
      AGE,
    ],
    cells: (o, now) => [meta(o).name, o.type ?? "", count(o.data), age(created(o), now)],
  },
  "/serviceaccounts": {
    columns: [
      NAME_COLUMN,
      col(
        "Secrets",
        "string",
        "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.",
      ),
      AGE,
    ],
    cells: (o, now) => [
      meta(o).name,
      ((o.secrets as unknown[] | undefined) ?? []).length,
      age(created(o), now),
    ],
  },
  "/resourcequotas": {
    columns: [
      NAME_COLUMN,
      AGE,
      col(
        "Request",
        "string",
        "Request represents a minimum amount of cpu/memory that a container may consume.",
      ),
      col(
        "Limit",
        "string",
        "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.",
      ),
    ],
    cells: (o, now) => [meta(o).name, age(created(o), now), ...quotaColumns(o)],
  },
  "/limitranges": {
    columns: [NAME_COLUMN, CREATED_AT],
    cells: (o) => [meta(o).name, created(o) ?? ""],
  },
  "/events": {
    columns: [
      col("Last Seen", "string", "Time of the last occurrence"),
      col(
        "Type",
        "string",
        "Type of this event (Normal, Warning), new types could be added in the future.",
      ),
      col("Reason", "string", "A machine-readable description of the cause of the event"),
      col("Object", "string", "The object this Event is about"),
      col("Subobject", "string", "The field of the object this Event is about", 1),
      col("Source", "string", "The component reporting this event", 1),
      col("Message", "string", "A human-readable description of the status of this operation."),
      col("First Seen", "string", "Time of the first occurrence", 1),
      col("Count", "string", "The number of times this event has occurred", 1),
      col("Name", "string", "Name of the event", 1, "name"),
    ],
    cells: (o, now) => {
      const involved = obj(o.involvedObject);
      const source = obj(o.source);
      const last = o.lastTimestamp ?? o.eventTime ?? created(o);
      return [
        age(last, now),
        o.type ?? "",
        o.reason ?? "",
        `${str(involved.kind).toLowerCase()}/${str(involved.name)}`,
        involved.fieldPath ?? "",
        [source.component, source.host].filter(Boolean).join(", "),
        str(o.message).trim(),
        age(o.firstTimestamp ?? last, now),
        Number(o.count ?? 1),
        meta(o).name,
      ];
    },
  },
  "networking.k8s.io/networkpolicies": {
    columns: [
      NAME_COLUMN,
      col("Pod-Selector", "string", "Pod selector of the network policy"),
      AGE,
    ],
    cells: (o, now) => [
      meta(o).name,
      formatLabelSelector(obj(o.spec).podSelector),
      age(created(o), now),
    ],
  },
  "rbac.authorization.k8s.io/roles": {
    columns: [NAME_COLUMN, CREATED_AT],
    cells: (o) => [meta(o).name, created(o) ?? ""],
  },
  "rbac.authorization.k8s.io/clusterroles": {
    columns: [NAME_COLUMN, CREATED_AT],
    cells: (o) => [meta(o).name, created(o) ?? ""],
  },
  "rbac.authorization.k8s.io/rolebindings": {
    columns: [NAME_COLUMN, BINDING_COLUMNS[0]!, AGE, ...BINDING_COLUMNS.slice(1)],
    cells: (o, now) => {
      const [role, ...subjects] = bindingCells(o);
      return [meta(o).name, role, age(created(o), now), ...subjects];
    },
  },
  "apiextensions.k8s.io/customresourcedefinitions": {
    columns: [NAME_COLUMN, CREATED_AT],
    cells: (o) => [meta(o).name, created(o) ?? ""],
  },
};
PRINTERS["rbac.authorization.k8s.io/clusterrolebindings"] =
  PRINTERS["rbac.authorization.k8s.io/rolebindings"]!;

/** Kinds without a printer of their own: Name and Age. */
const DEFAULT_PRINTER: Printer = {
  columns: [NAME_COLUMN, AGE],
  cells: (o, now) => [meta(o).name, age(created(o), now)],
};

export function builtinPrinter(type: ResourceType): Printer {
  return PRINTERS[`${type.group}/${type.plural}`] ?? DEFAULT_PRINTER;
}
