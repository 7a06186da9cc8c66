"use client";

// A form's submit: validate with the procedure's own zod schema in the browser, show its field
// messages, or send the parsed values; the server's field and form errors merge with the
// browser's so one `errors` object drives every field.
import { useState } from "react";
import type { z } from "zod";
import { formErrorsOf } from "./trpc/errors";
import { validateForm, type TFieldMessages } from "./validate-form";

export function useValidatedSubmit<S extends z.ZodType>(
  schema: S,
  mutation: { error: unknown; mutate: (values: z.infer<S>) => void },
) {
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
  const server = formErrorsOf(mutation.error);
  return {
    errors: { ...server.fields, ...clientErrors },
    /** A message for the whole form (the server refused without naming a field). */
    formError: server.form,
    submit: (values: unknown) => {
      const result = validateForm(schema, values);
      if (!result.ok) {
        setClientErrors(result.fields);
        return;
      }
      setClientErrors({});
      mutation.mutate(result.data);
    },
  };
}
