import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getServerApi } from "@/server/api/server";

/** The environment for this request; a missing one (or a malformed name) is the not-found page. */
export const loadEnvironment = cache(async (space: string, environment: string) => {
  const api = await getServerApi();
  try {
    return await api.environment.get({ space, environment });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
});
