import type { NextConfig } from "next";
// Imported for its side effect: a bad environment fails `next build` and `next start` here.
import "./server/env";

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
};

export default nextConfig;
