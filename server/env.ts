// The one place that reads process.env. Parsed once; a bad value fails start-up (and
// `next build`, which imports this from next.config) with a message naming the variable.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = (protocols: string[]) =>
  optionalString.pipe(
    z
      .string()
      .url()
      .refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
        message: `must be a ${protocols.join(" or ")} URL`,
      })
      .optional(),
  );

/** A comma-separated list: trimmed, lower-cased, empty entries dropped. */
const lowerCaseList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => entry.length > 0),
  );

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "" || value === "false") return false;
    if (value === "true") return true;
    ctx.addIssue({ code: "custom", message: 'must be "true" or "false"' });
    return z.NEVER;
  });

/** A flag that is on unless set to "false". */
const flagDefaultOn = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "" || value === "true") return true;
    if (value === "false") return false;
    ctx.addIssue({ code: "custom", message: 'must be "true" or "false"' });
    return z.NEVER;
  });

// An AES-256 key: base64 of exactly 32 bytes (openssl rand -base64 32).
const isEncryptionKey = (value: string) =>
  /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, "base64").length === 32;
const ENCRYPTION_KEY_MESSAGE = "must be base64 of 32 bytes (openssl rand -base64 32)";

// An e-mail address as SLIPWAY_ADMINS lists it; admins are matched by verified e-mail only.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// A DNS name as SLIPWAY_ALLOWED_EMAIL_DOMAINS lists it (the part after "@").
const DOMAIN =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
// A GitHub organisation login.
const GITHUB_ORG = /^[a-z0-9]([a-z0-9-]{0,37}[a-z0-9])?$/;

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    // Set by `next dev` / `next start` to the port they listen on.
    PORT: optionalString
      .transform((value) => (value === undefined ? undefined : Number(value)))
      .pipe(z.number().int().min(1).max(65535).optional()),
    SLIPWAY_URL: optionalUrl(["http", "https"]),
    AUTH_URL: optionalUrl(["http", "https"]),
    SLIPWAY_DATA_DIR: z.string().min(1).default(".data"),
    DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
    AUTH_SECRET: optionalString.pipe(
      z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    ),
    AUTH_OIDC_ISSUER: optionalUrl(["http", "https"]),
    AUTH_OIDC_ID: optionalString,
    AUTH_OIDC_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().min(1).default("OpenID Connect"),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GITHUB_ORGS: lowerCaseList.pipe(
      z.array(z.string().regex(GITHUB_ORG, "must be a comma-separated list of GitHub orgs")),
    ),
    SLIPWAY_ALLOWED_EMAIL_DOMAINS: lowerCaseList.pipe(
      z.array(z.string().regex(DOMAIN, "must be a comma-separated list of domains")),
    ),
    SLIPWAY_OPEN_SIGNUP: flag,
    SLIPWAY_ADMINS: lowerCaseList.pipe(
      z.array(
        z
          .string()
          .regex(EMAIL, "must be a comma-separated list of e-mail addresses (not usernames)"),
      ),
    ),
    SLIPWAY_TRUST_PROXY: flag,
    SLIPWAY_DEV_OIDC_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    // Only for scripts/dev-idp.ts run standalone; empty means the callbacks under SLIPWAY_URL.
    SLIPWAY_DEV_OIDC_REDIRECT_URIS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(",")
          .map((entry) => entry.trim())
          .filter((entry) => entry.length > 0),
      )
      .pipe(z.array(z.string().url("must be a comma-separated list of URLs"))),
    // Seals cluster credentials (server/crypto). Required in production; development generates
    // one into <SLIPWAY_DATA_DIR>/encryption-key. Older keys still open values sealed with them.
    SLIPWAY_ENCRYPTION_KEY: optionalString.pipe(
      z.string().refine(isEncryptionKey, ENCRYPTION_KEY_MESSAGE).optional(),
    ),
    SLIPWAY_ENCRYPTION_OLD_KEYS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(",")
          .map((entry) => entry.trim())
          .filter((entry) => entry.length > 0),
      )
      .pipe(z.array(z.string().refine(isEncryptionKey, `entries ${ENCRYPTION_KEY_MESSAGE}`))),
    // The Kubernetes API test server `npm run dev` starts and registers as cluster "sandbox".
    SLIPWAY_SANDBOX: flagDefaultOn,
    SLIPWAY_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(6443),
    // Where the reconcile loop runs: in the Next server process (default), only in `npm run worker`
    // processes ("worker-only"), or nowhere ("off", e.g. a read-only replica of the UI).
    SLIPWAY_RECONCILER: z.enum(["in-process", "worker-only", "off"]).default("in-process"),
    // Keys reconciled in parallel per process.
    SLIPWAY_RECONCILE_WORKERS: z.coerce.number().int().min(1).max(256).default(4),
    // Every key is enqueued again this often, a backstop for missed notifications and watch events.
    SLIPWAY_RECONCILE_RESYNC_SECONDS: z.coerce.number().int().min(5).default(300),
    // How long a worker's cluster lease lasts without renewal: a dead worker's clusters are taken
    // over after at most this long.
    SLIPWAY_CLUSTER_LEASE_SECONDS: z.coerce.number().int().min(3).default(15),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_ID, env.AUTH_OIDC_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const [key, value] of [
        ["AUTH_OIDC_ISSUER", env.AUTH_OIDC_ISSUER],
        ["AUTH_OIDC_ID", env.AUTH_OIDC_ID],
        ["AUTH_OIDC_SECRET", env.AUTH_OIDC_SECRET],
      ] as const) {
        if (!value) issue(key, "is required when any AUTH_OIDC_* is set");
      }
    }
    if (Boolean(env.AUTH_GITHUB_ID) !== Boolean(env.AUTH_GITHUB_SECRET)) {
      issue(
        env.AUTH_GITHUB_ID ? "AUTH_GITHUB_SECRET" : "AUTH_GITHUB_ID",
        "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET must be set together",
      );
    }
    if (env.AUTH_GITHUB_ORGS.length > 0 && !env.AUTH_GITHUB_ID) {
      issue(
        "AUTH_GITHUB_ORGS",
        "needs the GitHub provider (AUTH_GITHUB_ID and AUTH_GITHUB_SECRET)",
      );
    }
    if (env.NODE_ENV !== "production") return;
    if (!env.AUTH_SECRET) issue("AUTH_SECRET", "is required in production");
    if (!env.SLIPWAY_ENCRYPTION_KEY) {
      issue(
        "SLIPWAY_ENCRYPTION_KEY",
        "is required in production: it seals cluster credentials (openssl rand -base64 32)",
      );
    }
    if (!env.SLIPWAY_URL && !env.AUTH_URL) {
      issue(
        "SLIPWAY_URL",
        "is required in production (the public URL, e.g. https://slipway.example.com)",
      );
    }
    if (env.SLIPWAY_ADMINS.length === 0) {
      issue(
        "SLIPWAY_ADMINS",
        "is required in production: list the admins' e-mail addresses (the first-user-is-admin rule is for development only)",
      );
    }
    if (!env.AUTH_OIDC_ISSUER && !env.AUTH_GITHUB_ID) {
      issue(
        "AUTH_OIDC_ISSUER",
        "production needs a sign-in provider: set AUTH_OIDC_* or AUTH_GITHUB_*",
      );
    }
    // Who may sign in: in production an open door must be asked for by name.
    if (!env.SLIPWAY_OPEN_SIGNUP && env.SLIPWAY_ALLOWED_EMAIL_DOMAINS.length === 0) {
      if (env.AUTH_OIDC_ISSUER) {
        issue(
          "SLIPWAY_ALLOWED_EMAIL_DOMAINS",
          "is required in production with AUTH_OIDC_* (anyone with an account at the issuer could sign in); set it, or SLIPWAY_OPEN_SIGNUP=true",
        );
      }
      if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_ORGS.length === 0) {
        issue(
          "AUTH_GITHUB_ORGS",
          "is required in production with AUTH_GITHUB_* (anyone with a GitHub account could sign in); set it or SLIPWAY_ALLOWED_EMAIL_DOMAINS, or SLIPWAY_OPEN_SIGNUP=true",
        );
      }
    }
  })
  .transform(({ SLIPWAY_URL, AUTH_URL, PORT, ...rest }) => {
    // Slipway's public URL: as configured, else (development) wherever `next dev` listens, so
    // `PORT=3077 npm run dev` signs in through callbacks on :3077.
    const url = (SLIPWAY_URL ?? AUTH_URL ?? `http://localhost:${PORT ?? 3000}`).replace(/\/+$/, "");
    return { ...rest, PORT, SLIPWAY_URL: url, AUTH_URL: AUTH_URL ?? url };
  });

export type TEnv = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    // A bad entry of a list variable is reported against the variable (path ["SLIPWAY_ADMINS", 1]).
    const lines = result.error.issues.map(
      (issue) => `  ${String(issue.path[0] ?? "(env)")}: ${issue.message}`,
    );
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: TEnv = parseEnv(process.env);

// Auth.js builds its callback URLs from AUTH_URL when set and from the request's Host and
// X-Forwarded-Host headers otherwise. Setting it here means a forged Host never reaches a URL.
process.env.AUTH_URL ??= env.AUTH_URL;

/** Whether `npm run dev` starts the Kubernetes API test server as the "sandbox" cluster. */
export function sandboxEnabled(e: TEnv = env): boolean {
  return e.NODE_ENV === "development" && e.SLIPWAY_SANDBOX;
}

/** Whether the built-in development identity provider should run: never in production, never alongside a real provider. */
export function devOidcEnabled(e: TEnv = env): boolean {
  const realProvider = Boolean(e.AUTH_OIDC_ISSUER) || Boolean(e.AUTH_GITHUB_ID);
  return e.NODE_ENV !== "production" && !realProvider;
}
