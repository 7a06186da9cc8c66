// The development OpenID provider: oidc-provider on node:http with Slipway's own login page.
// Never used in production (see devOidcEnabled in server/env.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import path from "node:path";
import Provider, {
  interactionPolicy,
  type Account,
  type Configuration,
  type Interaction,
  type InteractionPolicy,
} from "oidc-provider";
import type { Logger } from "pino";
import { env } from "@/server/env";
import { childLogger } from "@/server/logger";
import {
  CLUSTER_CONNECT_CALLBACK_PATH,
  DEV_CLUSTER_OIDC_CLIENT_ID,
  DEV_CLUSTER_OIDC_CLIENT_SECRET,
  DEV_OIDC_CLIENT_ID,
  DEV_OIDC_CLIENT_SECRET,
  devOidcIssuer,
  devOidcRedirectUris,
} from "./constants";
import { loadOrCreateDevOidcKeys } from "./keys";
import { DEMO_USERS, findDemoUser, verifyDemoCredentials } from "./users";
import { loginPage, logoutPage, messagePage } from "./views";

export interface TDevOidcOptions {
  /** Default env.SLIPWAY_DEV_OIDC_PORT. 0 picks a free port (tests). */
  port?: number;
  /** Default http://localhost:<port>. */
  issuer?: string;
  /** Default `${SLIPWAY_URL}/api/auth/callback/dev`. */
  redirectUris?: string[];
  /** Where dev-oidc-jwks.json lives. Default env.SLIPWAY_DATA_DIR. */
  dataDir?: string;
  /** Interface to bind. Default "localhost". */
  host?: string;
  /**
   * Lifetime of ID and access tokens, in seconds. Default one hour; tests of refresh on expiry
   * use a few seconds.
   */
  tokenTtlSeconds?: number;
  /**
   * Serve https with this certificate (the issuer then defaults to https://localhost:<port>): the
   * e2e tests' cluster issuer, trusted through a CA the way a private issuer is in real life.
   */
  tls?: { certPem: string; keyPem: string };
  logger?: Logger;
}

export interface TDevOidcProvider {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

const CLIENT_NAME = "Slipway";
const MAX_FORM_BYTES = 16 * 1024;

function findAccount(_ctx: unknown, sub: string): Account | undefined {
  const user = findDemoUser(sub);
  if (!user) return undefined;
  return {
    accountId: user.username,
    claims: () => ({
      sub: user.username,
      name: user.name,
      preferred_username: user.username,
      email: user.email,
      email_verified: true,
    }),
  };
}

/**
 * Ask for the password on every authorization, even with a live provider session: after signing
 * out of Slipway you can sign in as a different demo user (and e2e tests can switch users).
 */
function alwaysLoginPolicy(): InteractionPolicy {
  const policy = interactionPolicy.base();
  policy
    .get("login")
    ?.checks.add(
      new interactionPolicy.Check(
        "dev_fresh_login",
        "the development provider asks for the password every time",
        (ctx) => !ctx.oidc.result?.login,
      ),
    );
  return policy;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new Error("form too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
  });
  res.end(html);
}

/** The cluster-connect client's callback on every Slipway origin the sign-in client serves. */
function clusterConnectRedirectUris(redirectUris: string[]): string[] {
  const origins = new Set(redirectUris.map((uri) => new URL(uri).origin));
  return [...origins].map((origin) => `${origin}${CLUSTER_CONNECT_CALLBACK_PATH}`);
}

interface TProviderSettings {
  issuer: string;
  redirectUris: string[];
  dataDir: string;
  tokenTtlSeconds: number;
}

/** The grants each demo user holds, so an "IdP admin" can revoke them all (see revokeGrantsPath). */
type TGrantsByAccount = Map<string, Set<string>>;

function trackGrants(provider: Provider): TGrantsByAccount {
  const grants: TGrantsByAccount = new Map();
  provider.on("grant.saved", (grant) => {
    const { accountId, jti } = grant as { accountId: string; jti: string };
    grants.set(accountId, (grants.get(accountId) ?? new Set()).add(jti));
  });
  return grants;
}

