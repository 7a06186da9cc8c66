// A dynamically provisioned DeploymentTarget (seed GitOps API): a namespace with the class's
// quota, and a ServiceAccount that is admin there and nowhere else. Its token comes from
// TokenRequest (../token-request.ts), so no long-lived Secret is made.
import type { KubernetesObject } from "@kubernetes/client-node";
import { buildNamespace } from "./namespace";
import type { TObjectOwnership } from "./object-meta";
import { buildResourceLimits } from "./resource-quota";
import { buildRoleBinding, serviceAccountSubject } from "./role-binding";
import { buildServiceAccount } from "./service-account";

export interface TTargetManifestInput {
  targetId: string;
  namespace: string;
  /** ResourceQuota `hard` from the class's parameters; none when empty. */
  quota: Record<string, string>;
}

export const DEPLOYER_SERVICE_ACCOUNT = "slipway-deployer";

export function buildTargetObjects(input: TTargetManifestInput): KubernetesObject[] {
  const { namespace } = input;
  const ownership: TObjectOwnership = { owner: { kind: "target", id: input.targetId } };
  return [
    buildNamespace(namespace, ownership),
    ...buildResourceLimits(namespace, ownership, input.quota, null),
    buildServiceAccount(namespace, DEPLOYER_SERVICE_ACCOUNT, ownership),
    buildRoleBinding(
      namespace,
      DEPLOYER_SERVICE_ACCOUNT,
      "admin",
      [serviceAccountSubject(namespace, DEPLOYER_SERVICE_ACCOUNT)],
      ownership,
    ),
  ];
}
