// An Argo CD repository Secret (label `argocd.argoproj.io/secret-type: repository`): how Argo CD
// reads a private Git repository a component deploys from. One per binding and credential, in the
// Argo CD namespace that deploys the binding, so each binding owns (and prunes) its own; Argo CD
// reads duplicates of one URL as the same repository. An explicitly typed Secret (Opaque, as
// Argo CD's own) whose values go in `data` (base64): `stringData` never comes back from the API,
// so a watch could never see it match.
import type { V1Secret } from "@kubernetes/client-node";
import { boundedName } from "@/lib/namespace-names";
import { secretData } from "./secret-data";
import { managedLabels, type TObjectOwnership } from "./object-meta";

export const ARGO_SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
const OBJECT_NAME_MAX = 253;

export type TRepositoryAuth =
  { kind: "https"; username: string; password: string } | { kind: "ssh"; sshPrivateKey: string };

export interface TArgoRepositorySecretInput {
  bindingId: string;
  credentialId: string;
  spaceName: string;
  environmentName: string;
  argoCdNamespace: string;
  repository: string;
  auth: TRepositoryAuth;
}

export function argoRepositorySecretName(bindingId: string, credentialId: string): string {
  return boundedName(`slipway-repo-${bindingId}-${credentialId}`, OBJECT_NAME_MAX);
}

export function buildArgoRepositorySecret(input: TArgoRepositorySecretInput): V1Secret {
  const ownership: TObjectOwnership = {
    owner: { kind: "binding", id: input.bindingId },
    spaceName: input.spaceName,
    environmentName: input.environmentName,
  };
  const auth: Record<string, string> =
    input.auth.kind === "https"
      ? { username: input.auth.username, password: input.auth.password }
      : { sshPrivateKey: input.auth.sshPrivateKey };
  const data: Record<string, string> = { type: "git", url: input.repository, ...auth };
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: argoRepositorySecretName(input.bindingId, input.credentialId),
      namespace: input.argoCdNamespace,
      labels: { ...managedLabels(ownership), [ARGO_SECRET_TYPE_LABEL]: "repository" },
    },
    type: "Opaque",
    data: secretData(data),
  };
}
