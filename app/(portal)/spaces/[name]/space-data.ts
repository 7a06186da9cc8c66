import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getServerApi } from "@/server/api/server";

/**
 * The space for this request, through the same authorized procedure the browser uses. Missing and
 * forbidden look the same (the not-found page), so a URL does not reveal that a space exists.
 */
export const loadSpace = cache(async (name: string) => {
  const api = await getServerApi();
  try {
    return await api.space.get({ space: name });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
});
