// How people sign in to a cluster as themselves: the form (browser) and the procedures (server).
// Fields mirror kube-apiserver's `--oidc-*` flags so an admin can copy them from the cluster's config.
import { z } from "zod";
import { ZClusterNameSchema } from "./cluster";
import { multiLineText, singleLineText } from "./text";

export const CLUSTER_SIGN_IN_KINDS = ["none", "oidc", "openshift"] as const;
export type TClusterSignInKind = (typeof CLUSTER_SIGN_IN_KINDS)[number];

export const DEFAULT_SIGN_IN_SCOPES = "openid email profile";
/** OpenShift's scope for acting as the person with all their rights (what `oc login` asks for). */
export const DEFAULT_OPENSHIFT_SCOPES = "user:full";

/** The scopes a kind starts with in the form. */
export function defaultScopesFor(kind: "oidc" | "openshift"): string {
  return kind === "oidc" ? DEFAULT_SIGN_IN_SCOPES : DEFAULT_OPENSHIFT_SCOPES;
}

/** Hosts for which an http:// issuer may be accepted (the development OpenID provider). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

// OpenShift's OAuth scopes: user:* and role:<role>:<namespace>[:!] (openshift/oauth-server).
const OPENSHIFT_SCOPE =
  /^(user:(full|info|check-access|list-projects|list-scoped-projects)|role:[^:\s]+:[^:\s]+(:!)?)$/;

// A claim name as it appears in a token: no spaces, nothing that is not printable.
const CLAIM = /^[A-Za-z0-9_:./-]+$/;

function claim(what: string) {
  return singleLineText(what)
    .trim()
    .max(256, `${what} has at most 256 characters.`)
    .refine((v) => v === "" || CLAIM.test(v), {
      message: `${what}: use letters, digits and _ : . / - only.`,
    });
}

function prefix(what: string) {
  return singleLineText(what).max(256, `${what} has at most 256 characters.`).default("");
}

export const ZSetClusterSignInSchema = z
  .object({
    name: ZClusterNameSchema,
    kind: z.enum(["oidc", "openshift"], { message: "Choose OIDC or OpenShift OAuth." }),
    // oidc only. https://, or http:// on localhost for the emulated sandbox (the service checks that).
    issuerUrl: singleLineText("Issuer URL")
      .trim()
      .max(2048, "The issuer URL has at most 2048 characters.")
      .default(""),
    clientId: singleLineText("Client ID")
      .trim()
      .min(1, "Enter the client ID.")
      .max(256, "The client ID has at most 256 characters."),
    // Empty keeps the secret already set (so the form never needs to hold it).
    clientSecret: singleLineText("Client secret")
      .trim()
      .max(4096, "The client secret has at most 4096 characters.")
      .default(""),
    // A public client (PKCE only) has no secret; choosing it removes one already set.
    publicClient: z.boolean().default(false),
    scopes: singleLineText("Scopes")
      .trim()
      .max(1024, "Scopes have at most 1024 characters.")
      // Empty: the kind's default (filled in below, once the kind is known).
      .default(""),
    usernameClaim: claim("Username claim").default("sub"),
    // Empty: kube-apiserver's default ("<issuer>#" unless the claim is email); "-": no prefix.
    usernamePrefix: prefix("Username prefix"),
    groupsClaim: claim("Groups claim").default(""),
    groupsPrefix: prefix("Groups prefix"),
    caData: multiLineText("CA bundle")
      .trim()
      .max(262_144, "The CA bundle is too long.")
      .default(""),
  })
  .superRefine((value, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (value.kind === "oidc") {
      if (value.issuerUrl === "") problem("issuerUrl", "Enter the issuer URL.");
      else if (!URL.canParse(value.issuerUrl))
        problem("issuerUrl", "Enter a URL, like https://login.example.com/realms/team.");
      else {
        const url = new URL(value.issuerUrl);
        if (url.protocol === "http:" && !isLoopbackHost(url.hostname))
          problem("issuerUrl", "The issuer must be https://, as the API server requires.");
        else if (url.protocol !== "https:" && url.protocol !== "http:")
          problem("issuerUrl", "The issuer must be https://, as the API server requires.");
        else if (url.search || url.hash)
          problem("issuerUrl", "The issuer URL has no query or fragment.");
      }
      if (value.usernameClaim === "") problem("usernameClaim", "Enter the username claim.");
      if (value.scopes !== "" && !/(^|\s)openid(\s|$)/.test(value.scopes))
        problem("scopes", 'Scopes must include "openid" to get an ID token.');
    } else if (
      value.scopes !== "" &&
      !value.scopes.split(/\s+/).every((scope) => OPENSHIFT_SCOPE.test(scope))
    )
      problem(
        "scopes",
        `OpenShift scopes are user:full, user:info, user:check-access, user:list-projects or role:<role>:<namespace>; ${DEFAULT_OPENSHIFT_SCOPES} lets Slipway act with all the person's rights.`,
      );
    if (value.caData !== "" && !value.caData.includes("-----BEGIN CERTIFICATE-----"))
      problem("caData", "Paste the CA bundle as PEM (-----BEGIN CERTIFICATE-----).");
    if (value.publicClient && value.clientSecret !== "")
      problem("clientSecret", "A public client has no secret: clear it or untick public client.");
  })
  .transform((value) => ({ ...value, scopes: value.scopes || defaultScopesFor(value.kind) }));
export type TSetClusterSignIn = z.infer<typeof ZSetClusterSignInSchema>;

/**
 * The prefix the API server puts before the username claim (kube-apiserver's rule): unset means
 * "<issuer>#" so that two issuers' `sub`s cannot collide, except for `email`; "-" means none.
 */
export function effectiveUsernamePrefix(
  issuerUrl: string,
  usernameClaim: string,
  usernamePrefix: string | null,
): string {
  if (usernamePrefix === "-") return "";
  if (usernamePrefix) return usernamePrefix;
  return usernameClaim === "email" ? "" : `${issuerUrl}#`;
}
