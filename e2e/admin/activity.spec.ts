import { expect, screenshot, signIn, test, uniqueName } from "../fixtures/auth";
import { mutate } from "../fixtures/trpc";

test.describe("admin activity", () => {
  test("an admin filters the platform-wide activity by action, space and actor, and pages", async ({
    page,
  }) => {
    await signIn(page, "alice");
    // A space with 22 edits: more than one page (20) of "space.update" for it.
    const name = uniqueName("audited");
    await mutate(page, "space.create", { name, displayName: "Audited" });
    for (let i = 0; i < 22; i += 1) {
      await mutate(page, "space.update", {
        space: name,
        displayName: `Audited ${i}`,
        description: "",
      });
    }

    await page.goto("/getting-started");
    const admin = page.getByRole("list", { name: "Administration" });
    await admin.getByRole("link", { name: "Activity" }).click();
    await expect(page).toHaveURL(/\/admin\/activity$/);
    await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();

    // A bad space name is refused under its field, before any request.
    await page.getByLabel("Space").fill("Not A Name");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Use only lower-case letters" }),
    ).toBeVisible();

    await page.getByLabel("Space").fill(name);
    await page.getByLabel("Action").selectOption("space.update");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`space=${name}&action=space.update$`));
    const rows = page.getByRole("table", { name: "Activity" }).getByRole("row");
    await expect(rows).toHaveCount(21); // header + 20
    await expect(rows.nth(1)).toContainText("Audited 21");
    await expect(rows.nth(1)).toContainText(name);
    await screenshot(page, "admin-activity-filtered");

    await page.getByRole("link", { name: "Older" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(2)).toContainText("Audited 0");
    await page.getByRole("link", { name: "Newer" }).click();
    await expect(rows).toHaveCount(21);
    await expect(rows.nth(1)).toContainText("Audited 21");

    // The actor picker finds alice by part of her e-mail; every row is then hers.
    await page.getByRole("searchbox", { name: "Actor" }).fill("alice@");
    await page.getByRole("button", { name: /alice/ }).first().click();
    await page.getByLabel("Action").selectOption("space.create");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/actor=.*&space=.*&action=space\.create$/);
    await expect(page).toHaveTitle(/Activity · Administration/);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText("alice");
    await expect(rows.nth(1)).toContainText("created the space");
  });

  test("a non-admin sees no Administration section and gets not-found for the page", async ({
    page,
  }) => {
    await signIn(page, "bob");
    await page.goto("/getting-started");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Administration" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Activity" })).toHaveCount(0);
    await page.goto("/admin/activity");
    await expect(page.getByText("Page not found")).toBeVisible();
  });
});
