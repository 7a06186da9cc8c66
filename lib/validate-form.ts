// Client-side validation with the same zod schema the server uses, in the shape forms render.
import type { z } from "zod";
import { fieldMessagesOf, type TFieldMessages } from "./validators/field-messages";

export type { TFieldMessages };

export function validateForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; fields: TFieldMessages } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fields: fieldMessagesOf(result.error.issues) };
}
