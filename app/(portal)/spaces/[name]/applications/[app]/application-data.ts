import "server-only";
import { cache } from "react";
import { getServerApi } from "@/server/api/server";
import { loadOrNotFound } from "../../../../load-or-not-found";

/** The application for this request; a missing one (or a malformed name) is the not-found page. */
export const loadApplication = cache(async (space: string, application: string) => {
  const api = await getServerApi();
  return loadOrNotFound(() => api.application.get({ space, application }));
});
