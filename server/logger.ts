// Structured JSON logging (pino). One root logger per process; modules bind their own fields with
// childLogger({ module: "auth" }) and requests carry a requestId so log lines can be correlated.
import { randomUUID } from "node:crypto";
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

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id: an incoming `x-request-id` header when it looks sane (set by a proxy in
 * front of Slipway), otherwise a fresh UUID.
 */
export function requestId(headers?: Pick<Headers, "get"> | null): string {
  const incoming = headers?.get("x-request-id");
  return incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}
