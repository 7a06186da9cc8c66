/** Escapes LIKE's wildcards so a search for "50%" or "a_b" matches those characters literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
