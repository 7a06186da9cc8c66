import { singleLineText } from "./text";

/**
 * A DNS-1123 label (it names namespaces and Kubernetes objects, and so spaces, environments,
 * clusters, classes, targets and claims); `what` starts each message.
 */
export function dnsLabel(what: string) {
  return singleLineText(what)
    .trim()
    .min(1, `${what} is required.`)
    .max(63, `${what} must be at most 63 characters.`)
    .regex(/^[a-z0-9-]+$/, "Use only lower-case letters, digits and hyphens.")
    .regex(/^[a-z0-9]/, `${what} must start with a letter or digit.`)
    .regex(/[a-z0-9]$/, `${what} must end with a letter or digit.`);
}

/** A name that is a DNS-1123 label. */
export function dnsLabelName() {
  return dnsLabel("Name");
}
