// Starts a test server from the command line (the `npm run dev` sandbox cluster, or manual poking):
//   npx tsx k8s-test-server/cli.ts [--port N] [--kubeconfig path] [--crds dir]... [--no-bundled-crds]
//                                  [--emulate-argo-cd[=delayMs]] [--oidc-issuer-url URL --oidc-client-id ID …]
//                                  [--openshift-oauth FILE]
import { parseArgs } from "node:util";
import { BUNDLED_CRDS_DIR, startKubeTestServer } from "./index.js";
import { OIDC_FLAG_OPTIONS, OIDC_USAGE, oidcIssuerFromFlags } from "./oidc-flags.js";
import { OPENSHIFT_OAUTH_USAGE, openShiftOAuthFromFile } from "./openshift-oauth-flag.js";

const USAGE = `usage: npx tsx k8s-test-server/cli.ts [--port N] [--kubeconfig path] [--crds dir]... [--no-bundled-crds] [--emulate-argo-cd[=delayMs]] [--quiet]
       ${OIDC_USAGE}
       ${OPENSHIFT_OAUTH_USAGE}`;

// parseArgs has no optional-value options, so the flag with its optional "=delayMs" is read here.
const EMULATE = "--emulate-argo-cd";
const args = process.argv.slice(2);
const emulateArg = args.filter((a) => a === EMULATE || a.startsWith(`${EMULATE}=`)).at(-1);
const emulateDelayMs = emulateArg?.includes("=") ? Number(emulateArg.split("=")[1]) : 0;
if (!Number.isInteger(emulateDelayMs) || emulateDelayMs < 0) {
  console.error(`invalid ${emulateArg}: the delay is a whole number of milliseconds`);
  process.exit(2);
}

const { values } = parseArgs({
  args: args.filter((a) => a !== emulateArg),
  options: {
    port: { type: "string", default: "0" },
    kubeconfig: { type: "string" },
    crds: { type: "string", multiple: true, default: [] },
    "no-bundled-crds": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
    "openshift-oauth": { type: "string" },
    ...OIDC_FLAG_OPTIONS,
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}

let oidcIssuer;
let openshiftOAuth;
try {
  oidcIssuer = await oidcIssuerFromFlags(values);
  if (values["openshift-oauth"])
    openshiftOAuth = await openShiftOAuthFromFile(values["openshift-oauth"]);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

const started = performance.now();
const server = await startKubeTestServer({
  port,
  ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig } : {}),
  manifestDirs: [...(values["no-bundled-crds"] ? [] : [BUNDLED_CRDS_DIR]), ...values.crds],
  ...(emulateArg ? { emulateArgoCd: { delayMs: emulateDelayMs } } : {}),
  ...(oidcIssuer ? { oidc: [oidcIssuer] } : {}),
  ...(openshiftOAuth ? { openshiftOAuth } : {}),
  log: (message) => console.error(`k8s-test-server: ${message}`),
});
const ms = Math.round(performance.now() - started);

console.error(`k8s-test-server: serving ${server.url} (started in ${ms} ms)`);
if (emulateArg)
  console.error(
    `k8s-test-server: emulating Argo CD (syncs report success after ${emulateDelayMs} ms)`,
  );
if (oidcIssuer)
  console.error(
    `k8s-test-server: trusting ID tokens of ${oidcIssuer.issuerUrl} for client ${oidcIssuer.clientId}`,
  );
if (openshiftOAuth)
  console.error(
    `k8s-test-server: OpenShift OAuth server at ${server.url}/oauth/authorize (${openshiftOAuth.users.length} users, clients ${openshiftOAuth.clients.map((c) => c.name).join(", ")})`,
  );
console.error(`k8s-test-server: kubeconfig written to ${server.kubeconfigPath}`);
console.error(`k8s-test-server: export KUBECONFIG=${server.kubeconfigPath}`);
if (!values.quiet) process.stdout.write(server.kubeconfigYaml);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.error(`k8s-test-server: ${signal}, stopping`);
  server.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
