import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sshPrivateKeyProblem } from "./ssh-private-key";

const PASSPHRASE =
  "This key has a passphrase, which Argo CD cannot enter; use a key without one (a deploy key).";

/** An OpenSSH-format key block whose header names `cipher` (the rest is never read). */
function openSshKey(cipher: string): string {
  const header = Buffer.concat([
    Buffer.from("openssh-key-v1\0", "latin1"),
    Buffer.from([0, 0, 0, cipher.length]),
    Buffer.from(cipher, "latin1"),
    Buffer.from([0, 0, 0, 4]),
    Buffer.from("none", "latin1"),
    Buffer.alloc(48, 1),
  ]);
  const body = header.toString("base64").replace(/(.{70})/g, "$1\n");
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

describe("sshPrivateKeyProblem", () => {
  it("accepts PEM (PKCS#8 and RSA) and OpenSSH keys without a passphrase", () => {
    const ed25519 = generateKeyPairSync("ed25519").privateKey.export({
      format: "pem",
      type: "pkcs8",
    });
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
      format: "pem",
      type: "pkcs1",
    });
    expect(sshPrivateKeyProblem(ed25519.toString())).toBeNull();
    expect(sshPrivateKeyProblem(rsa.toString())).toBeNull();
    expect(sshPrivateKeyProblem(openSshKey("none"))).toBeNull();
    expect(sshPrivateKeyProblem(openSshKey("none").replace(/\n/g, "\r\n"))).toBeNull();
  });

  it("refuses keys with a passphrase, in every format", () => {
    const encrypted = generateKeyPairSync("ed25519").privateKey.export({
      format: "pem",
      type: "pkcs8",
      cipher: "aes-256-cbc",
      passphrase: "secret",
    });
    const legacy = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
      format: "pem",
      type: "pkcs1",
      cipher: "aes-256-cbc",
      passphrase: "secret",
    });
    expect(sshPrivateKeyProblem(encrypted.toString())).toBe(PASSPHRASE);
    expect(sshPrivateKeyProblem(legacy.toString())).toBe(PASSPHRASE);
    expect(sshPrivateKeyProblem(openSshKey("aes256-ctr"))).toBe(PASSPHRASE);
  });

  it("says what is wrong with other pastes", () => {
    expect(sshPrivateKeyProblem("  ")).toBe("Paste the SSH private key.");
    expect(sshPrivateKeyProblem("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA me@host")).toBe(
      "This is a public key; paste the private key (the file without .pub).",
    );
    expect(sshPrivateKeyProblem("-----BEGIN OPENSSH PRIVATE KEY-----\nabc")).toBe(
      "Paste the whole private key, from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----.",
    );
    expect(
      sshPrivateKeyProblem(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----",
      ),
    ).toBe("This OpenSSH private key is damaged: its contents do not decode.");
  });
});
