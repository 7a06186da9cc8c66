// AES-256-GCM for secrets at rest (cluster credentials). A sealed value is
//   v1.<keyId>.<iv>.<tag>.<ciphertext>   (base64url parts)
// The key id names the key that sealed it, so values sealed under an older key still open after
// SLIPWAY_ENCRYPTION_KEY rotates; it is also bound as associated data, so it cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/server/env";
import { keyringFromEnv, type TKeyring } from "./keyring";

const VERSION = "v1";
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export interface TSealed {
  sealed: string;
  keyId: string;
}

export function sealWith(keyring: TKeyring, plaintext: string): TSealed {
  const keyId = keyring.currentId;
  const key = keyring.keys.get(keyId);
  if (!key) throw new SecretBoxError("the current encryption key is missing from the keyring");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url"));
  return { sealed: [VERSION, keyId, ...parts].join("."), keyId };
}

/** The id of the key a sealed value was sealed with (without opening it). */
export function keyIdOfSealed(sealed: string): string {
  const [version, keyId] = sealed.split(".");
  if (version !== VERSION || !keyId) throw new SecretBoxError("not a sealed value");
  return keyId;
}

export function openWith(keyring: TKeyring, sealed: string): string {
  const parts = sealed.split(".");
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 5 ||
    version !== VERSION ||
    !keyId ||
    !iv ||
    !tag ||
    ciphertext === undefined
  )
    throw new SecretBoxError("not a sealed value");
  const key = keyring.keys.get(keyId);
  if (!key) {
    throw new SecretBoxError(
      `sealed with encryption key ${keyId}, which is not configured: set it as SLIPWAY_ENCRYPTION_KEY or list it in SLIPWAY_ENCRYPTION_OLD_KEYS`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]);
    return plain.toString("utf8");
  } catch {
    throw new SecretBoxError(
      "the sealed value was altered or is corrupt: it does not authenticate",
    );
  }
}

const globalForKeys = globalThis as unknown as { slipwayKeyring?: TKeyring };

/** The process's keyring, read from the environment on first use. */
export function currentKeyring(): TKeyring {
  globalForKeys.slipwayKeyring ??= keyringFromEnv(env);
  return globalForKeys.slipwayKeyring;
}

export function sealSecret(plaintext: string): TSealed {
  return sealWith(currentKeyring(), plaintext);
}

export function openSecret(sealed: string): string {
  return openWith(currentKeyring(), sealed);
}
