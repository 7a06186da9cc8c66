import { describe, expect, it } from "vitest";
import { connectionFromKubeconfig, listKubeconfigContexts } from "./kubeconfig";

const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n";
const b64 = (text: string) => Buffer.from(text).toString("base64");

function kubeconfig(users: string, server = "https://10.0.0.1:6443", extra = ""): string {
  return `apiVersion: v1
kind: Config
current-context: ops
clusters:
- name: prod
  cluster:
    server: ${server}
    certificate-authority-data: ${b64(CA)}
${extra}
contexts:
- name: ops
  context: {cluster: prod, user: ops}
- name: ci
  context: {cluster: prod, user: ci}
users:
${users}
`;
}

const TOKEN_USERS = `- name: ops
  user: {token: tok-123}
- name: ci
  user:
    client-certificate-data: ${b64(CA)}
    client-key-data: ${b64(KEY)}`;

describe("kubeconfig parsing", () => {
  it("lists contexts, and extracts a token or a client certificate with the CA as PEM", () => {
    const text = kubeconfig(TOKEN_USERS);
    const listed = listKubeconfigContexts(text);
    expect(listed.currentContext).toBe("ops");
    expect(listed.contexts.map((c) => [c.name, c.authKind, c.problem])).toEqual([
      ["ops", "token", null],
      ["ci", "client-certificate", null],
    ]);
    expect(JSON.stringify(listed)).not.toContain("tok-123");
    expect(connectionFromKubeconfig(text)).toEqual({
      contextName: "ops",
      apiUrl: "https://10.0.0.1:6443",
      insecureSkipTlsVerify: false,
      credentials: { kind: "token", token: "tok-123", caData: CA },
    });
    expect(connectionFromKubeconfig(text, "ci").credentials).toEqual({
      kind: "client-certificate",
      certData: CA,
      keyData: KEY,
      caData: CA,
    });
  });

  it.each([
    [
      "exec",
      "  user:\n    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}",
      /User "ops" \(context "ops"\) uses an exec plugin \(aws\)/,
    ],
    [
      "auth-provider",
      "  user:\n    auth-provider: {name: gcp}",
      /User "ops" \(context "ops"\) uses an auth-provider plugin/,
    ],
    ["basic auth", "  user: {username: admin, password: pw}", /username and password/],
    ["token file", "  user: {token-file: /etc/passwd}", /refers to a file \(token-file\)/],
    ["no credentials", "  user: {}", /has no credentials/],
  ])("refuses %s, naming the user and context", (_label, user, message) => {
    const text = kubeconfig(`- name: ops\n${user}\n- name: ci\n  user: {token: t}`);
    expect(() => connectionFromKubeconfig(text, "ops")).toThrow(message);
    const ops = listKubeconfigContexts(text).contexts.find((c) => c.name === "ops");
    expect(ops?.problem).toMatch(message);
  });

  it("refuses http:// API URLs and CA files", () => {
    expect(() => connectionFromKubeconfig(kubeconfig(TOKEN_USERS, "http://10.0.0.1:8080"))).toThrow(
      /only talks to clusters over https/,
    );
    expect(() =>
      connectionFromKubeconfig(
        kubeconfig(TOKEN_USERS, "https://x", "    certificate-authority: /ca.crt"),
      ),
    ).toThrow(/refers to a CA file/);
  });

  it("reads insecure-skip-tls-verify", () => {
    const text = kubeconfig(TOKEN_USERS, "https://x", "    insecure-skip-tls-verify: true");
    expect(connectionFromKubeconfig(text).insecureSkipTlsVerify).toBe(true);
  });

  it("says plainly when the text is not YAML or not a kubeconfig, or the context is unknown", () => {
    expect(() => listKubeconfigContexts("a: [")).toThrow(/not valid YAML/);
    expect(() => listKubeconfigContexts("kind: Pod\n")).toThrow(/not a kubeconfig/);
    expect(() => connectionFromKubeconfig(kubeconfig(TOKEN_USERS), "nope")).toThrow(
      /no context "nope"/,
    );
  });
});
