// STAND-IN until the clusters branch (H1) merges: server/crypto/secret-box.ts's sealSecret and
// openSecret. The "sealed" value here is the plain JSON of the credentials — the same stand-in the
// reconciler branch's loadClusterConnection reads. At merge, seal with sealSecret(JSON) and drop
// this file (and let the reconciler open the row with the real loadClusterConnection).
import type { TClusterCredentials } from "../../server/k8s/connection";

export const STAND_IN_KEY_ID = "bench-stand-in-unsealed";

export function sealCredentialsStandIn(credentials: TClusterCredentials): {
  sealed: string;
  keyId: string;
} {
  return { sealed: JSON.stringify(credentials), keyId: STAND_IN_KEY_ID };
}

export function openCredentialsStandIn(sealed: string): TClusterCredentials {
  return JSON.parse(sealed) as TClusterCredentials;
}
