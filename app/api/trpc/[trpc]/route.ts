import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { MAX_TRPC_BATCH_SIZE, trpcBatchSize } from "@/lib/trpc/batch-limit";
import { createTRPCContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { logger } from "@/server/logger";

const ENDPOINT = "/api/trpc";

async function handler(req: Request) {
  const started = performance.now();
  const requestId = req.headers.get("x-request-id") ?? undefined;
  const calls = trpcBatchSize(new URL(req.url), ENDPOINT);
  const response = await fetchRequestHandler({
    endpoint: ENDPOINT,
    req,
    router: appRouter,
    createContext: () => {
      // Refused here, before any procedure runs: every call of the batch gets this 400.
      if (calls > MAX_TRPC_BATCH_SIZE) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Too many calls in one request: ${calls}, at most ${MAX_TRPC_BATCH_SIZE} are allowed. Send them in smaller batches.`,
        });
      }
      return createTRPCContext({ headers: req.headers });
    },
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
      procedures: new URL(req.url).pathname.slice(`${ENDPOINT}/`.length),
      status: response.status,
      ms: Math.round(performance.now() - started),
    },
    "trpc request",
  );
  return response;
}

export { handler as GET, handler as POST };
