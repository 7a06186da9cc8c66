// Names an object the same way everywhere the reconciler compares objects: the informer cache,
// the managed_object rows and the desired objects.
import type { KubernetesObject } from "@kubernetes/client-node";

export function identity(o: {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}): string {
  return `${o.apiVersion}|${o.kind}|${o.namespace ?? ""}|${o.name}`;
}

export function objectIdentity(o: KubernetesObject): string {
  return identity({ ...o, namespace: o.metadata?.namespace, name: o.metadata?.name });
}
