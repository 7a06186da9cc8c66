// Issue 9 on an OpenShift cluster, in the browser: an admin sets the cluster's user sign-in to its
// OpenShift OAuth server and tests it; a developer connects through the OAuth server's login page,
// promotes as themselves (Slipway dry-runs the Applications with their `sha256~` token, and the
// cluster's RBAC — Slipway's bindings for the space — lets them), then disconnects, which logs the
// token out at the cluster. Real parts only: the test server's emulated OpenShift OAuth server
// (fixtures/openshift-oauth.ts), Slipway's connect flow and the emulated Argo CD.
import type { Page } from "@playwright/test";
import { ensureArgoCdNamespace, kubeApi } from "../fixtures/argo-cd";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { seedShopSnapshot, seedShopWithProd } from "../fixtures/bound-shop";
import { E2E_K8S_PORT } from "../fixtures/kube-test-server";
import { OPENSHIFT_CLIENT_ID, OPENSHIFT_CLIENT_SECRET } from "../fixtures/openshift-oauth";
import { auditPage } from "../fixtures/page-audit";
import { registerTestCluster } from "../fixtures/trpc";
import { DEMO_PASSWORD, demoUsers } from "../fixtures/users";

const SETTLE = { timeout: 45_000 };

/** The admin's dialog: OpenShift OAuth server, with Slipway's OAuthClient; then "Test". */
async function configureOpenShiftSignIn(admin: Page, cluster: string): Promise<void> {
  await admin.goto(`/admin/clusters/${cluster}`);
  await admin.getByRole("button", { name: "Configure" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByRole("radio", { name: "OpenShift OAuth server" }).check();
  await expect(dialog.getByRole("textbox", { name: "Issuer URL" })).toHaveCount(0);
  // The scopes follow the kind: OpenShift's own, not OpenID's.
  await expect(dialog.getByRole("textbox", { name: "Scopes" })).toHaveValue("user:full");
  await dialog.getByRole("textbox", { name: "Scopes" }).fill("openid");
  await dialog.getByRole("textbox", { name: "Client ID" }).fill(OPENSHIFT_CLIENT_ID);
  await dialog.getByLabel("Client secret").fill(OPENSHIFT_CLIENT_SECRET);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText(/OpenShift scopes are user:full/)).toBeVisible();
  await dialog.getByRole("textbox", { name: "Scopes" }).fill("user:full");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByText("User sign-in saved", { exact: true }).first()).toBeVisible();

  await admin.getByRole("button", { name: "Test", exact: true }).click();
  const result = admin.getByTestId("sign-in-test-result");
  await expect(result.getByText(`https://127.0.0.1:${E2E_K8S_PORT}/oauth/token`)).toBeVisible();
  await expect(result.getByText("supported", { exact: true })).toBeVisible();
  await screenshot(admin, "cluster-sign-in-openshift-tested");
}

/** The OAuth server's login page (another origin: audited here). */
async function logInAtOpenShift(page: Page): Promise<void> {
  await page.waitForURL((url) => url.port === String(E2E_K8S_PORT));
  await auditPage(page, "the OpenShift OAuth server's login page");
  await page.getByLabel("Username").fill(demoUsers.bob.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /log in/i }).click();
}

test.describe("connecting an OpenShift cluster as yourself", () => {
  // The test server's certificate comes from its own CA, which Slipway is given with the cluster.
  test.use({ signedInAs: "bob", ignoreHTTPSErrors: true });

  test("an admin points user sign-in at the OAuth server; a developer connects, promotes as themselves and disconnects", async ({
    page,
    browser,
  }) => {
    test.setTimeout(150_000);
    await ensureArgoCdNamespace(kubeApi());
    const alice = await pageAs(browser, "alice");
    const cluster = uniqueName("ocp");
    const clusterId = await registerTestCluster(alice, cluster, { argoCdNamespace: "argocd" });
    await configureOpenShiftSignIn(alice, cluster);

    const space = uniqueName("ocpjourney");
    await seedShopWithProd(page, { space, clusterId });
    await seedShopSnapshot(page, space, { name: "s1", version: "1.0.1" });
    const environmentPage = `/spaces/${space}/environments/prod`;

    await page.goto(environmentPage);
    const card = page.getByTestId("environment-connection");
    await expect(card.getByText("Not connected", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: `Connect to ${cluster}` }).click();
    await logInAtOpenShift(page);
    await expect(page).toHaveURL(new RegExp(`${environmentPage}\\?connected=`));
    await expect(card.getByText("Connected", { exact: true })).toBeVisible();
    await expect(card).toContainText(`as ${demoUsers.bob.email}`);
    // OpenShift gives no refresh token: the card does not promise a silent renewal.
    await expect(card).toContainText("(no refresh token: connect again then)");
    await screenshot(page, "environment-connected-openshift");

    // Slipway acts on the cluster with Bob's OpenShift token; the space's bindings let him.
    const promotionPage = `/spaces/${space}/applications/shop/promotion`;
    await page.goto(promotionPage);
    const prod = page.getByTestId("stage-prod");
    await expect(prod).toContainText(`Acts as you: ${demoUsers.bob.email} on ${cluster}`);
    const promote = page.getByRole("button", { name: "Promote to Prod" });
    await expect(promote).toBeEnabled(SETTLE);
    await promote.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("combobox", { name: "Snapshot" }).selectOption("s1");
    await dialog.getByRole("button", { name: "Promote to s1" }).click();
    await expect(dialog).toBeHidden();
    await expect(prod).toContainText("Snapshot s1", SETTLE);

    // Disconnect logs the token out at the cluster and forgets it.
    await page.goto(environmentPage);
    await card.getByRole("button", { name: /^Disconnect from / }).click();
    await expect(
      page
        .getByText(
          `Disconnected from "${cluster}"; the cluster no longer accepts your OpenShift token.`,
        )
        .first(),
    ).toBeVisible();
    await expect(card.getByText("Not connected", { exact: true })).toBeVisible();
  });
});
