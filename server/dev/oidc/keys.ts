// Signing keys of the development identity provider, generated once and kept under the data
// directory so ID tokens and the provider's cookies stay valid across restarts.
import { createHash, generateKeyPairSync, randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface TDevOidcKeys {
  jwks: { keys: Record<string, unknown>[] };
  /** Keys signing oidc-provider's cookies, derived from the private key. */
  cookieKeys: string[];
}

function isJwks(value: unknown): value is TDevOidcKeys["jwks"] {
  const keys = (value as { keys?: unknown } | null)?.keys;
  return (
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every((key) => typeof key === "object" && key !== null && "d" in key)
  );
}

function generateJwks(): TDevOidcKeys["jwks"] {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  return { keys: [{ ...jwk, kid: randomUUID(), use: "sig", alg: "RS256" }] };
}

function readJwks(file: string): TDevOidcKeys["jwks"] {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isJwks(parsed))
    throw new Error(`${file} is not a private JWKS; delete it to generate a new one`);
  return parsed;
}

/**
 * Reads `<dataDir>/dev-oidc-jwks.json`, creating it on first use. Safe when several processes
 * start at once: the file appears atomically (hard link of a finished temp file) and a loser of
 * the race reads the winner's keys.
 */
export function loadOrCreateDevOidcKeys(dataDir: string): TDevOidcKeys {
  const file = path.join(dataDir, "dev-oidc-jwks.json");
  let jwks: TDevOidcKeys["jwks"];
  try {
    jwks = readJwks(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dataDir, { recursive: true });
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    writeFileSync(temp, `${JSON.stringify(generateJwks(), null, 2)}\n`, { mode: 0o600 });
    try {
      linkSync(temp, file);
    } catch (linkError) {
      if ((linkError as NodeJS.ErrnoException).code !== "EEXIST") throw linkError;
    } finally {
      unlinkSync(temp);
    }
    jwks = readJwks(file);
  }
  const secret = jwks.keys.map((key) => String(key.d)).join(".");
  const cookieKeys = [
    createHash("sha256").update(`slipway-dev-oidc-cookies:${secret}`).digest("base64url"),
  ];
  return { jwks, cookieKeys };
}