/**
 * `POST /dev/revoke-grants` with form field `username`: what an identity provider's admin does to
 * take a person's access away (development only, no authentication: the provider serves demo users
 * on this machine). Every grant of that user is destroyed, so their refresh tokens are refused
 * from then on; the e2e tests use it to see Slipway's "reconnect needed".
 */
export const REVOKE_GRANTS_PATH = "/dev/revoke-grants";

async function revokeGrants(
  provider: Provider,
  grants: TGrantsByAccount,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const username = (await readForm(req)).get("username") ?? "";
  const user = findDemoUser(username);
  if (!user) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: `no demo user "${username}"` }));
    return;
  }
  let revoked = 0;
  for (const id of grants.get(user.username) ?? []) {
    const grant = await provider.Grant.find(id);
    if (grant) {
      await grant.destroy();
      revoked += 1;
    }
  }
  grants.delete(user.username);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ username: user.username, revoked }));
}

function createProvider(settings: TProviderSettings, log: Logger): Provider {
  const { issuer, redirectUris, dataDir, tokenTtlSeconds } = settings;
  const { jwks, cookieKeys } = loadOrCreateDevOidcKeys(dataDir);
  const configuration: Configuration = {
    clients: [
      {
        client_id: DEV_OIDC_CLIENT_ID,
        client_secret: DEV_OIDC_CLIENT_SECRET,
        client_name: CLIENT_NAME,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: [...new Set(redirectUris.map((uri) => new URL(uri).origin))],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
      // Connecting a cluster as yourself (issue 9): the audience of the ID tokens the sandbox
      // accepts, and refreshable, so Slipway can keep acting as the user without asking again.
      {
        client_id: DEV_CLUSTER_OIDC_CLIENT_ID,
        client_secret: DEV_CLUSTER_OIDC_CLIENT_SECRET,
        client_name: "Slipway (cluster access)",
        redirect_uris: clusterConnectRedirectUris(redirectUris),
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // oidc-provider's default issues a refresh token only for `offline_access` asked with
    // prompt=consent; here every client allowed the refresh_token grant gets one (the sign-in
    // client is not, so Auth.js sessions stay as they were).
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed("refresh_token"),
    jwks,
    cookies: { keys: cookieKeys },
    findAccount,
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
    },
    // Put name/email/preferred_username into the ID token itself: Auth.js builds the user from it.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      // RFC 7009: "Disconnect" revokes the user's refresh token here.
      revocation: {
        enabled: true,
        // A client may revoke only the tokens issued to it.
        allowedPolicy: (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) =>
          token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: unknown }, form: string) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx: { body: unknown }) => {
          ctx.body = messagePage(
            "Signed out",
            "You are signed out of the development identity provider.",
          );
        },
      },
    },
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
      policy: alwaysLoginPolicy(),
    },
    ttl: {
      AccessToken: tokenTtlSeconds,
      IdToken: tokenTtlSeconds,
      RefreshToken: 14 * 24 * 60 * 60,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
    },
    clientBasedCORS: () => false,
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = messagePage(
        "Sign-in failed",
        `${out.error ?? "error"}: ${out.error_description ?? "something went wrong"}. Go back to Slipway and try again.`,
      );
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on("server_error", (_ctx, error) =>
    log.error({ err: error }, "dev OIDC provider server error"),
  );
  provider.on("grant.error", (_ctx, error) =>
    log.warn({ err: error }, "dev OIDC provider token request refused"),
  );
  provider.on("authorization.error", (_ctx, error) =>
    log.warn({ err: error }, "dev OIDC provider authorization error"),
  );
  return provider;
}

/** Consent for Slipway's own client is implied: grant whatever the request asks for. */
async function grantConsent(provider: Provider, details: Interaction): Promise<string> {
  const { prompt, params, session, grantId } = details;
  const grant =
    (grantId ? await provider.Grant.find(grantId) : undefined) ??
    new provider.Grant({ accountId: session?.accountId ?? "", clientId: params.client_id });
  if (prompt.details.missingOIDCScope)
    grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(" "));
  }
  return grant.save();
}

