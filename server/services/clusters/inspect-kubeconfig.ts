import { KubeconfigError, listKubeconfigContexts } from "@/server/k8s/kubeconfig";
import { fieldError } from "../errors";

/** The contexts of a pasted kubeconfig, for the form to offer; no credentials leave. */
export function inspectKubeconfig(input: { kubeconfig: string }) {
  try {
    return listKubeconfigContexts(input.kubeconfig);
  } catch (error) {
    if (error instanceof KubeconfigError) throw fieldError("kubeconfig", error.message);
    throw error;
  }
}
