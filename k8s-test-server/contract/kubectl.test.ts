// The real kubectl against the target: protobuf request bodies (create, auth can-i, create
// token), OpenAPI documents (apply with validation, explain), Table output (multi-kind get,
// custom resource printer columns), describe and delete. kubectl is part of the contract: when
// it is missing this file fails, it is not skipped.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_CRDS_DIR } from "../index.js";
import { clusterKubeconfigPath, connect, eventually, type Target, uniqueName } from "./target.js";

const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let t: Target;
let kubeconfig: string;
let workDir: string;
let ns: string;

/** Runs kubectl against the target; never throws on a non-zero exit (tests assert on it). */
function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(workDir, "cache")}`, ...args],
      { timeout: 60_000, env: { ...process.env, KUBECONFIG: kubeconfig } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** kubectl that must succeed: its stdout, or a failure naming the command and its stderr. */
async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

async function manifest(name: string, yaml: string): Promise<string> {
  const file = join(workDir, name);
  await writeFile(file, yaml);
  return file;
}

if (!existsSync(KUBECTL)) {
  it("kubectl is installed", () => {
    const err = new Error(
      `kubectl not found at ${KUBECTL}: install kubectl v1.32 (or set KUBECTL to its path) to run the kubectl contract tests`,
    );
    err.stack = err.message; // one line, no stack trace
    throw err;
  });
} else {
  describe("kubectl", () => {
    beforeAll(async () => {
      t = await connect();
      workDir = await mkdtemp(join(tmpdir(), "kubectl-contract-"));
      // The cluster the suite was pointed at, never whatever KUBECONFIG happens to name.
      kubeconfig = t.testServer?.kubeconfigPath ?? clusterKubeconfigPath ?? "";
      ns = uniqueName("kubectl");
      // CRDs go through kubectl too (sent as JSON: kubectl has no typed codec for them).
      await ok("apply", "--server-side", "--force-conflicts", "-f", BUNDLED_CRDS_DIR);
      await ok(
        "wait",
        "--for=condition=Established",
        "--timeout=60s",
        "crd/applications.argoproj.io",
      );
    });
    afterAll(async () => {
      if (ns) await kubectl("delete", "namespace", ns, "--wait=false");
      await t.cleanup();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    it("create namespace / configmap / serviceaccount (protobuf bodies)", async () => {
      expect(await ok("create", "namespace", ns)).toContain(`namespace/${ns} created`);
      await ok("wait", "--for=jsonpath={.status.phase}=Active", "--timeout=60s", `namespace/${ns}`);
      expect(
        await ok("create", "configmap", "settings", "-n", ns, "--from-literal=mode=fast"),
      ).toContain("configmap/settings created");
      const cm = JSON.parse(await ok("get", "configmap", "settings", "-n", ns, "-o", "json")) as {
        data: Record<string, string>;
      };
      expect(cm.data).toEqual({ mode: "fast" });
      expect(await ok("create", "serviceaccount", "robot", "-n", ns)).toContain(
        "serviceaccount/robot created",
      );
    });

    it("create token, and auth can-i yes/no for a restricted token", async () => {
      const token = (await ok("create", "token", "robot", "-n", ns)).trim();
      expect(token.split(".")).toHaveLength(3);
      const asRobot = (...args: string[]) => kubectl(`--token=${token}`, ...args);

      const before = await asRobot("auth", "can-i", "list", "configmaps", "-n", ns);
      expect(before.stdout.trim()).toBe("no");
      expect(before.code).toBe(1);

      await ok("create", "role", "cm-reader", "-n", ns, "--verb=get,list", "--resource=configmaps");
      await ok(
        "create",
        "rolebinding",
        "robot-reads",
        "-n",
        ns,
        "--role=cm-reader",
        `--serviceaccount=${ns}:robot`,
      );
      // A real cluster's authorizer cache may take a moment to see the binding.
      await eventually(
        async () => (await asRobot("auth", "can-i", "list", "configmaps", "-n", ns)).code === 0,
        "the RoleBinding to take effect",
      );
      const yes = await asRobot("auth", "can-i", "list", "configmaps", "-n", ns);
      expect(yes.stdout.trim()).toBe("yes");
      const no = await asRobot("auth", "can-i", "delete", "configmaps", "-n", ns);
      expect(no.stdout.trim()).toBe("no");
    });

    it("apply with validation on (found through OpenAPI v3), then server-side", async () => {
      const file = await manifest(
        "objects.yaml",
        `apiVersion: v1
kind: ResourceQuota
metadata: {name: quota, namespace: ${ns}}
spec: {hard: {pods: "3", limits.cpu: "2"}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: ${ns}}
spec: {podSelector: {matchLabels: {app: web}}}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: guestbook, namespace: ${ns}}
spec:
  project: default
  source: {repoURL: "https://example.com/guestbook.git", path: ".", targetRevision: HEAD}
  destination: {server: "https://kubernetes.default.svc", namespace: ${ns}}
`,
      );
      const applied = await ok("apply", "-f", file);
      expect(applied).toContain("resourcequota/quota created");
      expect(applied).toContain("networkpolicy.networking.k8s.io/web created");
      expect(applied).toContain("application.argoproj.io/guestbook created");
      const ssa = await ok("apply", "--server-side", "--force-conflicts", "-f", file);
      expect(ssa).toContain("application.argoproj.io/guestbook serverside-applied");
    });

    it("explain built-in and custom resource fields", async () => {
      const cm = await ok("explain", "configmap");
      expect(cm).toMatch(/KIND:\s+ConfigMap/);
      expect(cm).toContain("binaryData");
      const source = await ok("explain", "applications.spec.source");
      expect(source).toMatch(/KIND:\s+Application/);
      expect(source).toContain("repoURL");
    });

    it("get of several kinds prints every kind's rows with its own columns", async () => {
      const out = await ok("get", "quota,netpol,applications", "-n", ns);
      expect(out).toContain("resourcequota/quota");
      expect(out).toContain("networkpolicy.networking.k8s.io/web");
      expect(out).toContain("application.argoproj.io/guestbook");
      expect(out).toMatch(/REQUEST\s+LIMIT/);
      expect(out).toContain("POD-SELECTOR");
      expect(out).toMatch(/app=web/);
    });

    it("get applications shows the CRD's printer columns; -o wide adds priority ones", async () => {
      const out = await ok("get", "applications", "-n", ns);
      expect(out.split("\n")[0]).toMatch(/^NAME\s+SYNC STATUS\s+HEALTH STATUS\s*$/);
      expect(out).toContain("guestbook");
      const wide = await ok("get", "applications", "-n", ns, "-o", "wide");
      expect(wide.split("\n")[0]).toMatch(/REVISION\s+PROJECT/);
      expect(wide).toMatch(/guestbook\s.*default/);
      const bindings = await ok("get", "rolebindings", "-n", ns, "-o", "wide");
      expect(bindings).toMatch(new RegExp(`robot-reads\\s+Role/cm-reader\\s.*${ns}/robot`));
    });

    it("describe", async () => {
      const out = await ok("describe", "configmap", "settings", "-n", ns);
      expect(out).toMatch(/Name:\s+settings/);
      expect(out).toContain("mode");
      expect(out).toContain("fast");
    });

    it("delete, waiting for the object to be gone", async () => {
      expect(await ok("delete", "configmap", "settings", "-n", ns)).toContain(
        'configmap "settings" deleted',
      );
      await ok("wait", "--for=delete", "--timeout=60s", "configmap/settings", "-n", ns);
      const gone = await kubectl("get", "configmap", "settings", "-n", ns);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toContain("NotFound");
    });
  });
}
