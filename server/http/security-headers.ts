// Security headers for every response (next.config.ts applies them to all paths).
import type { TEnv } from "@/server/env";

/**
 * Origins a form on Slipway may submit or redirect to: itself, and the identity providers' sign-in
 * pages (without JavaScript the sign-in form posts to Slipway, which answers with a redirect to
 * the provider, and browsers hold that redirect to form-action).
 */
function signInOrigins(e: TEnv): string[] {
  const origins: string[] = [];
  if (e.AUTH_OIDC_ISSUER) origins.push(new URL(e.AUTH_OIDC_ISSUER).origin);
  if (e.AUTH_GITHUB_ID) origins.push("https://github.com");
  if (!e.AUTH_OIDC_ISSUER && !e.AUTH_GITHUB_ID && e.NODE_ENV !== "production") {
    origins.push(`http://localhost:${e.SLIPWAY_DEV_OIDC_PORT}`);
  }
  return origins;
}

export function contentSecurityPolicy(e: TEnv): string {
  const development = e.NODE_ENV === "development";
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // Next.js inlines its bootstrap scripts; without nonces they need 'unsafe-inline'. Its dev
    // server evaluates code for fast refresh, so 'unsafe-eval' only there.
    ["script-src", "'self'", "'unsafe-inline'", ...(development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    // Avatars come from the identity provider, wherever it keeps them.
    ["img-src", "'self'", "data:", "https:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", ...(development ? ["ws:"] : [])],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...signInOrigins(e)],
    ["object-src", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

export function securityHeaders(e: TEnv): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(e) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  ];
}
