// zod issues as the messages a form shows under each field. Used by the server's error formatter
// and by forms validating in the browser, so both say the same thing.
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
