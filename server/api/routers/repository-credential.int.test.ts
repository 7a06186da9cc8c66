import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, repositoryCredentials } from "@/db/schema";
import { openSecret } from "@/server/crypto/secret-box";
import { testSshPrivateKey } from "@/testing/applications";
import { lastAuditOf } from "@/testing/audit-trail";
import { fieldErrorsOf } from "@/testing/field-errors";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useDeveloperSpaces } from "@/testing/use-developer-spaces";
import { useTestDatabase } from "@/testing/use-test-database";

const HTTPS_REPO = "https://git.example.com/team/private.git";
const SSH_REPO = "ssh://git@git.example.com/team/private.git";
const TOKEN = "glpat-SECRETTOKEN123456";

describe.each(testDatabaseKinds())("repository credentials (%s)", (kind) => {
  const database = useTestDatabase(kind);
  const team = useDeveloperSpaces(database, "repo");

  const rowOf = async (id: string) => {
    const [row] = await database()
      .db.select()
      .from(repositoryCredentials)
      .where(eq(repositoryCredentials.id, id));
    if (!row) throw new Error("no such credential row");
    return row;
  };

  it("stores a username and token sealed, and answers only that a token is held", async () => {
    const space = await team.freshSpace();
    const created = await space.api.repositoryCredential.create({
      space: space.name,
      repository: HTTPS_REPO,
      kind: "https",
      username: "deployer",
      token: TOKEN,
    });
    const { id, createdAt, ...shown } = created;
    expect(createdAt).toBeInstanceOf(Date);
    expect(shown).toEqual({
      repository: HTTPS_REPO,
      kind: "https",
      username: "deployer",
      hasToken: true,
      hasPrivateKey: false,
      rotatedAt: null,
      generation: 1,
      status: { conditions: [], observedGeneration: 0 },
    });
    const row = await rowOf(id);
    expect(row.secret).not.toContain(TOKEN);
    expect(row.secret.startsWith(`v1.${row.secretKeyId}.`)).toBe(true);
    expect(openSecret(row.secret)).toBe(TOKEN);
    const audit = await lastAuditOf(database().db, space.id);
    expect(audit).toMatchObject({
      action: "repository-credential.create",
      targetId: HTTPS_REPO,
      after: { repository: HTTPS_REPO, kind: "https", username: "deployer" },
    });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it("stores an SSH private key for an ssh:// repository", async () => {
    const space = await team.freshSpace();
    const key = testSshPrivateKey();
    const created = await space.api.repositoryCredential.create({
      space: space.name,
      repository: SSH_REPO,
      kind: "ssh",
      privateKey: key,
      // Ignored for ssh: only https credentials carry a username.
      username: "ignored",
    });
    expect(created).toMatchObject({ kind: "ssh", username: null, hasPrivateKey: true });
    expect(openSecret((await rowOf(created.id)).secret)).toBe(key);
    const page = await space.api.repositoryCredential.list({ space: space.name });
    expect(page.items.map((c) => c.repository)).toEqual([SSH_REPO]);
  });

  it("refuses other schemes, a kind that does not fit the URL, unusable keys and a repeated URL", async () => {
    const space = await team.freshSpace();
    const create = (input: {
      repository?: string;
      kind?: "https" | "ssh";
      token?: string;
      privateKey?: string;
    }) =>
      fieldErrorsOf(
        space.api.repositoryCredential.create({
          space: space.name,
          repository: HTTPS_REPO,
          kind: "https",
          username: "u",
          token: "t",
          ...input,
        }),
      );
    expect(await create({ repository: "git@github.com:team/app.git" })).toEqual({
      code: "BAD_REQUEST",
      fields: { repository: ["Write it as an ssh:// URL: ssh://git@github.com/team/app.git."] },
    });
    expect((await create({ repository: "http://git.example.com/team/app.git" })).fields).toEqual({
      repository: ["Use an https:// or ssh:// URL; other schemes are not accepted."],
    });
    expect((await create({ repository: "https://me:pw@git.example.com/app.git" })).fields).toEqual({
      repository: [
        "Leave credentials out of the URL; add them as a repository credential of the space.",
      ],
    });
    expect((await create({ repository: SSH_REPO })).fields).toEqual({
      kind: ["An ssh:// repository takes an SSH private key."],
    });
    expect((await create({ token: "" })).fields).toEqual({
      token: ["Enter the token (or password)."],
    });
    expect(
      (await create({ repository: SSH_REPO, kind: "ssh", privateKey: "ssh-ed25519 AAAAC3Nz me" }))
        .fields,
    ).toEqual({
      privateKey: ["This is a public key; paste the private key (the file without .pub)."],
    });
    const before = (await database().db.select().from(auditEvents)).length;
    await space.api.repositoryCredential.create({
      space: space.name,
      repository: HTTPS_REPO,
      kind: "https",
      username: "u",
      token: "t",
    });
    expect(await create({})).toEqual({
      code: "CONFLICT",
      fields: {
        repository: [`This space already has a credential for ${HTTPS_REPO}; rotate it instead.`],
      },
    });
    expect((await database().db.select().from(auditEvents)).length).toBe(before + 1);
  });

  it("rotates the secret (and username), bumping the generation; the kind must match", async () => {
    const space = await team.freshSpace();
    const created = await space.api.repositoryCredential.create({
      space: space.name,
      repository: HTTPS_REPO,
      kind: "https",
      username: "old-user",
      token: "old-token",
    });
    const ref = { space: space.name, credentialId: created.id };
    expect(
      await fieldErrorsOf(
        space.api.repositoryCredential.rotate({
          ...ref,
          kind: "ssh",
          privateKey: testSshPrivateKey(),
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      fields: { kind: [`${HTTPS_REPO} is an https:// repository: rotate its username and token.`] },
    });
    expect(openSecret((await rowOf(created.id)).secret)).toBe("old-token");
    const rotated = await space.api.repositoryCredential.rotate({
      ...ref,
      kind: "https",
      username: "new-user",
      token: "new-token",
    });
    expect(rotated).toMatchObject({ username: "new-user", generation: 2, hasToken: true });
    expect(rotated.rotatedAt).toBeInstanceOf(Date);
    expect(openSecret((await rowOf(created.id)).secret)).toBe("new-token");
    const audit = await lastAuditOf(database().db, space.id);
    expect(audit).toMatchObject({
      action: "repository-credential.rotate",
      before: { username: "old-user", rotatedAt: null },
      after: { username: "new-user" },
    });
    expect(JSON.stringify(audit)).not.toMatch(/old-token|new-token/);
  });

  it("deletes (owner) and answers NOT_FOUND for another space's credential", async () => {
    const space = await team.freshSpace();
    const other = await team.freshSpace();
    const created = await other.api.repositoryCredential.create({
      space: other.name,
      repository: HTTPS_REPO,
      kind: "https",
      username: "u",
      token: "t",
    });
    const foreign = await trpcError(
      space.ownerApi.repositoryCredential.get({ space: space.name, credentialId: created.id }),
    );
    expect([foreign.code, foreign.message]).toEqual([
      "NOT_FOUND",
      "That repository credential was not found in this space.",
    ]);
    await expect(
      space.ownerApi.repositoryCredential.delete({ space: space.name, credentialId: created.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await other.ownerApi.repositoryCredential.delete({
      space: other.name,
      credentialId: created.id,
    });
    expect(
      await database()
        .db.select()
        .from(repositoryCredentials)
        .where(eq(repositoryCredentials.id, created.id)),
    ).toEqual([]);
    expect(await lastAuditOf(database().db, other.id)).toMatchObject({
      action: "repository-credential.delete",
      targetId: HTTPS_REPO,
    });
  });
});
