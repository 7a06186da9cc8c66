import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { logger } from "@/server/logger";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ path, error, ctx }) {
      // Expected refusals are the caller's business; only server faults are logged as errors.
      const level = error.code === "INTERNAL_SERVER_ERROR" ? "error" : "debug";
      logger[level](
        { path, code: error.code, requestId: ctx?.requestId, err: error.cause ?? error },
        "trpc error",
      );
    },
  });
}

export { handler as GET, handler as POST };
