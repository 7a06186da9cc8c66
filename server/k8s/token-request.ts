// Tokens for a deployment target's ServiceAccount through the TokenRequest API: short-lived,
// bound to the ServiceAccount (they stop working when it is deleted), and never stored in the
// cluster as a Secret. Callers request a new one before `expiresAt`.
import { CoreV1Api } from "@kubernetes/client-node";
import type { TClusterClient } from "./client-pool";

export interface TServiceAccountToken {
  token: string;
  expiresAt: Date;
}

export async function requestServiceAccountToken(
  client: TClusterClient,
  namespace: string,
  name: string,
  expirationSeconds: number,
): Promise<TServiceAccountToken> {
  const core = client.kubeConfig.makeApiClient(CoreV1Api);
  const response = await core.createNamespacedServiceAccountToken({
    name,
    namespace,
    body: {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { expirationSeconds, audiences: [] },
    },
  });
  const status = response.status;
  if (!status?.token) throw new Error(`TokenRequest for ${namespace}/${name} returned no token`);
  // The server may shorten the lifetime it was asked for; its expiry is the one that counts.
  return { token: status.token, expiresAt: new Date(status.expirationTimestamp) };
}
