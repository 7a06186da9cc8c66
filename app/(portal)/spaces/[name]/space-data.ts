import "server-only";
import { cache } from "react";
import { getServerApi } from "@/server/api/server";
import { loadOrNotFound } from "../../load-or-not-found";

/**
 * The space for this request, through the same authorized procedure the browser uses. Missing and
 * forbidden look the same (the not-found page), so a URL does not reveal that a space exists.
 */
export const loadSpace = cache(async (name: string) => {
  const api = await getServerApi();
  return loadOrNotFound(() => api.space.get({ space: name }));
});
