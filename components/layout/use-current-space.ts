"use client";

import { usePathname } from "next/navigation";

export type ShellSpace = { name: string; displayName: string };

const SPACE_PATH = /^\/spaces\/([^/]+)/;
const RESERVED = new Set(["new"]);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The space the user is looking at: `explicit` when given, otherwise taken from a
 * `/spaces/<name>/…` URL — but only when that space is in `spaces`, so a not-found or
 * forbidden space URL does not grow a navigation section of its own.
 */
export function useCurrentSpace(
  spaces: readonly ShellSpace[],
  explicit?: string,
): ShellSpace | null {
  const pathname = usePathname();
  if (explicit) {
    const match = spaces.find((space) => space.name === explicit);
    return { name: explicit, displayName: match?.displayName ?? explicit };
  }
  const segment = SPACE_PATH.exec(pathname)?.[1];
  if (!segment || RESERVED.has(segment)) return null;
  const name = decode(segment);
  return spaces.find((space) => space.name === name) ?? null;
}
