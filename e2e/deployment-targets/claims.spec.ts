import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { registerTestCluster } from "../fixtures/trpc";

test.describe("deployment targets", () => {
  test.use({ signedInAs: "alice" });

  test("an admin defines a class (field errors first), and a developer claims a target of it", async ({
    page,
    browser,
  }) => {
    // Seeded through the API as alice (an admin): the cluster the class provisions on.
    const cluster = uniqueName("targets");
    const clusterId = await registerTestCluster(page, cluster, {
      quotaCeilings: [{ resource: "pods", quantity: "20" }],
    });
    await page.goto("/");
    await page.getByRole("link", { name: "Deployment targets" }).click();
    await expect(page).toHaveURL(/\/admin\/deployment-targets$/);
    await expect(page.getByRole("heading", { name: "Deployment targets", level: 1 })).toBeVisible();

    const form = page.getByRole("form", { name: "Create class" });
    await form.getByRole("button", { name: "Create class" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "Name is required." })).toBeVisible();
    await expect(form.getByRole("alert").filter({ hasText: "Choose a cluster." })).toBeVisible();
    await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

    const className = uniqueName("small");
    await form.getByLabel("Name").fill(className);
    await form.getByLabel("Cluster").selectOption(clusterId);
    await expect(form.getByText("At most 20 on this cluster.")).toBeVisible();
    await form.getByLabel("Pods").fill("lots");
    await form.getByRole("button", { name: "Create class" }).click();
    await expect(
      form.getByRole("alert").filter({ hasText: 'Write a Kubernetes quantity such as "2"' }),
    ).toBeVisible();
    // Above the cluster's ceiling: refused by the server, under the same field.
    await form.getByLabel("Pods").fill("50");
    await form.getByRole("button", { name: "Create class" }).click();
    await expect(
      form.getByRole("alert").filter({ hasText: `Pods may be at most 20 on cluster ${cluster}.` }),
    ).toBeVisible();
    await screenshot(page, "create-target-class-invalid");
    await form.getByLabel("Pods").fill("10");
    await form.getByLabel("Reclaim policy").selectOption("Delete");
    await form.getByRole("button", { name: "Create class" }).click();
    const row = page.getByTestId(`class-${className}`);
    await expect(row).toContainText(cluster);
    await expect(row).toContainText("Delete");
    await expect(row).toContainText("pods=10");

    // Bob claims a target of the class in a space of his own.
    const bob = await pageAs(browser, "bob");
    const space = uniqueName("claims");
    await bob.goto("/spaces/new");
    await bob.getByLabel("Display name").fill("Claims");
    await bob.locator('input[name="name"]').fill(space);
    await bob.getByRole("button", { name: "Create space" }).click();
    await expect(bob).toHaveURL(new RegExp(`/spaces/${space}$`));
    await bob.getByRole("link", { name: "Deployment targets" }).click();
    await expect(bob).toHaveURL(new RegExp(`/spaces/${space}/deployment-targets$`));
    await expect(bob.getByText("No claims yet")).toBeVisible();

    const claimForm = bob.getByRole("form", { name: "Claim a target" });
    await claimForm.getByLabel("Name").fill("Prod_DB");
    await claimForm.getByRole("button", { name: "Claim target" }).click();
    await expect(
      claimForm
        .getByRole("alert")
        .filter({ hasText: "Use only lower-case letters, digits and hyphens." }),
    ).toBeVisible();
    await expect(claimForm.getByRole("alert").filter({ hasText: "Choose a class." })).toBeVisible();
    await screenshot(bob, "create-claim-invalid");
    await claimForm.getByLabel("Name").fill("prod");
    await claimForm.getByLabel("Class").selectOption({ label: className });
    await expect(claimForm.getByText("Reclaim policy: Delete.")).toBeVisible();
    await claimForm.getByRole("button", { name: "Claim target" }).click();
    const claim = bob.getByTestId("claim-prod");
    await expect(claim).toContainText(className);
    // The reconciler provisions a target on the cluster; the page follows the claim to Bound.
    await expect(claim).toContainText("Bound");
    await expect(claim).toContainText(`${cluster} / `);

    // The same name again is refused by the server, under the field.
    await claimForm.getByLabel("Name").fill("prod");
    await claimForm.getByRole("button", { name: "Claim target" }).click();
    await expect(
      claimForm
        .getByRole("alert")
        .filter({ hasText: 'This space already has a claim named "prod".' }),
    ).toBeVisible();

    // Deleting says what happens to the target first: the class's reclaim policy deletes it.
    await claim.getByRole("button", { name: "Delete claim prod" }).click();
    const dialog = bob.getByRole("dialog");
    await expect(dialog).toContainText(`Class ${className} has reclaim policy Delete`);
    await expect(dialog).toContainText(`on ${cluster}, with everything in it, are deleted.`);
    await screenshot(bob, "delete-claim-dialog");
    await dialog.getByRole("button", { name: "Delete claim" }).click();
    await expect(bob.getByText("No claims yet")).toBeVisible();

    // Once the reconciler has deleted the target, the class is unused again, so it can go.
    const targets = page.locator('[data-testid^="target-"]').filter({ hasText: cluster });
    await expect(async () => {
      await page.reload();
      await expect(targets).toHaveCount(0, { timeout: 1_000 });
    }).toPass();
    await row.getByRole("button", { name: `Delete class ${className}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete class" }).click();
    await expect(row).toHaveCount(0);
  });
});
