// AUTH_SECRET signs Auth.js cookies and tokens. Production must set it (server/env.ts enforces
// that); in development one is generated once into <SLIPWAY_DATA_DIR>/auth-secret and reused, so
// sessions survive restarts and every Next process agrees on it.
import { randomBytes } from "node:crypto";
import { env, type TEnv } from "@/server/env";
import { readOrCreateDataDirSecret } from "@/server/data-dir-secret";

export function resolveAuthSecret(
  e: Pick<TEnv, "AUTH_SECRET" | "NODE_ENV" | "SLIPWAY_DATA_DIR"> = env,
): string {
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production") throw new Error("AUTH_SECRET is required in production");
  return readOrCreateDataDirSecret(
    e.SLIPWAY_DATA_DIR,
    "auth-secret",
    () => randomBytes(32).toString("base64url"),
    (value) => value.length >= 32,
  );
}
