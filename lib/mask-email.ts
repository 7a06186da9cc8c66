// E-mail addresses are shown only to a space's owners (and admins). Everyone else reading member
// lists or the activity log gets them masked, always the same way: first character of the local
// part, an ellipsis, then the domain — "a…@example.com". It keeps two people apart at a glance
// without giving out an address anyone could write to.

/** The same explanation wherever a masked address may appear (tooltips, legends). */
export const MASKED_EMAIL_NOTE =
  "Email addresses are shown only to owners of this space; others see them shortened, like a…@example.com.";

// Anything address-shaped: a local part, @, and a domain with at least one dot. Deliberately
// generous (it also catches addresses inside longer text) — masking too much is harmless.
const EMAIL_LIKE = /[^\s@<>()[\]{}"',;:…]+@[^\s@<>()[\]{}"',;:…]+\.[^\s@<>()[\]{}"',;:…]+/gu;

function maskOne(address: string): string {
  const at = address.lastIndexOf("@");
  // Array.from keeps a first character outside the BMP (an emoji, say) whole.
  const first = Array.from(address.slice(0, at))[0] ?? "";
  return `${first}…${address.slice(at)}`;
}

/** Masks every address in a piece of text, leaving the rest as it is. */
export function maskEmailsIn(text: string): string {
  return text.replace(EMAIL_LIKE, maskOne);
}

/** Masks every address anywhere in a JSON-like value (strings, array items, object keys and values). */
export function maskEmailsDeep(value: unknown): unknown {
  if (typeof value === "string") return maskEmailsIn(value);
  if (Array.isArray(value)) return value.map(maskEmailsDeep);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [maskEmailsIn(key), maskEmailsDeep(item)]),
    );
  }
  return value;
}
