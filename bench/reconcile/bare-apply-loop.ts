// The yardstick: the same objects applied by the plainest fast client there is — one keep-alive
// https.Agent, https.request, server-side apply (application/apply-patch+yaml, one field manager,
// force), a fixed number of requests in flight, nothing else. Namespaces go first, as they must.
// Bodies are serialised before the clock starts, byte for byte what client-node's apply sends
// (its wire form as JSON, which is YAML too, under the apply-patch+yaml content type), so the
// loop's time is requests only and the server parses what it parses for Slipway.
import https from "node:https";
import { performance } from "node:perf_hooks";
import type { KubernetesObject } from "@kubernetes/client-node";
import { mapWithConcurrency } from "../../server/k8s/concurrency";
import type { TClusterConnection } from "../../server/k8s/connection";
import { FIELD_MANAGER } from "../../server/k8s/labels";
import { collectionPath, managedKindOf } from "../../server/k8s/managed-kinds";
import { toWireShape } from "../../server/k8s/wire-shape";

interface TPreparedApply {
  path: string;
  body: string;
}

function prepare(object: KubernetesObject): TPreparedApply {
  const kind = managedKindOf(object.apiVersion ?? "", object.kind ?? "");
  if (!kind) throw new Error(`not a managed kind: ${object.apiVersion} ${object.kind}`);
  const name = encodeURIComponent(object.metadata?.name ?? "");
  const query = `fieldManager=${FIELD_MANAGER}&force=true`;
  return {
    path: `${collectionPath(kind, object.metadata?.namespace)}/${name}?${query}`,
    body: JSON.stringify(toWireShape(object)),
  };
}

/** Applies every object; returns the seconds taken. Throws on any non-2xx answer. */
export async function bareApplyLoop(
  connection: TClusterConnection,
  objects: readonly KubernetesObject[],
  concurrency: number,
): Promise<number> {
  const { credentials } = connection;
  const url = new URL(connection.apiUrl);
  const agent = new https.Agent({
    keepAlive: true,
    ca: credentials.caData,
    cert: credentials.kind === "client-certificate" ? credentials.certData : undefined,
    key: credentials.kind === "client-certificate" ? credentials.keyData : undefined,
    rejectUnauthorized: !connection.insecureSkipTlsVerify,
  });
  const authorization = credentials.kind === "token" ? `Bearer ${credentials.token}` : undefined;
  const send = ({ path, body }: TPreparedApply) =>
    new Promise<void>((resolve, reject) => {
      const request = https.request(
        {
          host: url.hostname,
          port: url.port || 443,
          path: `${url.pathname.replace(/\/$/, "")}${path}`,
          method: "PATCH",
          agent,
          headers: {
            ...(authorization ? { authorization } : {}),
            "content-type": "application/apply-patch+yaml",
            accept: "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            status >= 200 && status < 300
              ? resolve()
              : reject(new Error(`${status} ${path}: ${Buffer.concat(chunks).toString()}`)),
          );
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  const namespaces = objects.filter((o) => o.kind === "Namespace").map(prepare);
  const others = objects.filter((o) => o.kind !== "Namespace").map(prepare);
  try {
    const start = performance.now();
    await mapWithConcurrency(namespaces, concurrency, send);
    await mapWithConcurrency(others, concurrency, send);
    return (performance.now() - start) / 1000;
  } finally {
    agent.destroy();
  }
}
