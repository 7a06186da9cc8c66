import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keyringFromEnv, keyringOf } from "./keyring";
import { keyIdOfSealed, openWith, sealWith } from "./secret-box";

const KEY_A = Buffer.alloc(32, 1).toString("base64");
const KEY_B = Buffer.alloc(32, 2).toString("base64");

describe("secret box", () => {
  it("opens what it sealed, and never seals the same text the same way twice", () => {
    const ring = keyringOf(KEY_A);
    const first = sealWith(ring, "token-123");
    const second = sealWith(ring, "token-123");
    expect(first.sealed).not.toBe(second.sealed);
    expect(first.sealed).not.toContain("token-123");
    expect(openWith(ring, first.sealed)).toBe("token-123");
    expect(first.keyId).toBe(ring.currentId);
    expect(keyIdOfSealed(first.sealed)).toBe(ring.currentId);
  });

  it("refuses a tampered value", () => {
    const ring = keyringOf(KEY_A);
    const { sealed } = sealWith(ring, "secret");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[4] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString("base64url");
    expect(() => openWith(ring, parts.join("."))).toThrow(/altered or is corrupt/);
    expect(() => openWith(ring, "v1.nope")).toThrow(/not a sealed value/);
  });

  it("refuses a value whose key id was swapped for another configured key's", () => {
    const ring = keyringOf(KEY_A, [KEY_B]);
    const { sealed } = sealWith(ring, "secret");
    const otherId = [...ring.keys.keys()].find((id) => id !== ring.currentId) ?? "";
    const swapped = sealed.replace(`.${ring.currentId}.`, `.${otherId}.`);
    expect(() => openWith(ring, swapped)).toThrow(/altered or is corrupt/);
  });

  it("says which key is missing when opened with the wrong key", () => {
    const { sealed, keyId } = sealWith(keyringOf(KEY_A), "secret");
    expect(() => openWith(keyringOf(KEY_B), sealed)).toThrow(
      new RegExp(`encryption key ${keyId}, which is not configured.*SLIPWAY_ENCRYPTION_OLD_KEYS`),
    );
  });

  it("rotates: the new key seals, the old key still opens", () => {
    const { sealed: old } = sealWith(keyringOf(KEY_A), "secret");
    const rotated = keyringOf(KEY_B, [KEY_A]);
    expect(openWith(rotated, old)).toBe("secret");
    const resealed = sealWith(rotated, openWith(rotated, old));
    expect(keyIdOfSealed(resealed.sealed)).toBe(keyringOf(KEY_B).currentId);
    expect(openWith(keyringOf(KEY_B), resealed.sealed)).toBe("secret");
  });
});

describe("keyringFromEnv", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("generates a key into the data directory once (mode 0600) outside production", () => {
    dir = mkdtempSync(path.join(tmpdir(), "slipway-key-"));
    const e = {
      NODE_ENV: "development" as const,
      SLIPWAY_DATA_DIR: path.join(dir, "data"),
      SLIPWAY_ENCRYPTION_KEY: undefined,
      SLIPWAY_ENCRYPTION_OLD_KEYS: [],
    };
    const first = keyringFromEnv(e);
    expect(keyringFromEnv(e).currentId).toBe(first.currentId);
    expect(statSync(path.join(dir, "data", "encryption-key")).mode & 0o777).toBe(0o600);
  });

  it("requires SLIPWAY_ENCRYPTION_KEY in production", () => {
    expect(() =>
      keyringFromEnv({
        NODE_ENV: "production",
        SLIPWAY_DATA_DIR: "/nonexistent",
        SLIPWAY_ENCRYPTION_KEY: undefined,
        SLIPWAY_ENCRYPTION_OLD_KEYS: [],
      }),
    ).toThrow(/SLIPWAY_ENCRYPTION_KEY is required/);
  });
});
