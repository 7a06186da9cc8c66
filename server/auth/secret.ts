// AUTH_SECRET signs Auth.js cookies and tokens. Production must set it (server/env.ts enforces
// that); in development one is generated once into <SLIPWAY_DATA_DIR>/auth-secret and reused, so
// sessions survive restarts and every Next process agrees on it.
import { randomBytes, randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, type TEnv } from "@/server/env";

function readSecret(file: string): string | undefined {
  try {
    const value = readFileSync(file, "utf8").trim();
    return value.length >= 32 ? value : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export function resolveAuthSecret(
  e: Pick<TEnv, "AUTH_SECRET" | "NODE_ENV" | "SLIPWAY_DATA_DIR"> = env,
): string {
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production") throw new Error("AUTH_SECRET is required in production");
  const dataDir = path.resolve(/* turbopackIgnore: true */ e.SLIPWAY_DATA_DIR);
  const file = path.join(dataDir, "auth-secret");
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  // Publish atomically: several Next processes may get here at once; the first link wins.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temp, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
  const created = readSecret(file);
  if (!created)
    throw new Error(`${file} does not hold a usable secret; delete it to generate a new one`);
  return created;
}
