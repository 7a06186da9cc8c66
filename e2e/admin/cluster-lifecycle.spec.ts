// An admin's day-2 work on a registered cluster: cordon and uncordon, rotate its credentials by
// uploading a kubeconfig file, check it now, and delete it after typing its name.
import { expect, screenshot, test, uniqueName } from "../fixtures/auth";
import { E2E_KUBECONFIG_PATH } from "../fixtures/kube-test-server";
import { registerTestCluster } from "../fixtures/trpc";

test.describe("cluster lifecycle", () => {
  test.use({ signedInAs: "alice" });

  test("cordons, rotates by upload, checks and deletes a cluster", async ({ page }) => {
    const name = uniqueName("life");
    await registerTestCluster(page, name);
    await page.goto(`/admin/clusters/${name}`);
    const status = page
      .getByRole("heading", { name: /^Status/ })
      .locator("..")
      .locator("..");
    await expect(page.getByText("Healthy", { exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Cordon", exact: true }).click();
    await expect(page.getByText("Cluster cordoned", { exact: true })).toBeVisible();
    await expect(status.getByText("Cordoned", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Uncordon" }).click();
    await expect(page.getByText("Cluster uncordoned", { exact: true })).toBeVisible();
    await expect(status.getByText("Cordoned", { exact: true })).toHaveCount(0);

    await page.getByRole("button", { name: "Rotate credentials" }).click();
    const dialog = page.getByRole("dialog", { name: `Rotate credentials of ${name}` });
    await dialog.getByLabel("Upload a kubeconfig").setInputFiles(E2E_KUBECONFIG_PATH);
    // Uploading reads the file's contexts on the server and picks its current one.
    await expect(dialog.getByRole("combobox", { name: "Context" })).toHaveValue(/admin@/);
    await dialog.getByRole("button", { name: "Rotate", exact: true }).click();
    await expect(page.getByText("Credentials rotated", { exact: true })).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await expect(status.getByText(/, rotated /)).toBeVisible();

    await page.getByRole("button", { name: "Check now" }).click();
    await expect(page.getByRole("button", { name: "Check now" })).toBeEnabled();
    await expect(page.getByText("That did not work", { exact: true })).toHaveCount(0);
    await expect(page.getByText("Healthy", { exact: true })).toBeVisible();
    await screenshot(page, "cluster-lifecycle");

    await page.getByRole("button", { name: "Delete cluster" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
    const deleteButton = confirm.getByRole("button", { name: "Delete", exact: true });
    await expect(deleteButton).toBeDisabled();
    await confirm.getByRole("textbox").fill(`${name}-typo`);
    await expect(deleteButton).toBeDisabled();
    await confirm.getByRole("textbox").fill(name);
    await deleteButton.click();
    await expect(page.getByText(`${name} is no longer registered.`, { exact: true })).toBeVisible();
    await page.goto("/admin/clusters");
    await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  });
});
