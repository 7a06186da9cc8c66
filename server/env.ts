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

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    SLIPWAY_URL: z.string().url().default("http://localhost:3000"),
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
    SLIPWAY_ADMINS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(",")
          .map((entry) => entry.trim().toLowerCase())
          .filter((entry) => entry.length > 0),
      ),
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
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_ID, env.AUTH_OIDC_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const [key, value] of [
        ["AUTH_OIDC_ISSUER", env.AUTH_OIDC_ISSUER],
        ["AUTH_OIDC_ID", env.AUTH_OIDC_ID],
        ["AUTH_OIDC_SECRET", env.AUTH_OIDC_SECRET],
      ] as const) {
        if (!value)
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required when any AUTH_OIDC_* is set",
          });
      }
    }
    if (Boolean(env.AUTH_GITHUB_ID) !== Boolean(env.AUTH_GITHUB_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.AUTH_GITHUB_ID ? "AUTH_GITHUB_SECRET" : "AUTH_GITHUB_ID"],
        message: "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET must be set together",
      });
    }
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
  });

export type TEnv = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`,
    );
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: TEnv = parseEnv(process.env);

/** Whether the built-in development identity provider should run: never in production, never alongside a real provider. */
export function devOidcEnabled(e: TEnv = env): boolean {
  const realProvider = Boolean(e.AUTH_OIDC_ISSUER) || Boolean(e.AUTH_GITHUB_ID);
  return e.NODE_ENV !== "production" && !realProvider;
}
