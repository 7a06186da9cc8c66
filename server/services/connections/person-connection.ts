// The cluster connection Slipway uses to act as a person: the cluster's own address and TLS
// settings with the person's bearer token in place of the service credentials.
import type { TClusterConnection } from "@/server/k8s/connection";

export function personConnection(service: TClusterConnection, bearer: string): TClusterConnection {
  return {
    ...service,
    credentials: {
      kind: "token",
      token: bearer,
      ...(service.credentials.caData ? { caData: service.credentials.caData } : {}),
    },
  };
}
