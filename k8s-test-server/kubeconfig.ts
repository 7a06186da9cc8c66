// The only thing the application ever sees of the test server: a kubeconfig.
import { KubeConfig } from "@kubernetes/client-node";
import { stringify } from "yaml";

export interface KubeconfigParams {
  server: string;
  caPem: string;
  token: string;
  clusterName?: string;
  userName?: string;
}

export function kubeconfigYaml(p: KubeconfigParams): string {
  const cluster = p.clusterName ?? "slipway-sandbox";
  const user = p.userName ?? "admin";
  const context = `${user}@${cluster}`;
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: cluster,
        cluster: {
          server: p.server,
          "certificate-authority-data": Buffer.from(p.caPem).toString("base64"),
        },
      },
    ],
    users: [{ name: user, user: { token: p.token } }],
    contexts: [{ name: context, context: { cluster, user } }],
    "current-context": context,
    preferences: {},
  });
}

export function kubeConfigFromYaml(yaml: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(yaml);
  return kc;
}
