import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import nextConfig from "@/next.config";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

const production = parseEnv({
  NODE_ENV: "production",
  AUTH_SECRET: "x".repeat(32),
  SLIPWAY_URL: "https://slipway.example.com",
  SLIPWAY_ADMINS: "admin@acme.com",
  SLIPWAY_ALLOWED_EMAIL_DOMAINS: "acme.com",
  AUTH_OIDC_ISSUER: "https://login.acme.com/realms/main",
  AUTH_OIDC_ID: "slipway",
  AUTH_OIDC_SECRET: "secret",
  SLIPWAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
});

describe("security headers", () => {
  it("locks the page down in production", () => {
    const csp = directives(contentSecurityPolicy(production));
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    // The sign-in form may end in a redirect to the identity provider, and nowhere else.
    expect(csp.get("form-action")).toEqual(["'self'", "https://login.acme.com"]);
  });

  it("allows eval only to the development server", () => {
    const development = parseEnv({ NODE_ENV: "development" });
    expect(directives(contentSecurityPolicy(development)).get("script-src")).toContain(
      "'unsafe-eval'",
    );
    expect(directives(contentSecurityPolicy(development)).get("form-action")).toEqual([
      "'self'",
      "http://localhost:3001",
    ]);
  });

  it("sends the full set", () => {
    expect(Object.fromEntries(securityHeaders(production).map((h) => [h.key, h.value]))).toEqual({
      "Content-Security-Policy": contentSecurityPolicy(production),
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });

  it("is applied by next.config.ts to every path", async () => {
    const rules = await nextConfig.headers!();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.source).toBe("/:path*");
    expect(rules[0]!.headers.map((h) => h.key)).toEqual([
      "Content-Security-Policy",
      "X-Frame-Options",
      "X-Content-Type-Options",
      "Referrer-Policy",
    ]);
  });
});
