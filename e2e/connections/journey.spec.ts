// Issue 9 in the browser: a developer connects an environment's cluster as themselves through a
// real identity provider, promotes into it (Slipway acts there with their token), their
// short-lived token is renewed without asking, then the provider's admin revokes their grant: the
// next promotion is refused before anything is written, saying why and offering "Reconnect".
// Real parts only: the e2e cluster issuer (fixtures/cluster-issuer.ts) that the Kubernetes API
// test server trusts, Slipway's connect flow, its token service and the emulated Argo CD.
import type { Locator, Page } from "@playwright/test";
import { ensureArgoCdNamespace, kubeApi } from "../fixtures/argo-cd";
import { seedShopSnapshot, seedShopWithProd } from "../fixtures/bound-shop";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import {
  revokeIssuerGrants,
  setClusterIssuerSignIn,
  signInAtIssuer,
} from "../fixtures/cluster-issuer";
import { registerTestCluster } from "../fixtures/trpc";
import { demoUsers } from "../fixtures/users";

// A promotion waits for the environment, the binding's reconcile and Argo CD (emulated: 200 ms).
const SETTLE = { timeout: 45_000 };

/** Bob's space with environment "prod" on `clusterId` and application "shop" with snapshots s1, s2. */
async function arrange(bob: Page, clusterId: string): Promise<string> {
  const space = uniqueName("connjourney");
  await seedShopWithProd(bob, { space, clusterId });
  await seedShopSnapshot(bob, space, { name: "s1", version: "1.0.1" });
  await seedShopSnapshot(bob, space, { name: "s2", version: "1.0.2" });
  return space;
}

/** When the connection's ID token expires, as the card says it (machine-readable <time>). */
async function expiryOf(card: Locator): Promise<number> {
  const iso = await card.locator("time").getAttribute("datetime");
  expect(iso).toBeTruthy();
  return Date.parse(iso!);
}

/** Opens the Promote dialog for Prod, picks `snapshot` and confirms; returns the dialog. */
async function promoteToProd(page: Page, snapshot: string): Promise<Locator> {
  const button = page.getByRole("button", { name: "Promote to Prod" });
  await expect(button).toBeEnabled(SETTLE);
  await button.click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "Snapshot" }).selectOption(snapshot);
  await expect(dialog.getByRole("table", { name: "Changes per component" })).toBeVisible();
  await dialog.getByRole("button", { name: `Promote to ${snapshot}` }).click();
  return dialog;
}

test.describe("connecting a cluster as yourself", () => {
  // The cluster issuer's certificate comes from its own CA, which Slipway and the test server are
  // given; a person's browser would trust their organisation's CA, this one skips the check.
  test.use({ signedInAs: "bob", ignoreHTTPSErrors: true });

  test("a developer connects, promotes as themselves with silent renewal, and after the issuer revokes their grant is refused and reconnects", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    // An admin registers the test server (Argo CD in "argocd") and points its user sign-in at
    // the issuer it trusts (the admin card has its own spec).
    await ensureArgoCdNamespace(kubeApi());
    const alice = await pageAs(browser, "alice");
    const cluster = uniqueName("oidc");
    const clusterId = await registerTestCluster(alice, cluster, { argoCdNamespace: "argocd" });
    await setClusterIssuerSignIn(alice, cluster);
    const space = await arrange(page, clusterId);
    const environmentPage = `/spaces/${space}/environments/prod`;
    const promotionPage = `/spaces/${space}/applications/shop/promotion`;

    // Not connected yet: Connect runs the authorization-code flow at the issuer and comes back.
    await page.goto(environmentPage);
    const card = page.getByTestId("environment-connection");
    await expect(page.getByText(`Your connection to ${cluster}`)).toBeVisible();
    await expect(card.getByText("Not connected", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: `Connect to ${cluster}` }).click();
    await signInAtIssuer(page, demoUsers.bob.username);
    await expect(page).toHaveURL(new RegExp(`${environmentPage}\\?connected=`));
    await expect(card.getByText("Connected", { exact: true })).toBeVisible();
    await expect(card).toContainText(`as ${demoUsers.bob.email}`);
    await expect(card).toContainText("Groups: none");
    await expect(card).toContainText("Last used never");
    const connectedUntil = await expiryOf(card);
    await screenshot(page, "environment-connected");

    // The promotion page says who Slipway acts as there, before anyone clicks; s1 goes to Prod.
    await page.goto(promotionPage);
    const prod = page.getByTestId("stage-prod");
    await expect(prod).toContainText(`Acts as you: ${demoUsers.bob.email} on ${cluster}`);
    const first = await promoteToProd(page, "s1");
    await expect(first).toBeHidden();
    await expect(page.getByText("Promotion started", { exact: true }).first()).toBeVisible();
    const runs = page.getByRole("list", { name: "Promotion runs" });
    await expect(
      runs
        .getByRole("listitem", { name: "Manual promotion of s1" })
        .getByText("Success", { exact: true })
        .first(),
    ).toBeVisible(SETTLE);
    await expect(prod).toContainText("Snapshot s1", SETTLE);

    // The issuer's tokens live 30 s, under the 60 s Slipway renews ahead: acting as Bob renewed
    // his token with the refresh token, and nothing asked him to sign in again.
    await page.goto(environmentPage);
    await expect(card.getByText("Connected", { exact: true })).toBeVisible();
    await expect(card).not.toContainText("Last used never");
    expect(await expiryOf(card)).toBeGreaterThan(connectedUntil);
    await expect(card.getByText("Reconnect needed")).toHaveCount(0);

    // The issuer's admin revokes Bob's grant: the next promotion cannot renew his token, and is
    // refused before anything is written, with the reason.
    await revokeIssuerGrants(demoUsers.bob.username);
    await page.goto(promotionPage);
    const refused = await promoteToProd(page, "s2");
    await expect(refused.getByRole("alert")).toContainText(
      `Reconnect your account to cluster "${cluster}" to act on environment "prod"`,
    );
    await screenshot(page, "promotion-refused-reconnect");
    await refused.getByRole("button", { name: "Close" }).click();
    await expect(runs.getByRole("listitem", { name: "Manual promotion of s2" })).toHaveCount(0);

    // The page behind the dialog was read again: it says so for Prod, with the Reconnect link,
    // and offers no Promote into it.
    await expect(prod).toContainText(`Reconnect needed on ${cluster}`);
    await expect(page.getByRole("button", { name: "Promote to Prod" })).toBeDisabled();
    await screenshot(page, "promotion-reconnect-needed");

    // My connections lists it as needing a reconnect.
    await page
      .getByRole("list", { name: "Portal" })
      .getByRole("link", { name: "My connections" })
      .click();
    const row = page
      .getByRole("table", { name: "Your cluster connections" })
      .getByTestId(`my-connection-${cluster}`);
    await expect(row).toContainText("Reconnect needed");
    await screenshot(page, "my-connections-reconnect-needed");

    // Reconnect from the promotion page: back there connected, and s2 goes to Prod.
    await page.goto(promotionPage);
    await prod.getByRole("link", { name: `Reconnect to ${cluster}` }).click();
    await signInAtIssuer(page, demoUsers.bob.username);
    await expect(page).toHaveURL(new RegExp(`${promotionPage}\\?connected=`));
    await expect(prod).toContainText(`Acts as you: ${demoUsers.bob.email} on ${cluster}`);
    await expect(await promoteToProd(page, "s2")).toBeHidden();
    await expect(prod).toContainText("Snapshot s2", SETTLE);
  });
});
