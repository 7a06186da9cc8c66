// What changed between an audit record's before and after, field by field, for the Activity tab.
export interface TFieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function show(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function diffAuditValues(before: unknown, after: unknown): TFieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .map((field) => ({ field, from: show(b[field]), to: show(a[field]) }))
    .filter((change) => change.from !== change.to);
}
