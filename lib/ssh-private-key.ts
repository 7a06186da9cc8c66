// SSH private keys as Argo CD takes them in a repository Secret (`sshPrivateKey`): PEM or OpenSSH
// format, without a passphrase (Argo CD cannot ask for one). The key is checked for shape only;
// what it opens is for the Git server to say.

const PEM_BLOCK =
  /^-----BEGIN ((?:OPENSSH |RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----\r?\n([\s\S]+?)\r?\n-----END \1-----\s*$/;
const OPENSSH_MAGIC = "openssh-key-v1\0";

/** The cipher an OpenSSH-format key is encrypted with ("none" when it has no passphrase). */
function openSshCipher(base64Body: string): string | null {
  let bytes: string;
  try {
    bytes = atob(base64Body.replace(/\s+/g, ""));
  } catch {
    return null;
  }
  if (!bytes.startsWith(OPENSSH_MAGIC)) return null;
  const at = OPENSSH_MAGIC.length;
  const length =
    ((bytes.charCodeAt(at) << 24) |
      (bytes.charCodeAt(at + 1) << 16) |
      (bytes.charCodeAt(at + 2) << 8) |
      bytes.charCodeAt(at + 3)) >>>
    0;
  if (length === 0 || length > 64 || at + 4 + length > bytes.length) return null;
  return bytes.slice(at + 4, at + 4 + length);
}

/** A message describing what is wrong with a pasted SSH private key, or null when it will do. */
export function sshPrivateKeyProblem(value: string): string | null {
  const key = value.trim();
  if (key === "") return "Paste the SSH private key.";
  if (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+) AAAA/.test(key) || key.includes("PUBLIC KEY-----"))
    return "This is a public key; paste the private key (the file without .pub).";
  const match = PEM_BLOCK.exec(key);
  if (!match)
    return "Paste the whole private key, from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----.";
  const [, kind, body = ""] = match;
  if (kind === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(body))
    return "This key has a passphrase, which Argo CD cannot enter; use a key without one (a deploy key).";
  if (kind === "OPENSSH PRIVATE KEY") {
    const cipher = openSshCipher(body);
    if (cipher === null) return "This OpenSSH private key is damaged: its contents do not decode.";
    if (cipher !== "none")
      return "This key has a passphrase, which Argo CD cannot enter; use a key without one (a deploy key).";
  }
  return null;
}
