// An admin configures how users sign in to a cluster from its admin page, sees a field error for a
// non-https issuer, saves, and tests the issuer (the test issuer with its own CA, run here).
import { expect, screenshot, test, uniqueName } from "../fixtures/auth";
import { registerTestCluster } from "../fixtures/trpc";
import { type OidcTestIssuer, startOidcTestIssuer } from "../../k8s-test-server/oidc-test-issuer";

let issuer: OidcTestIssuer;

test.beforeAll(async () => {
  issuer = await startOidcTestIssuer({
    discovery: {
      authorization_endpoint: "https://idp.example/auth",
      token_endpoint: "https://idp.example/token",
      code_challenge_methods_supported: ["S256"],
    },
  });
});
test.afterAll(async () => {
  await issuer.stop();
});

test.describe("cluster user sign-in", () => {
  test.use({ signedInAs: "alice" });

  test("configures an OIDC issuer, is told what is wrong, and tests it", async ({ page }) => {
    const name = uniqueName("signin");
    await registerTestCluster(page, name);
    await page.goto(`/admin/clusters/${name}`);
    await expect(
      page.getByText("Users act with the cluster's service credentials; Slipway's roles decide."),
    ).toBeVisible();

    await page.getByRole("button", { name: "Configure" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Issuer URL" }).fill("http://login.example.com");
    await dialog.getByRole("textbox", { name: "Client ID" }).fill("slipway");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(
      dialog.getByText("The issuer must be https://, as the API server requires."),
    ).toBeVisible();
    await screenshot(page, "cluster-sign-in-errors");

    // The server's own check: no secret is set yet, and the client is not public.
    await dialog.getByRole("textbox", { name: "Issuer URL" }).fill(issuer.url);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(
      dialog.getByText(
        "Enter the client secret, or mark the client as public (PKCE without a secret).",
      ),
    ).toBeVisible();

    await dialog.getByLabel("Client secret").fill("e2e-client-secret");
    await dialog.getByRole("textbox", { name: "Groups claim" }).fill("groups");
    await dialog.getByRole("textbox", { name: "Issuer CA bundle" }).fill(issuer.caPem);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("User sign-in saved", { exact: true }).first()).toBeVisible();
    await expect(dialog).toHaveCount(0);

    await expect(page.getByText(issuer.url, { exact: true })).toBeVisible();
    await expect(page.getByText("set", { exact: true })).toBeVisible();
    await expect(page.getByText("e2e-client-secret")).toHaveCount(0);

    await page.getByRole("button", { name: "Test", exact: true }).click();
    const result = page.getByTestId("sign-in-test-result");
    await expect(result.getByText("The issuer answers as expected")).toBeVisible();
    await expect(result.getByText("https://idp.example/token")).toBeVisible();
    await expect(result.getByText("supported", { exact: true })).toBeVisible();
    await screenshot(page, "cluster-sign-in-tested");

    // Without the issuer's CA, the test says why it cannot trust it.
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("dialog").getByRole("textbox", { name: "Issuer CA bundle" }).fill("");
    await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await expect(
      result.getByText("certificate signed by unknown authority: check the CA bundle"),
    ).toBeVisible();

    await page.getByRole("button", { name: "Remove" }).click();
    await expect(
      page.getByText("Users act with the cluster's service credentials; Slipway's roles decide."),
    ).toBeVisible();
  });
});
