// The keys that seal cluster credentials. The current key seals; every key (current and old)
// opens, so SLIPWAY_ENCRYPTION_KEY can rotate: set the new key, move the old one to
// SLIPWAY_ENCRYPTION_OLD_KEYS, re-seal (npm run reseal-secrets), then drop the old key.
import { createHash, randomBytes } from "node:crypto";
import { readOrCreateDataDirSecret } from "@/server/data-dir-secret";
import type { TEnv } from "@/server/env";

export interface TKeyring {
  /** The id of the key new values are sealed with. */
  currentId: string;
  /** Every key that may open a value, by id. */
  keys: ReadonlyMap<string, Buffer>;
}

/** A key's id: derived from the key itself, so no separate configuration can disagree with it. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("slipway-key-id").update(key).digest("hex").slice(0, 12);
}

export function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) throw new Error("an encryption key must be base64 of 32 bytes");
  return key;
}

/** A keyring from base64 keys: the first seals, all open. */
export function keyringOf(current: string, old: readonly string[] = []): TKeyring {
  const currentKey = decodeKey(current);
  const keys = new Map<string, Buffer>();
  for (const key of [currentKey, ...old.map(decodeKey)]) keys.set(keyIdOf(key), key);
  return { currentId: keyIdOf(currentKey), keys };
}

/**
 * The keyring from the environment. Production requires SLIPWAY_ENCRYPTION_KEY (server/env.ts);
 * elsewhere, without it, a key is generated once into <SLIPWAY_DATA_DIR>/encryption-key (0600).
 */
export function keyringFromEnv(
  e: Pick<
    TEnv,
    "NODE_ENV" | "SLIPWAY_DATA_DIR" | "SLIPWAY_ENCRYPTION_KEY" | "SLIPWAY_ENCRYPTION_OLD_KEYS"
  >,
): TKeyring {
  if (e.SLIPWAY_ENCRYPTION_KEY)
    return keyringOf(e.SLIPWAY_ENCRYPTION_KEY, e.SLIPWAY_ENCRYPTION_OLD_KEYS);
  if (e.NODE_ENV === "production")
    throw new Error("SLIPWAY_ENCRYPTION_KEY is required in production");
  const generated = readOrCreateDataDirSecret(
    e.SLIPWAY_DATA_DIR,
    "encryption-key",
    () => randomBytes(32).toString("base64"),
    (value) => Buffer.from(value, "base64").length === 32,
  );
  return keyringOf(generated, e.SLIPWAY_ENCRYPTION_OLD_KEYS);
}
