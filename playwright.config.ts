import { defineConfig, devices } from "@playwright/test";
// The Kubernetes API test server the cluster specs register.
import { E2E_K8S_PORT, E2E_KUBECONFIG_PATH } from "./e2e/fixtures/kube-test-server";
// The cluster issuer that test server trusts, so developers can connect to it as themselves.
import {
  CLUSTER_ISSUER_CA_PATH,
  CLUSTER_ISSUER_PORT,
  CLUSTER_TOKEN_TTL_SECONDS,
  clusterIssuerFlags,
} from "./e2e/fixtures/cluster-issuer";
import { openShiftOAuthFlag } from "./e2e/fixtures/openshift-oauth";

// Run through scripts/test-e2e.sh, which builds Slipway and sets the environment used here.
const port = Number(process.env.E2E_PORT ?? 3100);
const idpPort = Number(process.env.E2E_IDP_PORT ?? 3101);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Animations settled at once, so the accessibility audit sees final colours, not a fade-in.
    reducedMotion: "reduce",
    launchOptions: {
      // Debian's chromium; Playwright never downloads a browser here.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Signs each demo user in once and saves the session (e2e/setup/); the tests reuse it.
    {
      name: "sessions",
      testMatch: /\.setup\.ts$/,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      name: "chromium",
      dependencies: ["sessions"],
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: [
    {
      command: "npx tsx scripts/dev-idp.ts",
      url: `http://localhost:${idpPort}/.well-known/openid-configuration`,
      env: {
        SLIPWAY_DEV_OIDC_PORT: String(idpPort),
        SLIPWAY_DEV_OIDC_REDIRECT_URIS: `${baseURL}/api/auth/callback/oidc`,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      // Started before the test server (web servers start in order), which reads its CA at start.
      command: `npx tsx scripts/dev-idp.ts --token-ttl ${CLUSTER_TOKEN_TTL_SECONDS} --https-ca-file ${CLUSTER_ISSUER_CA_PATH}`,
      url: `https://localhost:${CLUSTER_ISSUER_PORT}/.well-known/openid-configuration`,
      ignoreHTTPSErrors: true,
      env: {
        SLIPWAY_DEV_OIDC_PORT: String(CLUSTER_ISSUER_PORT),
        // Its cluster client's redirect URI is the connect callback on this origin.
        SLIPWAY_DEV_OIDC_REDIRECT_URIS: `${baseURL}/api/auth/callback/oidc`,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      // Argo CD emulated with a short delay, so journeys that wait for a deployment complete.
      // It also plays an OpenShift cluster's OAuth server (fixtures/openshift-oauth.ts).
      command: `npx tsx k8s-test-server/cli.ts --port ${E2E_K8S_PORT} --kubeconfig ${E2E_KUBECONFIG_PATH} --emulate-argo-cd=200 ${clusterIssuerFlags()} ${openShiftOAuthFlag(baseURL, E2E_K8S_PORT)} --quiet`,
      port: E2E_K8S_PORT,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      command: `npx next start -p ${port}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
  ],
});
