import type { NextConfig } from "next";
// Imported for its side effect too: a bad environment fails `next build` and `next start` here.
import { env } from "./server/env";
import { securityHeaders } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite and pg must load from node_modules at run time, not from Next's bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "oidc-provider",
    "pino",
    "@kubernetes/client-node",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Every page, API response and static file.
  headers: () => Promise.resolve([{ source: "/:path*", headers: securityHeaders(env) }]),
};

export default nextConfig;
