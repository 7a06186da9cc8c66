// Repository credential input schemas: what Argo CD needs for a private Git repository, a username
// and token for https:// URLs or an SSH private key for ssh:// URLs (upstream RepositoryCredential:
// field `repository`, https:// or ssh:// only). The secret parts are sealed on the server and
// never sent back.
import { z } from "zod";
import { repositoryProtocol } from "../repository-url";
import { sshPrivateKeyProblem } from "../ssh-private-key";
import { repositoryUrl } from "./git-source";
import { ZPageInputSchema } from "./pagination";
import { ZSpaceRefSchema } from "./space";
import { multiLineText, singleLineText } from "./text";

export const REPOSITORY_CREDENTIAL_KINDS = ["https", "ssh"] as const;
export type TRepositoryCredentialKind = (typeof REPOSITORY_CREDENTIAL_KINDS)[number];

/** The secret fields; which ones count depends on `kind` (the others are ignored). */
const ZSecretFieldsSchema = z.object({
  kind: z.enum(REPOSITORY_CREDENTIAL_KINDS, {
    message: "Choose https (username and token) or ssh (private key).",
  }),
  username: singleLineText("Username")
    .trim()
    .max(255, "Username must be at most 255 characters.")
    .default(""),
  /** A personal access token or password for https:// repositories. */
  token: singleLineText("Token").trim().max(16_384, "The token is too long.").default(""),
  /** An SSH private key without a passphrase, for ssh:// repositories. */
  privateKey: multiLineText("Private key").max(65_536, "The key is too long.").default(""),
});
type TSecretFields = z.infer<typeof ZSecretFieldsSchema>;

function checkSecretFields(value: TSecretFields, ctx: z.RefinementCtx): void {
  const missing = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  if (value.kind === "https") {
    if (value.username === "") missing("username", "Enter the username the token belongs to.");
    if (value.token === "") missing("token", "Enter the token (or password).");
  } else {
    const problem = sshPrivateKeyProblem(value.privateKey);
    if (problem) missing("privateKey", problem);
  }
}

export const ZCreateRepositoryCredentialSchema = ZSpaceRefSchema.extend({
  /** The repository URL exactly as components name it. */
  repository: repositoryUrl("Repository URL"),
  ...ZSecretFieldsSchema.shape,
}).superRefine((value, ctx) => {
  checkSecretFields(value, ctx);
  const protocol = repositoryProtocol(value.repository);
  if (protocol && protocol !== value.kind) {
    ctx.addIssue({
      code: "custom",
      path: ["kind"],
      message:
        protocol === "ssh"
          ? "An ssh:// repository takes an SSH private key."
          : "An https:// repository takes a username and token.",
    });
  }
});
export type TCreateRepositoryCredential = z.infer<typeof ZCreateRepositoryCredentialSchema>;

export const ZRepositoryCredentialRefSchema = ZSpaceRefSchema.extend({
  credentialId: z.uuid("Choose a repository credential."),
});

/** New secret parts for the same repository; `kind` must be the credential's own. */
export const ZRotateRepositoryCredentialSchema = ZRepositoryCredentialRefSchema.extend(
  ZSecretFieldsSchema.shape,
).superRefine(checkSecretFields);
export type TRotateRepositoryCredential = z.infer<typeof ZRotateRepositoryCredentialSchema>;

export const ZFindRepositoryCredentialsSchema = ZSpaceRefSchema.merge(ZPageInputSchema);