function interactionHandler(provider: Provider, log: Logger) {
  const oidc = provider.callback();
  const grants = trackGrants(provider);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === REVOKE_GRANTS_PATH && req.method === "POST") {
      await revokeGrants(provider, grants, req, res);
      return;
    }
    const match = /^\/interaction\/([^/]+)(?:\/(login|abort))?\/?$/.exec(url.pathname);
    if (!match) {
      if (url.pathname === "/" && req.method === "GET") {
        const users = DEMO_USERS.map((user) => user.username).join(", ");
        sendHtml(
          res,
          200,
          messagePage(
            "Development identity provider",
            `Demo users: ${users}. Sign in from Slipway.`,
          ),
        );
        return;
      }
      oidc(req, res);
      return;
    }
    const action = match[2];
    let details: Interaction;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (error) {
      log.debug({ err: error }, "dev OIDC interaction not found");
      sendHtml(
        res,
        400,
        messagePage(
          "Sign-in expired",
          "This sign-in attempt has expired or was already used. Go back to Slipway and start again.",
        ),
      );
      return;
    }
    const client = await provider.Client.find(details.params.client_id);
    const clientName = client?.clientName ?? details.params.client_id;

    if (action === "abort" && req.method === "POST") {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The user cancelled the sign-in." },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    if (action === "login" && req.method === "POST") {
      if (details.prompt.name !== "login") {
        res.writeHead(303, { location: `/interaction/${details.uid}` }).end();
        return;
      }
      let form: URLSearchParams;
      try {
        form = await readForm(req);
      } catch {
        sendHtml(res, 413, messagePage("Request too large", "The sign-in form was too large."));
        return;
      }
      const username = form.get("username") ?? "";
      const user = verifyDemoCredentials(username, form.get("password") ?? "");
      if (!user) {
        log.info({ username }, "dev OIDC sign-in refused: wrong username or password");
        sendHtml(
          res,
          401,
          loginPage({
            uid: details.uid,
            clientName,
            username,
            error: "Wrong username or password.",
          }),
        );
        return;
      }
      log.info({ username: user.username }, "dev OIDC sign-in");
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.username, amr: ["pwd"] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    if (!action && req.method === "GET") {
      if (details.prompt.name === "login") {
        sendHtml(
          res,
          200,
          loginPage({ uid: details.uid, clientName, username: details.params.login_hint }),
        );
        return;
      }
      if (details.prompt.name === "consent") {
        const grantId = await grantConsent(provider, details);
        await provider.interactionFinished(
          req,
          res,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
        return;
      }
      sendHtml(
        res,
        501,
        messagePage("Not supported", `Unsupported interaction prompt "${details.prompt.name}".`),
      );
      return;
    }

    res.writeHead(405, { allow: action ? "POST" : "GET" }).end();
  };
}

/** Starts the development OpenID provider; rejects (code EADDRINUSE) when the port is taken. */
export async function startDevOidcProvider(
  options: TDevOidcOptions = {},
): Promise<TDevOidcProvider> {
  const log = options.logger ?? childLogger({ module: "dev-oidc" });
  const requestedPort = options.port ?? env.SLIPWAY_DEV_OIDC_PORT;
  const host = options.host ?? "localhost";
  const dataDir = path.resolve(/* turbopackIgnore: true */ options.dataDir ?? env.SLIPWAY_DATA_DIR);
  const redirectUris = options.redirectUris ?? devOidcRedirectUris(env.SLIPWAY_URL);

  // Bind first: with port 0 the issuer must name the port the OS picked.
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!handle) {
      res.writeHead(503).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, "dev OIDC request failed");
      if (!res.headersSent)
        sendHtml(
          res,
          500,
          messagePage("Something went wrong", "The development identity provider failed."),
        );
      else res.end();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, listener)
    : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(requestedPort, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : requestedPort;
  const issuer = options.issuer ?? devOidcIssuer(port, options.tls ? "https" : "http");

  try {
    const tokenTtlSeconds = options.tokenTtlSeconds ?? 60 * 60;
    const provider = createProvider({ issuer, redirectUris, dataDir, tokenTtlSeconds }, log);
    handle = interactionHandler(provider, log);
  } catch (error) {
    server.close();
    throw error;
  }
  log.info({ issuer, redirectUris }, "development OpenID provider listening");

  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
