// Benchmarks the k8s test server: start-up time and server-side-apply throughput.
//   npx tsx k8s-test-server/bench/apply.ts            (pin to one core: taskset -c 0 npx tsx ...)
// Loopback only; every loop is bounded. Client and server share the process, so the figures
// include client cost and are a lower bound for the server alone.
import { Agent, request } from "node:https";
import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import { BUNDLED_CRDS_DIR, startKubeTestServer, type KubeTestServer } from "../index.js";

const OBJECTS = 200;
const ROUNDS = 5;
const CONCURRENCY = 16;

function configMap(
  ns: string,
  i: number,
  value: string,
): KubernetesObject & { data: Record<string, string> } {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `cm-${i}`, namespace: ns, labels: { app: "bench" } },
    data: { key: value, other: "static" },
  };
}

async function pool(total: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await work(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function timed(
  label: string,
  total: number,
  work: (i: number) => Promise<void>,
): Promise<number> {
  const start = performance.now();
  await pool(total, work);
  const seconds = (performance.now() - start) / 1000;
  const rps = total / seconds;
  console.log(
    `${label.padEnd(52)} ${String(total).padStart(6)} req  ${rps.toFixed(0).padStart(6)} req/s`,
  );
  return rps;
}

/** A minimal keep-alive HTTPS client, to see the server's cost without client-node's. */
function rawApply(server: KubeTestServer, agent: Agent, obj: KubernetesObject): Promise<number> {
  const body = JSON.stringify(obj);
  const path = `/api/v1/namespaces/${obj.metadata?.namespace}/configmaps/${obj.metadata?.name}?fieldManager=bench&force=true`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: server.port,
        path,
        method: "PATCH",
        agent,
        ca: server.caPem,
        headers: {
          authorization: `Bearer ${server.adminToken}`,
          "content-type": "application/apply-patch+yaml",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  console.log(
    `node ${process.version}, ${OBJECTS} objects x ${ROUNDS} rounds, concurrency ${CONCURRENCY}`,
  );

  const startups: number[] = [];
  const startupsWithCrds: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    await (await startKubeTestServer()).stop();
    startups.push(performance.now() - t0);
    t0 = performance.now();
    await (await startKubeTestServer({ manifestDirs: [BUNDLED_CRDS_DIR] })).stop();
    startupsWithCrds.push(performance.now() - t0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `start-up (median of 5): ${median(startups).toFixed(0)} ms; with Argo CD CRDs: ${median(startupsWithCrds).toFixed(0)} ms`,
  );

  const server = await startKubeTestServer();
  try {
    const objects = KubernetesObjectApi.makeApiClient(server.kubeConfig);
    const ns = "bench";
    await objects.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    const apply = (o: KubernetesObject) =>
      objects.patch(o, undefined, undefined, "bench", true, PatchStrategy.ServerSideApply);

    await timed(
      "client-node SSA, create",
      OBJECTS,
      async (i) => void (await apply(configMap(ns, i, "v0"))),
    );
    let changing = 0;
    let noop = 0;
    for (let r = 1; r <= ROUNDS; r++) {
      changing = Math.max(
        changing,
        await timed(
          `client-node SSA, changing (round ${r})`,
          OBJECTS,
          async (i) => void (await apply(configMap(ns, i, `v${r}`))),
        ),
      );
    }
    for (let r = 1; r <= ROUNDS; r++) {
      noop = Math.max(
        noop,
        await timed(
          `client-node SSA, identical/no-op (round ${r})`,
          OBJECTS,
          async (i) => void (await apply(configMap(ns, i, `v${ROUNDS}`))),
        ),
      );
    }

    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let rawChanging = 0;
    let rawNoop = 0;
    for (let r = 1; r <= ROUNDS; r++) {
      rawChanging = Math.max(
        rawChanging,
        await timed(
          `raw HTTPS SSA, changing (round ${r})`,
          OBJECTS,
          async (i) => void (await rawApply(server, agent, configMap(ns, i, `raw${r}`))),
        ),
      );
    }
    for (let r = 1; r <= ROUNDS; r++) {
      rawNoop = Math.max(
        rawNoop,
        await timed(
          `raw HTTPS SSA, identical/no-op (round ${r})`,
          OBJECTS,
          async (i) => void (await rawApply(server, agent, configMap(ns, i, `raw${ROUNDS}`))),
        ),
      );
    }
    agent.destroy();
    const applies = server.metrics.count({ verb: "APPLY", resource: "configmaps" });
    console.log(
      `\nbest of rounds: client-node changing ${changing.toFixed(0)}/s, no-op ${noop.toFixed(0)}/s; raw changing ${rawChanging.toFixed(0)}/s, no-op ${rawNoop.toFixed(0)}/s`,
    );
    console.log(`server counted ${applies} APPLY requests to configmaps`);
  } finally {
    await server.stop();
  }
}

await main();
