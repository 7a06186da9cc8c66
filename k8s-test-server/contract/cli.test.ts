// The CLI starts a server, writes a working kubeconfig, and stops on SIGTERM.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
} from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { startOidcTestIssuer } from "../oidc-test-issuer.js";
import {
  eventually,
  kubeConfigWithToken,
  rawRequest,
  skipReason,
  statusOf,
  usingRealCluster,
} from "./target.js";

/**
 * Runs the CLI with `args` until `withClient` is done with a client for it (and its stderr so
 * far), then stops it.
 */
async function withCli(
  args: string[],
  withClient: (kc: KubeConfig, stderr: () => string) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "k8s-cli-"));
  const kubeconfig = join(dir, "kubeconfig.yaml");
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(import.meta.dirname, "..", "cli.ts"),
      "--quiet",
      "--kubeconfig",
      kubeconfig,
      ...args,
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  try {
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        stderr += chunk;
        if (stderr.includes("kubeconfig written")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`cli exited with ${code}: ${stderr}`)));
    });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    await withClient(kc, () => stderr);
  } finally {
    // A child that already exited (e.g. crashed at start-up) emits no second "exit".
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

describe.skipIf(usingRealCluster)("cli (test server)", () => {
  if (usingRealCluster) console.log(skipReason("the CLI"));

  it("serves the bundled CRDs and writes a kubeconfig", async () => {
    await withCli([], async (kc) => {
      const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain("default");
      const apps = await KubernetesObjectApi.makeApiClient(kc).list(
        "argoproj.io/v1alpha1",
        "Application",
      );
      expect(apps.items).toEqual([]);
    });
  });

  it("--emulate-argo-cd=<delayMs> reports automated Applications Synced and Healthy", async () => {
    await withCli(["--emulate-argo-cd=20"], async (kc) => {
      const custom = kc.makeApiClient(CustomObjectsApi);
      const where = { group: "argoproj.io", version: "v1alpha1", plural: "applications" };
      await custom.createNamespacedCustomObject({
        ...where,
        namespace: "argocd",
        body: {
          apiVersion: "argoproj.io/v1alpha1",
          kind: "Application",
          metadata: { name: "cli-app" },
          spec: {
            project: "default",
            source: { repoURL: "https://git.example.com/a.git", path: ".", targetRevision: "main" },
            destination: { server: "https://kubernetes.default.svc", namespace: "argocd" },
            syncPolicy: { automated: {} },
          },
        },
      });
      const status = await eventually(async () => {
        const app = (await custom.getNamespacedCustomObject({
          ...where,
          namespace: "argocd",
          name: "cli-app",
        })) as { status?: { sync?: { status?: string }; health?: { status?: string } } };
        return app.status?.health?.status === "Healthy" ? app.status : undefined;
      }, "the emulated sync");
      expect(status.sync?.status).toBe("Synced");
    });
  });

  it("--oidc-* flags trust an issuer's ID tokens, and log why a token was refused", async () => {
    const issuer = await startOidcTestIssuer();
    const dir = await mkdtemp(join(tmpdir(), "k8s-cli-oidc-"));
    const caFile = join(dir, "issuer-ca.pem");
    await writeFile(caFile, issuer.caPem);
    const flags = ["--oidc-issuer-url", issuer.url, "--oidc-client-id", "kubernetes"];
    const exp = Math.floor(Date.now() / 1000) + 600;
    try {
      await withCli(
        [...flags, "--oidc-ca-file", caFile, "--oidc-username-prefix", "-"],
        async (kc, stderr) => {
          const as = (claims: Record<string, unknown>) =>
            kubeConfigWithToken(kc, issuer.mint({ exp, ...claims })).makeApiClient(CoreV1Api);
          // Authenticated (403 from RBAC, not 401) and named by the unprefixed sub.
          const res = await statusOf(as({ sub: "ada", aud: "kubernetes" }).listNamespace());
          expect(res?.code).toBe(403);
          expect(res?.body.message).toContain('User "ada" cannot list resource "namespaces"');
          const refused = await statusOf(as({ sub: "ada", aud: "other" }).listNamespace());
          expect(refused?.code).toBe(401);
          await eventually(
            () => stderr().includes('oidc: expected audience "kubernetes" got "other"'),
            "the refusal's reason on stderr",
          );
        },
      );
    } finally {
      await issuer.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses an http issuer unless --oidc-allow-insecure-issuer is given", async () => {
    const flags = ["--oidc-issuer-url", "http://127.0.0.1:9/oidc", "--oidc-client-id", "k"];
    await expect(withCli(flags, () => Promise.resolve())).rejects.toThrow(
      `'oidc-issuer-url' ("http://127.0.0.1:9/oidc") has invalid scheme ("http"), require 'https'`,
    );
    await withCli([...flags, "--oidc-allow-insecure-issuer"], (_, stderr) => {
      expect(stderr()).toContain("trusting ID tokens of http://127.0.0.1:9/oidc for client k");
      return Promise.resolve();
    });
  });

  it("serves an OpenShift OAuth server from --openshift-oauth, and refuses a file it cannot use", async () => {
    const dir = await mkdtemp(join(tmpdir(), "k8s-cli-openshift-"));
    try {
      const file = join(dir, "oauth.json");
      await writeFile(
        file,
        JSON.stringify({
          users: [{ name: "dev@example.com", password: "pw" }],
          clients: [{ name: "portal", secret: "s", redirectURIs: ["https://portal.example/cb"] }],
        }),
      );
      await withCli(["--openshift-oauth", file], async (kc, stderr) => {
        expect(stderr()).toContain("(1 users, clients portal)");
        const server = kc.getCurrentCluster()!.server;
        const discovery = await rawRequest(kc, "GET", "/.well-known/oauth-authorization-server");
        expect(discovery.code).toBe(200);
        expect(discovery.body).toMatchObject({ token_endpoint: `${server}/oauth/token` });
      });
      await writeFile(file, JSON.stringify({ users: [{ name: "dev" }], clients: [] }));
      await expect(withCli(["--openshift-oauth", file], () => Promise.resolve())).rejects.toThrow(
        `--openshift-oauth ${file}: users[0] needs a name and a password`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
