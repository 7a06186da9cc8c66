"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useTRPC } from "@/lib/trpc/react";
import { ZSpaceNameSchema } from "@/lib/validators/space";

export type ShellSpace = { name: string; displayName: string };

const SPACE_PATH = /^\/spaces\/([^/]+)/;

/** The space name in a `/spaces/<name>/…` path, or null (also for `/spaces/new` and bad names). */
export function spaceNameFromPath(pathname: string): string | null {
  const segment = SPACE_PATH.exec(pathname)?.[1];
  if (!segment) return null;
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const parsed = ZSpaceNameSchema.safeParse(name);
  return parsed.success && parsed.data === name ? name : null;
}

/**
 * The space the user is looking at, as the server confirms it: null until it answers, and for a
 * space that does not exist or is not theirs, so such a URL does not grow a navigation section.
 * Works for any space, however many the user has.
 */
export function useCurrentSpace(): ShellSpace | null {
  const name = spaceNameFromPath(usePathname());
  const trpc = useTRPC();
  const { data } = useQuery({
    ...trpc.space.get.queryOptions({ space: name ?? "" }),
    enabled: name !== null,
    retry: false,
  });
  if (!name || !data || data.space.name !== name) return null;
  return { name, displayName: data.space.displayName };
}
