// kube-apiserver's `--oidc-*` flags for the CLI (one issuer, as the flags configure one), plus
// `--oidc-allow-insecure-issuer`, which kube-apiserver does not have (see OidcIssuerOptions).
import { readFile } from "node:fs/promises";
import { type OidcIssuerOptions } from "./oidc.js";

export const OIDC_FLAG_OPTIONS = {
  "oidc-issuer-url": { type: "string" },
  "oidc-client-id": { type: "string" },
  "oidc-username-claim": { type: "string" },
  "oidc-username-prefix": { type: "string" },
  "oidc-groups-claim": { type: "string" },
  "oidc-groups-prefix": { type: "string" },
  "oidc-ca-file": { type: "string" },
  "oidc-required-claim": { type: "string", multiple: true },
  "oidc-signing-algs": { type: "string" },
  "oidc-allow-insecure-issuer": { type: "boolean" },
} as const;

export const OIDC_USAGE =
  "[--oidc-issuer-url URL --oidc-client-id ID [--oidc-username-claim C] [--oidc-username-prefix P] [--oidc-groups-claim C] [--oidc-groups-prefix P] [--oidc-ca-file PEM] [--oidc-required-claim key=value]... [--oidc-signing-algs RS256,ES256] [--oidc-allow-insecure-issuer]]";

type OidcFlagValues = {
  [K in keyof typeof OIDC_FLAG_OPTIONS]?: (typeof OIDC_FLAG_OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OIDC_FLAG_OPTIONS)[K] extends { type: "boolean" }
      ? boolean
      : string;
};

/** The issuer the flags describe; undefined without `--oidc-issuer-url`. Throws on bad flags. */
export async function oidcIssuerFromFlags(
  v: OidcFlagValues,
): Promise<OidcIssuerOptions | undefined> {
  const issuerUrl = v["oidc-issuer-url"];
  if (!issuerUrl) {
    const stray = Object.keys(OIDC_FLAG_OPTIONS).filter((k) => v[k as keyof OidcFlagValues]);
    if (stray.length) throw new Error(`--${stray[0]} needs --oidc-issuer-url`);
    return undefined;
  }
  const clientId = v["oidc-client-id"];
  if (!clientId) throw new Error("--oidc-issuer-url needs --oidc-client-id");
  const requiredClaims: Record<string, string> = {};
  for (const pair of v["oidc-required-claim"] ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error(`--oidc-required-claim ${pair}: expected key=value`);
    requiredClaims[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const caFile = v["oidc-ca-file"];
  return {
    issuerUrl,
    clientId,
    ...optional("usernameClaim", v["oidc-username-claim"]),
    ...optional("usernamePrefix", v["oidc-username-prefix"]),
    ...optional("groupsClaim", v["oidc-groups-claim"]),
    ...optional("groupsPrefix", v["oidc-groups-prefix"]),
    ...(caFile ? { caPem: await readFile(caFile, "utf8") } : {}),
    ...(Object.keys(requiredClaims).length ? { requiredClaims } : {}),
    ...(v["oidc-signing-algs"] ? { signingAlgs: v["oidc-signing-algs"].split(",") } : {}),
    ...(v["oidc-allow-insecure-issuer"] ? { allowInsecureIssuer: true } : {}),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
