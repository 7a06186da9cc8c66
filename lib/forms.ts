// Client-side validation with the same zod schema the server uses, in the shape forms render.
import type { z } from "zod";

export type TFieldMessages = Record<string, string[]>;

/** zod issues as messages per dotted field path ("form" for the object itself). */
export function fieldMessagesOf(issues: readonly z.core.$ZodIssue[]): TFieldMessages {
  const fields: TFieldMessages = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function validateForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; fields: TFieldMessages } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fields: fieldMessagesOf(result.error.issues) };
}

/** A DNS-1123 label suggested from a display name: "Payments Team!" → "payments-team". */
export function suggestName(displayName: string): string {
  return displayName
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}
