// Container image references as the OCI distribution spec and Docker's reference grammar define
// them (github.com/distribution/reference, regexp.go):
//
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [ domain "/" ] path-component { "/" path-component }
//   domain    := host [ ":" port ]
//   tag       := [\w][\w.-]{0,127}
//   digest    := algorithm ":" hex (at least 32 hex digits)
//
// A problem is described in plain words, so a form can say what to fix rather than "invalid".

// A path component: lower-case alphanumerics joined by ".", "_", "__" or runs of "-".
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
// A domain: DNS-ish labels (upper case allowed), or a bracketed IPv6 address, and an optional port.
const DOMAIN =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
// The repository name, domain included, is limited to 255 characters.
const NAME_MAX = 255;
/** The longest reference accepted: a full name, a tag and a sha512 digest, with room to spare. */
export const OCI_REFERENCE_MAX = 512;

export interface TOciReference {
  /** The registry host (and port), or null when the reference names none (Docker Hub). */
  domain: string | null;
  /** The repository path, e.g. "team/app". */
  path: string;
  tag: string | null;
  digest: string | null;
}

/** Whether the first component names a registry: it has a dot or a port, or is localhost. */
function looksLikeDomain(component: string): boolean {
  return (
    component.includes(".") ||
    component.includes(":") ||
    component === "localhost" ||
    component !== component.toLowerCase()
  );
}

type TParsed = { ok: true; reference: TOciReference } | { ok: false; problem: string };

export function parseOciReference(value: string): TParsed {
  const fail = (problem: string): TParsed => ({ ok: false, problem });
  if (value === "") return fail("Enter a container image, like quay.io/team/app:1.4.2.");
  if (/\s/.test(value)) return fail("An image reference has no spaces.");
  if (value.length > OCI_REFERENCE_MAX)
    return fail(`An image reference has at most ${OCI_REFERENCE_MAX} characters.`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return fail("Leave out the scheme (https://, docker://): write registry/path:tag.");

  const at = value.indexOf("@");
  const digest = at >= 0 ? value.slice(at + 1) : null;
  const beforeDigest = at >= 0 ? value.slice(0, at) : value;
  if (digest !== null && !DIGEST.test(digest)) {
    return fail("The digest must look like sha256: followed by its hex digits.");
  }
  // A tag follows the last ":" after the last "/" (a ":" before it is the registry's port).
  const lastSlash = beforeDigest.lastIndexOf("/");
  const colon = beforeDigest.indexOf(":", lastSlash + 1);
  const tag = colon >= 0 ? beforeDigest.slice(colon + 1) : null;
  const name = colon >= 0 ? beforeDigest.slice(0, colon) : beforeDigest;
  if (tag !== null && !TAG.test(tag)) {
    return fail(
      "A tag has at most 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'.",
    );
  }
  if (name === "") return fail("Name the image's repository, like quay.io/team/app.");
  if (name.length > NAME_MAX)
    return fail(`The image's name (without tag) has at most ${NAME_MAX} characters.`);

  const components = name.split("/");
  const first = components[0] ?? "";
  const hasDomain = components.length > 1 && looksLikeDomain(first);
  const domain = hasDomain ? first : null;
  const pathComponents = hasDomain ? components.slice(1) : components;
  if (domain !== null && !DOMAIN.test(domain)) {
    return fail(`"${domain}" is not a registry host (a host name or address, optionally :port).`);
  }
  for (const component of pathComponents) {
    if (component === "") return fail("The image's path has an empty part (two '/' in a row).");
    if (component !== component.toLowerCase())
      return fail("The repository path must be lower case.");
    if (!PATH_COMPONENT.test(component)) {
      return fail(
        `"${component}" is not a valid path part: use lower-case letters and digits, separated by '.', '_', '__' or '-'.`,
      );
    }
  }
  return { ok: true, reference: { domain, path: pathComponents.join("/"), tag, digest } };
}

/** A message describing what is wrong with an image reference, or null when it is valid. */
export function ociReferenceProblem(value: string): string | null {
  const parsed = parseOciReference(value);
  return parsed.ok ? null : parsed.problem;
}
