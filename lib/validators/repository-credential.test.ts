import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { validateForm } from "../validate-form";
import {
  ZCreateRepositoryCredentialSchema,
  ZRotateRepositoryCredentialSchema,
} from "./repository-credential";

const key = generateKeyPairSync("ed25519")
  .privateKey.export({ format: "pem", type: "pkcs8" })
  .toString();

describe("ZCreateRepositoryCredentialSchema", () => {
  it("takes a username and token for https://, and a private key for ssh://", () => {
    expect(
      validateForm(ZCreateRepositoryCredentialSchema, {
        space: "team",
        repository: "https://github.com/team/app.git",
        kind: "https",
        username: "bot",
        token: "ghp_x",
      }),
    ).toMatchObject({ ok: true, data: { privateKey: "" } });
    expect(
      validateForm(ZCreateRepositoryCredentialSchema, {
        space: "team",
        repository: "ssh://git@github.com/team/app.git",
        kind: "ssh",
        privateKey: key,
      }),
    ).toMatchObject({ ok: true, data: { username: "", token: "" } });
  });

  it("asks for what the kind needs, and a kind that fits the URL", () => {
    expect(
      validateForm(ZCreateRepositoryCredentialSchema, {
        space: "team",
        repository: "https://github.com/team/app.git",
        kind: "https",
      }),
    ).toEqual({
      ok: false,
      fields: {
        username: ["Enter the username the token belongs to."],
        token: ["Enter the token (or password)."],
      },
    });
    expect(
      validateForm(ZCreateRepositoryCredentialSchema, {
        space: "team",
        repository: "https://github.com/team/app.git",
        kind: "ssh",
        privateKey: key,
      }),
    ).toEqual({
      ok: false,
      fields: { kind: ["An https:// repository takes a username and token."] },
    });
  });
});

describe("ZRotateRepositoryCredentialSchema", () => {
  it("asks for the new secret of the credential's kind", () => {
    const ref = { space: "team", credentialId: "00000000-0000-4000-8000-000000000001" };
    expect(validateForm(ZRotateRepositoryCredentialSchema, { ...ref, kind: "ssh" })).toEqual({
      ok: false,
      fields: { privateKey: ["Paste the SSH private key."] },
    });
    expect(
      validateForm(ZRotateRepositoryCredentialSchema, {
        ...ref,
        kind: "https",
        username: "u",
        token: "t",
      }),
    ).toMatchObject({ ok: true });
  });
});
