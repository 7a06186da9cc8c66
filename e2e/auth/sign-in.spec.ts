import { expect, screenshot, signIn, test } from "../fixtures/auth";

test.describe("sign-in", () => {
  test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
    await page.goto("/spaces");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("button", { name: /sign in with/i })).toBeVisible();
    await screenshot(page, "sign-in");
  });

  test("signs in through the provider's login page, lands on Getting Started, and signs out", async ({
    page,
  }) => {
    // Erin has no space, so the home page sends her to Getting Started whatever other tests did.
    await signIn(page, "erin");
    await expect(page).toHaveURL(/\/getting-started$/);
    await expect(page.getByRole("heading", { name: /welcome to slipway/i })).toBeVisible();
    await expect(page.getByTestId("step-sign-in")).toHaveAttribute("data-state", "done");
    await screenshot(page, "getting-started");

    await page.getByRole("button", { name: /Erin Newcomer/ }).click();
    await expect(page.getByRole("menuitem", { name: /sign out/i })).toBeVisible();
    await page.getByRole("menuitem", { name: /sign out/i }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/getting-started");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a wrong password is refused on the provider's login page", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: /sign in with/i }).click();
    await page.getByLabel("Username").fill("bob");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page.getByRole("alert")).toContainText(/invalid|incorrect|wrong/i);
    await expect(page).not.toHaveURL(/\/getting-started/);
  });
});
