import { singleLineText } from "./text";

/** A name that is a DNS-1123 label (it names namespaces and Kubernetes objects). */
export function dnsLabelName() {
  return singleLineText("Name")
    .trim()
    .min(1, "Name is required.")
    .max(63, "Name must be at most 63 characters.")
    .regex(/^[a-z0-9-]+$/, "Use only lower-case letters, digits and hyphens.")
    .regex(/^[a-z0-9]/, "Name must start with a letter or digit.")
    .regex(/[a-z0-9]$/, "Name must end with a letter or digit.");
}
