// Test fixture for HTTP-level tests: the app's real route handlers (tRPC, Auth.js, health) serving
// from a throwaway database, and sessions minted the way Auth.js stores them (database sessions).
// Route modules read the environment when first imported, so this sets it first and imports them
// afresh for each database.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import type { DatabaseHandle, Db } from "../db/client";
import { sessions } from "../db/schema";

/** The public URL the app believes it has; requests may claim any other host. */
export const APP_URL = "http://slipway.test:3000";
/** Auth.js's session cookie name for an http:// AUTH_URL. */
export const SESSION_COOKIE = "authjs.session-token";

export function stubAppEnv(extra: Record<string, string> = {}): void {
  const values: Record<string, string> = {
    NODE_ENV: "test",
    SLIPWAY_URL: APP_URL,
    AUTH_URL: APP_URL,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    SLIPWAY_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), "slipway-http-")), "data"),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    ...extra,
  };
  for (const [key, value] of Object.entries(values)) vi.stubEnv(key, value);
}

/** Fresh instances of the route handlers, serving from `handle`. */
export async function loadApp(handle: DatabaseHandle) {
  vi.resetModules();
  const { setDatabaseForTests } = await import("../server/db");
  setDatabaseForTests(handle);
  const [trpc, health, auth, proxy] = await Promise.all([
    import("../app/api/trpc/[trpc]/route"),
    import("../app/api/health/route"),
    import("../app/api/auth/[...nextauth]/route"),
    import("../proxy"),
  ]);
  return { trpc, health, auth, proxy: proxy.proxy, setDatabaseForTests };
}

/** A signed-in session for the user, stored as Auth.js stores it; returns the cookie header. */
export async function mintSession(db: Db, userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db
    .insert(sessions)
    .values({ sessionToken, userId, expires: new Date(Date.now() + 24 * 60 * 60 * 1000) });
  return `${SESSION_COOKIE}=${sessionToken}`;
}
