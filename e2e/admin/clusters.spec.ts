import { readFileSync } from "node:fs";
import { expect, screenshot, test, uniqueName } from "../fixtures/auth";
import { ensureArgoCdNamespace, kubeApi } from "../fixtures/argo-cd";
import { E2E_KUBECONFIG_PATH } from "../fixtures/kube-test-server";
import { registerTestCluster } from "../fixtures/trpc";

const EXEC_KUBECONFIG = `apiVersion: v1
kind: Config
current-context: eks
clusters: [{name: eks, cluster: {server: "https://eks.example.com"}}]
users: [{name: aws, user: {exec: {command: aws, apiVersion: client.authentication.k8s.io/v1beta1}}}]
contexts: [{name: eks, context: {cluster: eks, user: aws}}]
`;

test.describe("admin clusters", () => {
  test.describe("as an admin", () => {
    test.use({ signedInAs: "alice" });

    test("registers a cluster by pasting a kubeconfig and sees it healthy", async ({ page }) => {
      const kubeconfig = readFileSync(E2E_KUBECONFIG_PATH, "utf8");
      await page.goto("/getting-started");
      await page
        .getByRole("list", { name: "Administration" })
        .getByRole("link", { name: "Clusters" })
        .click();
      await expect(page.getByRole("heading", { level: 1, name: "Clusters" })).toBeVisible();
      await page.getByRole("link", { name: "Register cluster" }).first().click();

      const name = uniqueName("e2e");
      await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
      await page.getByRole("textbox", { name: "Kubeconfig" }).fill(kubeconfig);
      await page.getByRole("button", { name: "Read contexts" }).click();
      await expect(page.getByRole("combobox", { name: "Context" })).toHaveValue(/admin@/);
      await page.getByLabel("Region").fill("local");
      await screenshot(page, "cluster-register");
      await page.getByRole("button", { name: "Register cluster" }).click();

      await expect(page).toHaveURL(new RegExp(`/admin/clusters/${name}$`));
      await expect(page.getByText("Healthy", { exact: true })).toBeVisible();
      await expect(page.getByText("can create namespaces")).toBeVisible();
      await screenshot(page, "cluster-status");

      await page.goto("/admin/clusters");
      await expect(page.getByRole("link", { name })).toBeVisible();
    });

    test("gets a clear field error for a bad kubeconfig, an exec plugin and an http:// URL", async ({
      page,
    }) => {
      await page.goto("/admin/clusters/new");
      await page.getByRole("textbox", { name: "Name", exact: true }).fill(uniqueName("bad"));

      await page.getByRole("textbox", { name: "Kubeconfig" }).fill("clusters: [unclosed");
      await page.getByRole("button", { name: "Register cluster" }).click();
      await expect(page.getByText(/This is not valid YAML/).first()).toBeVisible();

      await page.getByRole("textbox", { name: "Kubeconfig" }).fill(EXEC_KUBECONFIG);
      await page.getByRole("button", { name: "Register cluster" }).click();
      await expect(
        page.getByText(/User "aws" \(context "eks"\) uses an exec plugin \(aws\)/).first(),
      ).toBeVisible();

      await page.getByRole("radio", { name: "Bearer token and CA bundle" }).check();
      await page.getByRole("textbox", { name: "Bearer token" }).fill("some-token");
      await page.getByLabel("API URL").fill("http://10.0.0.1:6443");
      await page.getByRole("button", { name: "Register cluster" }).click();
      await expect(page.getByText("Slipway only talks to clusters over https://.")).toBeVisible();
      await expect(page).toHaveURL(/\/admin\/clusters\/new$/);
    });

    test("names a hub for a cluster and sees, on the hub's page, the Argo CD cluster Secret it got, values hidden", async ({
      page,
    }) => {
      await ensureArgoCdNamespace(kubeApi());
      const hub = uniqueName("hub");
      const spoke = uniqueName("spoke");
      await registerTestCluster(page, hub, { argoCdNamespace: "argocd" });
      await registerTestCluster(page, spoke);
      await page.goto(`/admin/clusters/${spoke}/edit`);
      await page.getByLabel("Hub cluster").selectOption(hub);
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page).toHaveURL(new RegExp(`/admin/clusters/${spoke}$`));

      // The hub's pass writes the Secret; its page lists it once recorded.
      await page.goto(`/admin/clusters/${hub}`);
      const secrets = page.getByRole("table", { name: "Objects on the cluster" });
      await expect(async () => {
        await page.reload();
        await expect(secrets.getByRole("row").filter({ hasText: spoke })).toContainText("Applied");
      }).toPass({ timeout: 30_000 });
      await secrets.getByText("View YAML").click();
      const yaml = secrets.locator("pre");
      await expect(yaml).toContainText("argocd.argoproj.io/secret-type: cluster");
      await expect(yaml).toContainText(`name: "<redacted: ${spoke.length} bytes>"`);
      await expect(yaml).toContainText(/config: "<redacted: \d+ bytes>"/);
      // None of what the hub's Argo CD reads (the spoke's bearer token among it) is on the page.
      const { items } = await kubeApi().list("v1", "Secret", "argocd");
      const written = items.find((item) => item.metadata?.name?.includes(spoke)) as
        { data: Record<string, string> } | undefined;
      expect(written?.data.config).toBeTruthy();
      for (const value of Object.values(written!.data)) await expect(yaml).not.toContainText(value);
      await screenshot(page, "hub-cluster-secret");
    });
  });

  test.describe("as a developer", () => {
    test.use({ signedInAs: "bob" });

    test("cannot reach the cluster pages", async ({ page }) => {
      await page.goto("/getting-started");
      await expect(page.getByRole("list", { name: "Administration" })).toHaveCount(0);
      for (const path of ["/admin/clusters", "/admin/clusters/new", "/admin/clusters/sandbox"]) {
        await page.goto(path);
        await expect(page.getByText("Page not found")).toBeVisible();
      }
    });
  });
});
