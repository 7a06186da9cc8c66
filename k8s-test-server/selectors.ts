// Label and field selectors with apimachinery's grammar and its error behaviour (400 on bad input).
import { own } from "./json.js";
import { errors } from "./status.js";

type Requirement =
  | { key: string; op: "=" | "!="; values: [string] }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists"; values: [] };

export type LabelSelector = Requirement[];

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== "");
}

export function parseLabelSelector(raw: string | null | undefined): LabelSelector {
  if (!raw) return [];
  const reqs: Requirement[] = [];
  for (const term of splitTerms(raw)) {
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      const values = (m[3] ?? "").split(",").map((v) => v.trim());
      reqs.push({ key: checkKey(m[1] ?? "", raw), op: m[2] as "in" | "notin", values });
    } else if ((m = term.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/))) {
      reqs.push({
        key: checkKey(m[1] ?? "", raw),
        op: m[2] === "!=" ? "!=" : "=",
        values: [m[3] ?? ""],
      });
    } else if ((m = term.match(/^!\s*(\S+)$/))) {
      reqs.push({ key: checkKey(m[1] ?? "", raw), op: "!exists", values: [] });
    } else if (KEY.test(term)) {
      reqs.push({ key: term, op: "exists", values: [] });
    } else {
      throw errors.badRequest(
        `unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`,
      );
    }
  }
  return reqs;
}

function checkKey(key: string, raw: string): string {
  if (!KEY.test(key))
    throw errors.badRequest(`unable to parse requirement: invalid label key "${key}" in "${raw}"`);
  return key;
}

export function matchesLabels(
  sel: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  for (const r of sel) {
    const v = own(labels, r.key) as string | undefined;
    switch (r.op) {
      case "=":
        if (v !== r.values[0]) return false;
        break;
      case "!=":
        if (v === r.values[0]) return false;
        break;
      case "in":
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case "notin":
        if (v !== undefined && r.values.includes(v)) return false;
        break;
      case "exists":
        if (v === undefined) return false;
        break;
      case "!exists":
        if (v !== undefined) return false;
        break;
    }
  }
  return true;
}

/** metav1.LabelSelector (matchLabels/matchExpressions), as used by aggregation rules. */
export function matchesLabelSelectorObject(
  sel: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  },
  labels: Record<string, string> | undefined,
): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
    if (own(labels, k) !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const v = own(labels, e.key) as string | undefined;
    const vals = e.values ?? [];
    if (e.operator === "In" && (v === undefined || !vals.includes(v))) return false;
    if (e.operator === "NotIn" && v !== undefined && vals.includes(v)) return false;
    if (e.operator === "Exists" && v === undefined) return false;
    if (e.operator === "DoesNotExist" && v !== undefined) return false;
  }
  return true;
}

export interface FieldRequirement {
  field: string;
  op: "=" | "!=";
  value: string;
}

export function parseFieldSelector(
  raw: string | null | undefined,
  supported: ReadonlySet<string>,
): FieldRequirement[] {
  if (!raw) return [];
  const out: FieldRequirement[] = [];
  for (const term of splitTerms(raw)) {
    const m = term.match(/^([^=!]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw errors.badRequest(`invalid selector: '${raw}'; can't understand '${term}'`);
    const field = (m[1] ?? "").trim();
    if (!supported.has(field)) throw errors.badRequest(`field label not supported: ${field}`);
    out.push({ field, op: m[2] === "!=" ? "!=" : "=", value: (m[3] ?? "").trim() });
  }
  return out;
}

export function fieldValue(obj: Record<string, unknown>, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return "";
    cur = own(cur, part);
  }
  if (cur === undefined || cur === null) return "";
  return typeof cur === "string" ? cur : JSON.stringify(cur);
}

export function matchesFields(sel: FieldRequirement[], obj: Record<string, unknown>): boolean {
  for (const r of sel) {
    const v = fieldValue(obj, r.field);
    if (r.op === "=" ? v !== r.value : v === r.value) return false;
  }
  return true;
}
