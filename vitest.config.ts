import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": path.join(root, "testing", "empty-module.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          // The test server's own unit tests run in the contract project, with the suite.
          include: ["{server,lib,db,components}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["{server,db}/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["testing/postgres-global-setup.ts"],
          // next-auth imports "next/server" without an extension, which only a bundler resolves:
          // let Vite load it (HTTP tests call Auth.js's route handlers).
          server: { deps: { inline: ["next-auth"] } },
        },
      },
      {
        ...shared,
        test: {
          name: "contract",
          // The contract suite plus the test server's own unit tests (next to its code).
          include: ["k8s-test-server/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
