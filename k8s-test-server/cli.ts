// Starts a test server from the command line (the `npm run dev` sandbox cluster, or manual poking):
//   npx tsx k8s-test-server/cli.ts [--port N] [--kubeconfig path] [--crds dir]... [--no-bundled-crds]
import { parseArgs } from "node:util";
import { BUNDLED_CRDS_DIR, startKubeTestServer } from "./index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    kubeconfig: { type: "string" },
    crds: { type: "string", multiple: true, default: [] },
    "no-bundled-crds": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(
    "usage: npx tsx k8s-test-server/cli.ts [--port N] [--kubeconfig path] [--crds dir]... [--no-bundled-crds] [--quiet]",
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}

const started = performance.now();
const server = await startKubeTestServer({
  port,
  ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig } : {}),
  manifestDirs: [...(values["no-bundled-crds"] ? [] : [BUNDLED_CRDS_DIR]), ...values.crds],
});
const ms = Math.round(performance.now() - started);

console.error(`k8s-test-server: serving ${server.url} (started in ${ms} ms)`);
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
