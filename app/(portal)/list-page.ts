import "server-only";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";

/**
 * Loads one page of a list for a server-rendered page. A page link that is no longer valid (a
 * cursor from another version, or hand-edited) sends the visitor to the first page instead of
 * an error.
 */
export async function loadListPage<T>(load: () => Promise<T>, firstPageHref: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") redirect(firstPageHref);
    throw error;
  }
}
