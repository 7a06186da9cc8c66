import { readFileSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
import type { Page } from "@playwright/test";
import { DEFAULT_QUOTA } from "../../lib/environment-defaults";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { E2E_KUBECONFIG_PATH } from "../fixtures/kube-test-server";
import { mutate, registerTestCluster } from "../fixtures/trpc";

/** The API URL of the e2e test server, as its kubeconfig names it (cluster.update needs it). */
function e2eClusterApiUrl(): string {
  const config = new KubeConfig();
  config.loadFromString(readFileSync(E2E_KUBECONFIG_PATH, "utf8"));
  return config.getCurrentCluster()!.server;
}

/** User sign-in at an issuer that is down: Connect fails, and says why. */
function setUnreachableSignIn(admin: Page, cluster: string) {
  return mutate(admin, "clusterSignIn.set", {
    name: cluster,
    kind: "oidc",
    issuerUrl: "https://127.0.0.1:1",
    clientId: "slipway-clusters",
    clientSecret: "not-used",
    usernameClaim: "email",
  });
}

test.describe("cluster connections", () => {
  test.use({ signedInAs: "bob" });

  test("a developer sees their connection per environment and on My connections, and a failed connect says why", async ({
    page,
    browser,
  }) => {
    // An admin registers two clusters: one without user sign-in, one whose issuer is down.
    const admin = await pageAs(browser, "alice");
    const plain = uniqueName("plain");
    const signIn = uniqueName("signin");
    const plainId = await registerTestCluster(admin, plain);
    const signInId = await registerTestCluster(admin, signIn);
    await setUnreachableSignIn(admin, signIn);

    const space = uniqueName("conn");
    await page.goto("/getting-started");
    await mutate(page, "space.create", { name: space, displayName: "Connections" });
    for (const [name, clusterId] of [
      ["plain", plainId],
      ["signin", signInId],
    ] as const) {
      await mutate(page, "environment.create", {
        space,
        name,
        displayName: name,
        type: "test",
        clusterId,
        quota: DEFAULT_QUOTA.test,
      });
    }

    await page.goto(`/spaces/${space}/environments/plain`);
    await expect(page.getByText(`Your connection to ${plain}`)).toBeVisible();
    await expect(
      page.getByText(
        "This cluster has no user sign-in: Slipway acts with the cluster's service credentials and Slipway's roles decide.",
      ),
    ).toBeVisible();

    await page.goto(`/spaces/${space}/environments/signin`);
    await expect(page.getByText(`Your connection to ${signIn}`)).toBeVisible();
    await expect(page.getByText("Not connected", { exact: true })).toBeVisible();
    await screenshot(page, "environment-connection");
    await page.getByRole("link", { name: `Connect to ${signIn}` }).click();
    await expect(
      page.getByRole("heading", { name: "Connecting to the cluster failed" }),
    ).toBeVisible();
    await expect(page.getByRole("alert")).toContainText(
      `Cannot connect to "${signIn}": the identity provider at https://127.0.0.1:1 could not be asked for its settings`,
    );
    await page.getByRole("link", { name: "Go back" }).click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${space}/environments/signin$`));

    await page
      .getByRole("list", { name: "Portal" })
      .getByRole("link", { name: "My connections" })
      .click();
    await expect(page).toHaveURL(/\/connections$/);
    const table = page.getByRole("table", { name: "Your cluster connections" });
    await expect(table.getByTestId(`my-connection-${plain}`)).toContainText("no user sign-in");
    await expect(table.getByTestId(`my-connection-${signIn}`)).toContainText("Not connected");
    await expect(
      table
        .getByTestId(`my-connection-${signIn}`)
        .getByRole("link", { name: `Connect to ${signIn}` }),
    ).toBeVisible();
    await screenshot(page, "my-connections");
  });

  test("in hub topology the card shows the hub, where Sync and promote act, next to the environment's own cluster", async ({
    page,
    browser,
  }) => {
    // The hub runs Argo CD and has user sign-in; the spoke it deploys to has none.
    const admin = await pageAs(browser, "alice");
    const hub = uniqueName("hub");
    const spoke = uniqueName("spoke");
    await registerTestCluster(admin, hub, { argoCdNamespace: "argocd" });
    const spokeId = await registerTestCluster(admin, spoke);
    await setUnreachableSignIn(admin, hub);
    await mutate(admin, "cluster.update", {
      name: spoke,
      apiUrl: e2eClusterApiUrl(),
      hubCluster: hub,
    });

    const space = uniqueName("hubconn");
    await page.goto("/getting-started");
    await mutate(page, "space.create", { name: space, displayName: "Hub connections" });
    await mutate(page, "environment.create", {
      space,
      name: "spoked",
      displayName: "Spoked",
      type: "test",
      clusterId: spokeId,
      quota: DEFAULT_QUOTA.test,
    });

    await page.goto(`/spaces/${space}/environments/spoked`);
    const card = page.getByTestId("environment-connection");
    await expect(card.getByText("Your connections for this environment")).toBeVisible();
    const own = card.getByRole("region", { name: `Your connection to ${spoke}` });
    await expect(own).toContainText(
      "Used for this environment's namespace (live state, events, workspace).",
    );
    await expect(own).toContainText("This cluster has no user sign-in");
    const argo = card.getByRole("region", { name: `Your connection to ${hub}` });
    await expect(argo).toContainText("Used for Argo CD (sync, promote).");
    await expect(argo.getByText("Not connected", { exact: true })).toBeVisible();
    await expect(argo.getByRole("link", { name: `Connect to ${hub}` })).toBeVisible();
    await screenshot(page, "environment-connection-hub");
  });
});
