// Reads the admin activity filters from a URL's query, field by field, so one bad value is shown
// under its own field instead of failing the whole page.
import { ZAdminActivityFiltersSchema, type TAdminActivityFilters } from "./admin-activity";
import type { TFieldMessages } from "./field-messages";

type TRawParams = Record<string, string | string[] | undefined>;

export function parseAdminActivityParams(params: TRawParams): {
  filters: TAdminActivityFilters;
  errors: TFieldMessages;
  /** The values as typed, for the form to show back. */
  raw: Record<keyof TAdminActivityFilters, string>;
} {
  const filters: Record<string, unknown> = {};
  const errors: TFieldMessages = {};
  const raw = { actor: "", space: "", action: "" };
  for (const key of ["actor", "space", "action"] as const) {
    const value = params[key];
    const text = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
    raw[key] = text;
    if (text === "") continue;
    const parsed = ZAdminActivityFiltersSchema.shape[key].safeParse(text);
    if (parsed.success) filters[key] = parsed.data;
    else errors[key] = parsed.error.issues.map((issue) => issue.message);
  }
  return { filters, errors, raw };
}
