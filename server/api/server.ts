// tRPC for React Server Components: the same procedures (and so the same authorization) as the browser uses.
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createTRPCContext } from "./context";
import { createCaller } from "./root";

export const getServerApi = cache(async () => {
  const context = await createTRPCContext({ headers: await headers() });
  return createCaller(context);
});
