import "server-only";
import { cache } from "react";
import { getServerApi } from "@/server/api/server";
import { loadOrNotFound } from "../../../../load-or-not-found";

/** The environment for this request; a missing one (or a malformed name) is the not-found page. */
export const loadEnvironment = cache(async (space: string, environment: string) => {
  const api = await getServerApi();
  return loadOrNotFound(() => api.environment.get({ space, environment }));
});
