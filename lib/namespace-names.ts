// Namespace names Slipway makes and refuses. Generated names are `<space>-<environment>` (and
// `<environment namespace>-<username>` for workspaces); a name over the 63-character DNS label
// limit is cut and given a short hash of the whole, so two long names stay distinct.

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_MAX = 63;

/** Namespaces the cluster or its platform own; Slipway never takes them over. */
export function isReservedNamespace(name: string): boolean {
  return (
    name === "default" ||
    name === "openshift" ||
    name.startsWith("kube-") ||
    name.startsWith("openshift-")
  );
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, and the same in the browser and on the server. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** Lower-case letters, digits and single hyphens, no hyphen at either end. */
function toLabelCharacters(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * A name of at most `max` characters: as it is when it fits, else cut and given a hash of the
 * whole, so two long names that share their start stay distinct (and the same name always gives
 * the same result).
 */
export function boundedName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = shortHash(name).slice(0, 6);
  const head = name.slice(0, max - hash.length - 1).replace(/[-.]+$/, "");
  return `${head}-${hash}`;
}

/** Joins parts with hyphens into a DNS label, shortened with a hash when it would be too long. */
export function joinedLabel(...parts: string[]): string {
  return boundedName(toLabelCharacters(parts.join("-")), DNS_LABEL_MAX);
}

/** The namespace an environment gets when none is given. */
export function environmentNamespace(space: string, environment: string): string {
  return joinedLabel(space, environment);
}

/** A member's personal namespace of a dev environment; the user id stands in for a username that has no usable characters. */
export function workspaceNamespace(
  environmentNamespaceName: string,
  member: { username: string | null; id: string },
): string {
  const who = toLabelCharacters(member.username ?? "") || toLabelCharacters(member.id).slice(0, 12);
  return joinedLabel(environmentNamespaceName, who);
}
