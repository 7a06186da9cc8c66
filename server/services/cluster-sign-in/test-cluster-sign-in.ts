// "Test" on the admin card: fetch what the connect flow will need from the identity provider —
// discovery, and for OIDC the signing keys, trusting the configured CA as the API server does —
// and say in plain words what is wrong, or what was found. Reads nothing secret and changes nothing.
import type { TServiceContext } from "../context";
import { connectionOfRow } from "../clusters/cluster-credentials";
import type { TClusterRow } from "../clusters/cluster-row";
import { openShiftDiscoveryUrl } from "../connections/openshift-oauth";
import { loadClusterSignIn } from "./load-cluster-sign-in";
import { fetchIssuerJson, type TFetchIssuerOptions } from "./fetch-issuer-json";

export interface TSignInFindings {
  issuer: string | null;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  /** RFC 7009; null: "Disconnect" can only forget the tokens. */
  revocationEndpoint: string | null;
  /** Whether discovery lists S256 in code_challenge_methods_supported. */
  pkceS256: boolean;
  signingAlgs: string[];
  /** OIDC only: keys in the JWKS that may sign (not `use: enc`). */
  signingKeys: number | null;
}

export interface TSignInTestResult {
  ok: boolean;
  /** The document fetched first, so an admin can open it themselves; null when not configured. */
  discoveryUrl: string | null;
  /** Plain words, one per problem; empty when ok. */
  problems: string[];
  /** What discovery named; null when it could not be read. */
  found: TSignInFindings | null;
}

export async function testClusterSignIn(
  ctx: TServiceContext,
  input: { name: string },
): Promise<TSignInTestResult> {
  const { cluster, signIn: row } = await loadClusterSignIn(ctx, input.name);
  if (!row)
    return {
      ok: false,
      discoveryUrl: null,
      problems: [`user sign-in is not configured for cluster "${cluster.name}": nothing to test`],
      found: null,
    };
  return row.kind === "oidc" && row.issuerUrl
    ? testOidc(row.issuerUrl, { caData: row.caData })
    : testOpenShift(cluster);
}

async function testOidc(issuerUrl: string, tls: TFetchIssuerOptions): Promise<TSignInTestResult> {
  const discoveryUrl = `${issuerUrl.replace(/\/$/, "")}/.well-known/openid-configuration`;
  const discovery = await fetchIssuerJson(discoveryUrl, tls);
  if (!discovery.ok) return { ok: false, discoveryUrl, problems: [discovery.problem], found: null };
  const doc = discovery.body;
  const problems = endpointProblems(doc);
  // As the API server (go-oidc) does: an issuer that names itself differently is not trusted.
  if (doc.issuer !== issuerUrl)
    problems.push(`discovery names issuer ${JSON.stringify(doc.issuer)}, not "${issuerUrl}"`);
  let signingKeys: number | null = null;
  const jwksUri = stringField(doc, "jwks_uri");
  if (!jwksUri)
    problems.push("discovery names no jwks_uri: the API server could not verify tokens");
  else {
    const jwks = await fetchIssuerJson(jwksUri, tls);
    if (!jwks.ok) problems.push(`the JWKS at ${jwksUri}: ${jwks.problem}`);
    else {
      const keys = Array.isArray(jwks.body.keys) ? (jwks.body.keys as unknown[]) : [];
      signingKeys = keys.filter(
        (k) => typeof k === "object" && k !== null && (k as { use?: unknown }).use !== "enc",
      ).length;
      if (signingKeys === 0) problems.push("no signing keys in the JWKS");
    }
  }
  return { ok: problems.length === 0, discoveryUrl, problems, found: findings(doc, signingKeys) };
}

/** OpenShift's OAuth server is announced by the API server itself (no JWKS: its tokens are opaque). */
async function testOpenShift(cluster: TClusterRow): Promise<TSignInTestResult> {
  const discoveryUrl = openShiftDiscoveryUrl(cluster.apiUrl);
  const { credentials, insecureSkipTlsVerify } = connectionOfRow(cluster);
  const discovery = await fetchIssuerJson(discoveryUrl, {
    caData: credentials.caData ?? null,
    insecureSkipTlsVerify,
    speaker: "the API server",
  });
  if (!discovery.ok) return { ok: false, discoveryUrl, problems: [discovery.problem], found: null };
  const problems = endpointProblems(discovery.body);
  return {
    ok: problems.length === 0,
    discoveryUrl,
    problems,
    found: findings(discovery.body, null),
  };
}

function endpointProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!stringField(doc, "authorization_endpoint"))
    problems.push("discovery names no authorization_endpoint: users could not sign in");
  if (!stringField(doc, "token_endpoint"))
    problems.push("discovery names no token_endpoint: Slipway could not get tokens");
  return problems;
}

function findings(doc: Record<string, unknown>, signingKeys: number | null): TSignInFindings {
  return {
    issuer: stringField(doc, "issuer"),
    authorizationEndpoint: stringField(doc, "authorization_endpoint"),
    tokenEndpoint: stringField(doc, "token_endpoint"),
    revocationEndpoint: stringField(doc, "revocation_endpoint"),
    pkceS256: stringList(doc, "code_challenge_methods_supported").includes("S256"),
    signingAlgs: stringList(doc, "id_token_signing_alg_values_supported"),
    signingKeys,
  };
}

function stringField(doc: Record<string, unknown>, key: string): string | null {
  const value = doc[key];
  return typeof value === "string" && value !== "" ? value : null;
}

function stringList(doc: Record<string, unknown>, key: string): string[] {
  const value = doc[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
