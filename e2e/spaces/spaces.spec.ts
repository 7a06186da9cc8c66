import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";

test.describe("spaces", () => {
  test.use({ signedInAs: "bob" });

  test("Getting Started reflects creating a first space", async ({ page }) => {
    await page.goto("/getting-started");
    const step = page.getByTestId("step-create-space");
    // Bob may already have spaces from an earlier test in this run; the step must match reality.
    const hadSpace = (await step.getAttribute("data-state")) === "done";
    for (const id of [
      "add-environment",
      "create-application",
      "first-deployment",
      "register-cluster",
    ]) {
      await expect(page.getByTestId(`step-${id}`)).toHaveAttribute("data-state", "coming");
      await expect(page.getByTestId(`step-${id}`).getByRole("link")).toHaveCount(0);
    }
    if (!hadSpace) {
      await step.getByRole("link", { name: "Start" }).click();
      await expect(page).toHaveURL(/\/spaces\/new$/);
    } else {
      await page.goto("/spaces/new");
    }
    const name = uniqueName("first");
    await page.getByLabel("Display name").fill("First space");
    await page.locator('input[name="name"]').fill(name);
    await page.getByRole("button", { name: "Create space" }).click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${name}$`));
    await page.goto("/getting-started");
    await expect(page.getByTestId("step-create-space")).toHaveAttribute("data-state", "done");
    await expect(page.getByTestId("step-create-space").getByRole("link")).toHaveCount(0);
  });

  test("bad input shows a field error and writes nothing", async ({ page }) => {
    await page.goto("/spaces/new");
    await page.getByLabel("Display name").fill("Bad");
    await page.locator('input[name="name"]').fill("Bad_Name");
    await page.getByRole("button", { name: "Create space" }).click();
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "Use only lower-case letters, digits and hyphens." }),
    ).toBeVisible();
    await expect(page.locator('input[name="name"]')).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/spaces\/new$/);
    await screenshot(page, "create-space-invalid");

    // A duplicate name is refused by the server, shown under the same field.
    const taken = uniqueName("taken");
    await page.locator('input[name="name"]').fill(taken);
    await page.getByRole("button", { name: "Create space" }).click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${taken}$`));
    await page.goto("/spaces/new");
    await page.getByLabel("Display name").fill("Again");
    await page.locator('input[name="name"]').fill(taken);
    await page.getByRole("button", { name: "Create space" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: `A space named "${taken}" already exists.` }),
    ).toBeVisible();

    await page.goto(`/spaces?q=${taken}`);
    await expect(page.getByRole("table", { name: "Spaces" }).getByRole("row")).toHaveCount(2);
    await page.goto("/spaces?q=Bad_Name");
    await expect(page.getByText('No spaces match "Bad_Name"')).toBeVisible();

    // A page link that is not valid (edited by hand, or from an old version) lands on the first
    // page, keeping the search.
    await page.goto(`/spaces?q=${taken}&cursor=${Buffer.from("nope").toString("base64url")}`);
    await expect(page).toHaveURL(new RegExp(`/spaces\\?q=${taken}$`));
    await expect(page.getByRole("table", { name: "Spaces" }).getByRole("row")).toHaveCount(2);
  });

  test("an owner adds a member who then sees the space; a non-member is refused", async ({
    browser,
  }) => {
    // Carol can be added because she has signed in before (the sessions setup signs everyone in).
    const carol = await pageAs(browser, "carol");
    const dave = await pageAs(browser, "dave");
    const bob = await pageAs(browser, "bob");

    const name = uniqueName("team");
    await bob.goto("/spaces/new");
    await bob.getByLabel("Display name").fill("Team space");
    await bob.locator('input[name="name"]').fill(name);
    await bob.getByLabel("Description").fill("Where the team works");
    await bob.getByRole("button", { name: "Create space" }).click();
    await expect(bob).toHaveURL(new RegExp(`/spaces/${name}$`));
    await screenshot(bob, "space-overview");

    await bob.getByRole("link", { name: "Members" }).first().click();
    await bob.getByLabel("Email or username").fill("nobody@example.com");
    await bob.getByRole("button", { name: "Add member" }).click();
    await expect(
      bob
        .getByRole("alert")
        .filter({ hasText: 'No user with email or username "nobody@example.com"' }),
    ).toBeVisible();

    await bob.getByLabel("Email or username").fill("carol@example.com");
    await bob.getByLabel("Role", { exact: true }).selectOption("viewer");
    await bob.getByRole("button", { name: "Add member" }).click();
    await expect(bob.getByTestId("member-carol")).toBeVisible();
    await screenshot(bob, "space-members");

    await carol.goto("/spaces");
    await expect(carol.getByRole("link", { name: "Team space" })).toBeVisible();
    await carol.getByRole("link", { name: "Team space" }).click();
    await expect(carol.getByRole("heading", { name: "Team space" })).toBeVisible();
    await carol.goto(`/spaces/${name}/members`);
    await expect(carol.getByRole("form", { name: "Add member" })).toHaveCount(0);
    await expect(carol.getByTestId("member-bob")).toBeVisible();

    await dave.goto(`/spaces/${name}`);
    await expect(dave.getByText("Space not found or no access")).toBeVisible();
    await dave.goto("/spaces");
    await expect(dave.getByRole("link", { name: "Team space" })).toHaveCount(0);
    await screenshot(dave, "space-no-access");

    await bob.goto(`/spaces/${name}/activity`);
    await expect(bob.getByRole("table", { name: "Activity" })).toContainText("added a member");
    await expect(bob.getByRole("table", { name: "Activity" })).toContainText("created the space");
    await screenshot(bob, "space-activity");
  });

  test("an owner edits and then deletes a space with typed confirmation", async ({ page }) => {
    const name = uniqueName("doomed");
    await page.goto("/spaces/new");
    await page.getByLabel("Display name").fill("Doomed");
    await page.locator('input[name="name"]').fill(name);
    await page.getByRole("button", { name: "Create space" }).click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${name}$`));

    await page.goto(`/spaces/${name}/settings`);
    await page.getByLabel("Display name").fill("Doomed space");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name: "Doomed space" })).toBeVisible();
    await screenshot(page, "space-settings");

    await page.getByRole("button", { name: "Delete space" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("button", { name: "Delete this space" })).toBeDisabled();
    await screenshot(page, "delete-space-dialog");
    await dialog.getByRole("textbox").fill(name);
    await dialog.getByRole("button", { name: "Delete this space" }).click();
    await expect(page).toHaveURL(/\/spaces$/);
    await page.goto(`/spaces/${name}`);
    await expect(page.getByText("Space not found or no access")).toBeVisible();
  });
});
