import type { z } from "zod";

/**
 * A superRefine for lists whose entries must differ in one key: each repeat gets an issue at
 * [index, field], so a form shows it under the row that repeats.
 */
export function uniqueBy<T>(
  key: (item: T) => string,
  field: string,
  message: (value: string) => string,
) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) {
        ctx.addIssue({ code: "custom", path: [index, field], message: message(value) });
      }
      seen.add(value);
    });
  };
}
