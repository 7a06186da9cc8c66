// Minimal typings for the parts of oidc-provider 9 (which ships no types) that the development
// identity provider uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type TKoaLikeContext = {
    host: string;
    type: string;
    body: unknown;
    status: number;
    oidc?: { client?: { clientId: string; clientName?: string } };
  };

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(
      use: string,
      scope: string,
      claims: unknown,
      rejected: string[],
    ): AccountClaims | Promise<AccountClaims>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    [key: string]: unknown;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: { keys?: string[]; [key: string]: unknown };
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    features?: Record<string, Record<string, unknown>>;
    interactions?: {
      url?: (ctx: unknown, interaction: { uid: string }) => string | Promise<string>;
      policy?: InteractionPolicy;
    };
    findAccount?: (
      ctx: unknown,
      sub: string,
      token?: unknown,
    ) => Account | undefined | Promise<Account | undefined>;
    ttl?: Record<string, number | ((...args: unknown[]) => number)>;
    renderError?: (
      ctx: TKoaLikeContext,
      out: Record<string, string>,
      error: Error,
    ) => void | Promise<void>;
    clientBasedCORS?: (ctx: unknown, origin: string, client: unknown) => boolean;
    [key: string]: unknown;
  }

  export interface PolicyContext {
    oidc: { result?: InteractionResults; session?: { accountId?: string } };
  }

  export class Check {
    constructor(reason: string, description: string, check: (ctx: PolicyContext) => boolean);
  }

  export interface Prompt {
    name: string;
    checks: Check[] & { add(check: Check, index?: number): void };
  }

  export type InteractionPolicy = Prompt[] & { get(name: string): Prompt | undefined };

  export const interactionPolicy: {
    base(): InteractionPolicy;
    Check: typeof Check;
  };

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean; amr?: string[]; acr?: string };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface Interaction {
    uid: string;
    prompt: {
      name: string;
      reasons: string[];
      details: {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
        [key: string]: unknown;
      };
    };
    params: Record<string, unknown> & { client_id: string; scope?: string; login_hint?: string };
    session?: { accountId: string; uid: string; cookie: string };
    grantId?: string;
    lastSubmission?: InteractionResults;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(indicator: string, scope: string): void;
    readonly jti: string;
    readonly accountId: string;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface ClientRecord {
    clientId: string;
    clientName?: string;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    readonly Grant: GrantConstructor;
    readonly Client: { find(id: string): Promise<ClientRecord | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
