import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { logger } from "@/server/logger";

async function handler(req: Request) {
  const started = performance.now();
  const requestId = req.headers.get("x-request-id") ?? undefined;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ path, error, ctx }) {
      // Expected refusals are the caller's business; only server faults are logged as errors.
      const level = error.code === "INTERNAL_SERVER_ERROR" ? "error" : "debug";
      logger[level](
        {
          path,
          code: error.code,
          requestId: ctx?.requestId ?? requestId,
          err: error.cause ?? error,
        },
        "trpc error",
      );
    },
  });
  logger.info(
    {
      requestId,
      method: req.method,
      procedures: new URL(req.url).pathname.slice("/api/trpc/".length),
      status: response.status,
      ms: Math.round(performance.now() - started),
    },
    "trpc request",
  );
  return response;
}

export { handler as GET, handler as POST };
