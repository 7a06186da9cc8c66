// Credentials for a space's private Git repositories (upstream RepositoryCredential, field
// `repository`). The token or SSH private key is sealed with AES-256-GCM (server/crypto) and never
// leaves the server; the reconciler will write them as Argo CD repository Secrets where Argo CD
// runs. Reconciled, so a rotation (generation + 1) reaches those Secrets.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, createdBy, reconciled, repositoryUrlCheck, updatedAt } from "./columns";
import { spaces } from "./spaces";

export const repositoryCredentialKind = pgEnum("repository_credential_kind", ["https", "ssh"]);

export const repositoryCredentials = pgTable(
  "repository_credential",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    // The repository URL exactly as components name it; https:// or ssh://, unique in the space.
    repository: text("repository").notNull(),
    kind: repositoryCredentialKind("kind").notNull(),
    // https: the username the token belongs to; null for ssh.
    username: text("username"),
    // Sealed: the token (https) or the SSH private key (ssh).
    secret: text("secret").notNull(),
    // The key the secret is sealed with (also inside the sealed value): finds rows to re-seal.
    secretKeyId: text("secret_key_id").notNull(),
    // Null until the first rotation.
    rotatedAt: timestamp("rotated_at", { mode: "date", withTimezone: true }),
    ...reconciled(),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("repository_credential_space_repository_unique").on(t.spaceId, t.repository),
    index("repository_credential_space_list_idx").on(t.spaceId, t.createdAt, t.id),
    index("repository_credential_created_by_idx").on(t.createdBy),
    index("repository_credential_key_idx").on(t.secretKeyId),
    repositoryUrlCheck("repository_credential_repository_scheme", t.repository),
    // The kind follows the URL's scheme, and only https carries a username.
    check(
      "repository_credential_kind_matches",
      sql`(${t.kind} = 'https' and ${t.repository} like 'https://%' and ${t.username} is not null)
        or (${t.kind} = 'ssh' and ${t.repository} like 'ssh://%' and ${t.username} is null)`,
    ),
  ],
);
