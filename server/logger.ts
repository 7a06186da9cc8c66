// Structured JSON logging (pino). One root logger per process; modules bind their own fields with
// childLogger({ module: "auth" }) and requests carry a requestId so log lines can be correlated.
import pino, { type Bindings, type Logger } from "pino";
import { env } from "@/server/env";

export type TLogger = Logger;

const globalForLogger = globalThis as unknown as { slipwayLogger?: Logger };

// Cached on globalThis so hot reloads in `next dev` do not pile up logger instances.
export const logger: Logger = (globalForLogger.slipwayLogger ??= pino({
  level: env.LOG_LEVEL,
  base: { service: "slipway" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: {
    paths: [
      "password",
      "*.password",
      "secret",
      "*.secret",
      "token",
      "*.token",
      "cookie",
      "*.cookie",
    ],
    censor: "[redacted]",
  },
}));

export function childLogger(bindings: Bindings): Logger {
  return logger.child(bindings);
}
