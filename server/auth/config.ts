// Auth.js configuration: database sessions stored through the Drizzle adapter, providers from the
// environment, Slipway's user fields (username, isAdmin) kept up to date at every sign-in.
// Built lazily (on the first request that needs it) so importing this opens no database.
import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { NextAuthConfig } from "next-auth";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { getDb } from "@/server/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/server/env";
import { childLogger } from "@/server/logger";
import { isUniqueViolation } from "@/server/services/db-errors";
import { applyAdminPolicy } from "./admins";
import { GITHUB_API_URL } from "./github-api";
import {
  buildProviders,
  profileMapperFor,
  providerKindFor,
  type TProviderOptions,
} from "./providers";
import { resolveAuthSecret } from "./secret";
import { signInRefusal, type TSignInPolicy, type TSignInRefusal } from "./sign-in-policy";
import { syncUserProfile } from "./sync-user";
import type { TSessionUser } from "./types";

export function toSessionUser(user: AdapterUser): TSessionUser {
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email || null,
    image: user.image ?? null,
    username: user.username ?? null,
    isAdmin: user.isAdmin ?? false,
  };
}

/**
 * The Drizzle adapter on Slipway's tables. createUser stores the username profile() produced
 * (Auth.js passes profile() output straight to it); if another user already has that username,
 * the user is created without one rather than failing the sign-in. linkAccount drops the
 * provider's tokens: signing in to Slipway needs none of them after the callback, so none are kept
 * at rest (per-environment identities will have their own encrypted store).
 */
export function createAdapter(db: Db, log: Logger): Adapter {
  const base = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  const createUser = base.createUser!.bind(base);
  const linkAccount = base.linkAccount!.bind(base);
  return {
    ...base,
    async linkAccount(account) {
      await linkAccount({
        ...account,
        access_token: undefined,
        refresh_token: undefined,
        id_token: undefined,
        session_state: undefined,
      });
    },
    async createUser(user) {
      // Never trust an admin flag from a profile; admins.ts decides.
      const data: AdapterUser = { ...user, isAdmin: false };
      try {
        return await createUser(data);
      } catch (error) {
        if (!data.username || !isUniqueViolation(error)) throw error;
        log.warn(
          { username: data.username },
          "username already taken by another user; creating the user without one",
        );
        return createUser({ ...data, username: null });
      }
    },
  };
}

/** Where a refused sign-in lands: the sign-in page, saying why (see SIGN_IN_REFUSALS). */
export function refusedSignInUrl(reason: TSignInRefusal): string {
  return `/sign-in?${new URLSearchParams({ error: "AccessDenied", reason })}`;
}

export async function createAuthConfig(options: TProviderOptions = {}): Promise<NextAuthConfig> {
  const log = childLogger({ module: "auth" });
  const db = await getDb();
  const policy: TSignInPolicy = {
    allowedEmailDomains: env.SLIPWAY_ALLOWED_EMAIL_DOMAINS,
    githubOrgs: env.AUTH_GITHUB_ORGS,
    githubApiUrl: options.githubApiUrl ?? GITHUB_API_URL,
  };
  return {
    adapter: createAdapter(db, log),
    providers: buildProviders(env, options),
    secret: resolveAuthSecret(),
    // Auth.js refuses requests unless told their host can be trusted. server/env.ts always sets
    // AUTH_URL (from SLIPWAY_URL), and with it set Auth.js replaces every request's origin by
    // AUTH_URL's: Host and X-Forwarded-Host never reach a URL (server/api/http.int.test.ts).
    trustHost: Boolean(env.AUTH_URL),
    session: { strategy: "database" },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      // Runs before Auth.js writes any user, account or session: a refusal leaves no trace but a
      // log line. The e-mail is the verified one profile.ts kept (null when unverified).
      async signIn({ account, profile }) {
        const kind = account ? providerKindFor(account.provider) : undefined;
        if (!account || !profile || !kind) return false;
        const email = profileMapperFor(account.provider)!(profile).email;
        const refusal = await signInRefusal(
          { kind, email, accessToken: account.access_token },
          policy,
          log,
        );
        if (!refusal) return true;
        log.warn({ provider: account.provider, email, reason: refusal }, "sign-in refused");
        return refusedSignInUrl(refusal);
      },
      // With database sessions `session` is the stored row: copy only `expires`, so the session
      // token (an httpOnly cookie) never reaches /api/auth/session or client code.
      session({ session, user }) {
        return { expires: session.expires, user: toSessionUser(user) };
      },
    },
    events: {
      async signIn({ user, account, profile, isNewUser }) {
        if (!user.id || !account) return;
        const mapper = profileMapperFor(account.provider);
        const fields = mapper && profile ? mapper(profile) : undefined;
        const current = fields
          ? await syncUserProfile(
              db,
              {
                id: user.id,
                name: user.name,
                email: user.email,
                image: user.image,
                username: user.username,
              },
              fields,
              log,
            )
          : { email: user.email ?? null, username: user.username ?? null };
        const isAdmin = await applyAdminPolicy(
          db,
          { id: user.id, email: current.email, username: current.username },
          env.SLIPWAY_ADMINS,
        );
        log.info(
          {
            userId: user.id,
            provider: account.provider,
            username: current.username,
            isAdmin,
            isNewUser: isNewUser ?? false,
          },
          "signed in",
        );
      },
      signOut(message) {
        const userId = "session" in message ? message.session?.userId : undefined;
        log.info({ userId }, "signed out");
      },
    },
    logger: {
      error: (error) => log.error({ err: error }, error.message),
      warn: (code) => log.warn({ code }, `Auth.js warning: ${code}`),
      // Auth.js debug output includes tokens: only at LOG_LEVEL=trace.
      ...(env.LOG_LEVEL === "trace"
        ? { debug: (message: string, metadata?: unknown) => log.trace({ metadata }, message) }
        : {}),
    },
  };
}

// Module scope, not globalThis: the database it needs is already cached on globalThis, and a
// dev-server reload of this file should take effect.
let authConfig: Promise<NextAuthConfig> | undefined;

/** The configuration, built once per module instance; a failed build is retried on the next request. */
export function getAuthConfig(): Promise<NextAuthConfig> {
  authConfig ??= createAuthConfig().catch((error: unknown) => {
    authConfig = undefined;
    throw error;
  });
  return authConfig;
}
