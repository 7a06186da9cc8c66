// Compact JWS parsing and signature verification with node:crypto, for OIDC ID tokens. Only the
// asymmetric algorithms kube-apiserver's --oidc-signing-algs accepts: an HMAC "signature" would
// need a secret shared with every API server, which OIDC never has.
import { constants, createPublicKey, type JsonWebKey, verify } from "node:crypto";
import { isPlainObject, type JsonObject } from "./json.js";

export const SUPPORTED_SIGNING_ALGS = [
  "RS256",
  "RS384",
  "RS512",
  "ES256",
  "ES384",
  "ES512",
  "PS256",
  "PS384",
  "PS512",
] as const;

/** Each ES algorithm is bound to one curve (RFC 7518 §3.4). */
const EC_CURVES: Record<string, string> = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };

export interface ParsedJwt {
  header: JsonObject;
  claims: JsonObject;
  /** `<header>.<payload>` as sent: the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

function decodeJsonPart(part: string): JsonObject | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return isPlainObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Splits and decodes a compact JWS; undefined when the text is not one. Verifies nothing. */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [h = "", p = "", s = ""] = parts;
  const header = decodeJsonPart(h);
  const claims = decodeJsonPart(p);
  if (!header || !claims || !s) return undefined;
  return { header, claims, signingInput: `${h}.${p}`, signature: Buffer.from(s, "base64url") };
}

/** Whether `jwt` is signed with `alg` by the key `jwk`. */
export function verifyJwtSignature(jwt: ParsedJwt, alg: string, jwk: JsonObject): boolean {
  const hash = `sha${alg.slice(2)}`;
  const data = Buffer.from(jwt.signingInput);
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
    if (alg.startsWith("RS") && key.asymmetricKeyType === "rsa")
      return verify(hash, data, key, jwt.signature);
    if (alg.startsWith("PS") && key.asymmetricKeyType === "rsa")
      return verify(
        hash,
        data,
        {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        },
        jwt.signature,
      );
    // JWS carries ECDSA signatures as r||s (IEEE P1363), not DER.
    if (alg.startsWith("ES") && key.asymmetricKeyType === "ec" && jwk.crv === EC_CURVES[alg])
      return verify(hash, data, { key, dsaEncoding: "ieee-p1363" }, jwt.signature);
    return false;
  } catch {
    // A malformed key or signature verifies nothing.
    return false;
  }
}
