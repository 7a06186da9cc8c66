// A client-node KubeConfig for a cluster connection, built from data only (no files, no plugins).
import { KubeConfig } from "@kubernetes/client-node";
import type { TClusterConnection } from "./connection";

const b64 = (pem: string) => Buffer.from(pem, "utf8").toString("base64");

export function kubeConfigFor(conn: TClusterConnection): KubeConfig {
  const { credentials } = conn;
  const kc = new KubeConfig();
  const name = conn.clusterName;
  kc.loadFromOptions({
    clusters: [
      {
        name,
        server: conn.apiUrl,
        caData: credentials.caData ? b64(credentials.caData) : undefined,
        skipTLSVerify: conn.insecureSkipTlsVerify,
      },
    ],
    users: [
      credentials.kind === "token"
        ? { name, token: credentials.token }
        : { name, certData: b64(credentials.certData), keyData: b64(credentials.keyData) },
    ],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return kc;
}
