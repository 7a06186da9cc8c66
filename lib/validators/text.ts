// Text inputs refuse control characters with a field message. Postgres refuses NUL in text (a
// server error otherwise), and other control characters in names, searches and identifiers only
// ever come from a bug or an attack. Multi-line text keeps tab and newlines.
import { z } from "zod";

// C0 controls, DEL and C1 controls: matching them is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The same, minus tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** One line of text: no control characters at all. `what` starts the message ("Name", "Search"). */
export function singleLineText(what: string) {
  return z
    .string()
    .refine((value) => !CONTROL.test(value), `${what} must not contain control characters.`);
}

/** Several lines of text: tabs and line breaks allowed, other control characters refused. */
export function multiLineText(what: string) {
  return z
    .string()
    .refine(
      (value) => !CONTROL_EXCEPT_LINES.test(value),
      `${what} must not contain control characters.`,
    );
}
