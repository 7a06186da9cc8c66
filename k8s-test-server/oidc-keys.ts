// An issuer's signing keys: discovery (`<issuer>/.well-known/openid-configuration`), then its
// `jwks_uri`, cached. A token signed with a key id the cache does not know triggers one refetch
// (issuers rotate keys), at most once per `refetchIntervalMs` so that a stream of tokens with
// made-up key ids cannot turn the API server into a load generator against the issuer.
import { getJson, type GetJsonOptions } from "./https-json.js";
import { isPlainObject, type JsonObject } from "./json.js";

export interface IssuerKeysOptions extends GetJsonOptions {
  issuerUrl: string;
  refetchIntervalMs?: number;
  now?: () => number;
}

export class IssuerKeys {
  private jwksUri: string | undefined;
  private keys: JsonObject[] | undefined;
  private lastFetch = -Infinity;
  /** One fetch at a time: concurrent requests with a new kid share it. */
  private inFlight: Promise<void> | undefined;

  constructor(private readonly opts: IssuerKeysOptions) {}

  /**
   * The keys that may have signed a token with header `kid` (all keys when it names none).
   * Throws when the issuer cannot be reached or answers nonsense: the token then fails, and
   * the next token tries again.
   */
  async candidates(kid: string | undefined): Promise<JsonObject[]> {
    const now = this.opts.now ?? Date.now;
    const interval = this.opts.refetchIntervalMs ?? 10_000;
    const known = this.keys && matching(this.keys, kid);
    if (known?.length) return known;
    if (!this.keys || now() - this.lastFetch >= interval) await this.refresh();
    return matching(this.keys ?? [], kid);
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    const now = this.opts.now ?? Date.now;
    this.lastFetch = now();
    this.jwksUri ??= await this.discover();
    const jwks = await getJson(this.jwksUri, this.opts);
    if (!Array.isArray(jwks.keys)) throw new Error(`${this.jwksUri}: no "keys" array`);
    this.keys = jwks.keys.filter(isPlainObject);
  }

  private async discover(): Promise<string> {
    const { issuerUrl } = this.opts;
    const url = `${issuerUrl.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const doc = await getJson(url, this.opts);
    // As go-oidc does: an issuer that names itself differently is misconfigured, not trusted.
    if (doc.issuer !== issuerUrl)
      throw new Error(
        `issuer did not match the issuer returned by provider, expected "${issuerUrl}" got "${String(doc.issuer)}"`,
      );
    if (typeof doc.jwks_uri !== "string") throw new Error(`${url}: no jwks_uri`);
    return doc.jwks_uri;
  }
}

function matching(keys: JsonObject[], kid: string | undefined): JsonObject[] {
  return keys.filter(
    (k) => (kid === undefined || k.kid === kid) && (k.use === undefined || k.use === "sig"),
  );
}
