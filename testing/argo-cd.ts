// A test cluster that serves Argo CD's real Application CRD, registered with an Argo CD namespace,
// and the one thing tests do in Argo CD's place: patch an Application as its controller would.
import { PatchStrategy } from "@kubernetes/client-node";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters } from "@/db/schema";
import { BUNDLED_CRDS_DIR, type OidcIssuerOptions } from "@/k8s-test-server/index";
import { clusterObjects, registerTestCluster, startKubeTestServer } from "./reconciler-fixtures";

export const ARGO = "argoproj.io/v1alpha1";
export const ARGO_CD_NAMESPACE = "argocd";

/** A binding component's configuration that sets nothing. */
export const NO_CONFIGURATION = {
  replicas: null,
  env: [],
  resources: { requests: { cpu: "", memory: "" }, limits: { cpu: "", memory: "" } },
};

/**
 * Starts the server (every Application validated by Argo CD's CRD) and registers it; `oidc`: the
 * issuers whose ID tokens it trusts, so tests can act on it as a member.
 */
export async function startArgoCdCluster(db: Db, options: { oidc?: OidcIssuerOptions[] } = {}) {
  const server = await startKubeTestServer({ manifestDirs: [BUNDLED_CRDS_DIR], ...options });
  const objects = clusterObjects(server);
  await objects.api.create({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: ARGO_CD_NAMESPACE },
  });
  const cluster = await registerTestCluster(db, server);
  await db
    .update(clusters)
    .set({ argoCdNamespace: ARGO_CD_NAMESPACE })
    .where(eq(clusters.id, cluster.id));
  return { server, objects, clusterId: cluster.id };
}

/**
 * Plays Argo CD's controller: a merge patch on an Application (its status, its operation), which
 * has no status subresource.
 */
export async function patchAsArgoCd(
  objects: ReturnType<typeof clusterObjects>,
  name: string,
  patch: Record<string, unknown>,
) {
  const { metadata, ...rest } = patch as { metadata?: Record<string, unknown> };
  await objects.api.patch(
    {
      apiVersion: ARGO,
      kind: "Application",
      metadata: { ...metadata, name, namespace: ARGO_CD_NAMESPACE },
      ...rest,
    },
    undefined,
    undefined,
    "argocd-application-controller",
    undefined,
    PatchStrategy.MergePatch,
  );
}
