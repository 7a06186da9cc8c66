// Credentials as an admin enters them (a kubeconfig context, or a token and CA bundle) turned into
// a connection, and sealed for the cluster row. Errors land under the form field they concern.
import type { TClusterCredentialsInput } from "@/lib/validators/cluster";
import type { TClusterCredentials, TClusterConnection } from "@/server/k8s/connection";
import { connectionFromKubeconfig, KubeconfigError } from "@/server/k8s/kubeconfig";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { fieldError } from "../errors";
import type { TClusterRow } from "./cluster-row";

export interface TResolvedCredentials {
  /** From the kubeconfig's context; null for a token (the form's API URL applies). */
  apiUrl: string | null;
  insecureSkipTlsVerify: boolean | null;
  credentials: TClusterCredentials;
}

export function resolveCredentials(input: TClusterCredentialsInput): TResolvedCredentials {
  if (input.source === "token") {
    const caData = input.caData === "" ? undefined : `${input.caData.trim()}\n`;
    return {
      apiUrl: null,
      insecureSkipTlsVerify: null,
      credentials: { kind: "token", token: input.token, ...(caData ? { caData } : {}) },
    };
  }
  try {
    const resolved = connectionFromKubeconfig(input.kubeconfig, input.context || undefined);
    return {
      apiUrl: resolved.apiUrl,
      insecureSkipTlsVerify: resolved.insecureSkipTlsVerify,
      credentials: resolved.credentials,
    };
  } catch (error) {
    if (error instanceof KubeconfigError)
      throw fieldError(`credentials.${error.field}`, error.message);
    throw error;
  }
}

export function sealCredentials(credentials: TClusterCredentials) {
  const { sealed, keyId } = sealSecret(JSON.stringify(credentials));
  return { authKind: credentials.kind, credentials: sealed, credentialsKeyId: keyId };
}

/** The columns a connection is made of. */
export type TConnectionRow = Pick<
  TClusterRow,
  "id" | "name" | "apiUrl" | "insecureSkipTlsVerify" | "credentials"
>;

/** The connection a row describes, its credentials opened. Throws if they do not open. */
export function connectionOfRow(row: TConnectionRow): TClusterConnection {
  return {
    clusterId: row.id,
    clusterName: row.name,
    apiUrl: row.apiUrl,
    insecureSkipTlsVerify: row.insecureSkipTlsVerify,
    credentials: JSON.parse(openSecret(row.credentials)) as TClusterCredentials,
  };
}

/**
 * Changes whenever the connection a row describes does (URL, TLS setting, sealed credentials), so a
 * cached client can be reused without opening the credentials on every pass.
 */
export function connectionVersion(row: TConnectionRow): string {
  return JSON.stringify([row.apiUrl, row.insecureSkipTlsVerify, row.credentials]);
}
