import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";

test.describe("spaces", () => {
  test.use({ signedInAs: "bob" });

  test("Getting Started reflects creating a first space", async ({ page }) => {
    await page.goto("/getting-started");
    const step = page.getByTestId("step-create-space");
    // Bob may already have spaces from an earlier test in this run; the step must match reality.
    const hadSpace = (await step.getAttribute("data-state")) === "done";
    // Every step is real now (getting-started.int tests cover when each is done); Bob is no
    // admin, so registering a cluster is never his link.
    for (const id of ["first-deployment", "register-cluster"]) {
      await expect(page.getByTestId(`step-${id}`)).not.toHaveAttribute("data-state", "coming");
    }
    await expect(page.getByTestId("step-register-cluster").getByRole("link")).toHaveCount(0);
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

  test("an owner invites bob, who accepts from the banner and sees the space; a non-member is refused", async ({
    browser,
  }) => {
    const carol = await pageAs(browser, "carol");
    const dave = await pageAs(browser, "dave");

    const name = uniqueName("team");
    await carol.goto("/spaces/new");
    await carol.getByLabel("Display name").fill("Team space");
    await carol.locator('input[name="name"]').fill(name);
    await carol.getByLabel("Description").fill("Where the team works");
    await carol.getByRole("button", { name: "Create space" }).click();
    await expect(carol).toHaveURL(new RegExp(`/spaces/${name}$`));
    await screenshot(carol, "space-overview");

    await carol.getByRole("link", { name: "Members" }).first().click();
    const form = carol.getByRole("form", { name: "Invite member" });
    await form.getByLabel("Email").fill("not an address");
    await form.getByRole("button", { name: "Invite" }).click();
    await expect(
      form.getByRole("alert").filter({ hasText: "Enter a valid email address" }),
    ).toBeVisible();
    await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Email").fill("bob@example.com");
    await form.getByLabel("Role", { exact: true }).selectOption("viewer");
    await form.getByRole("button", { name: "Invite" }).click();
    const invitation = carol.getByTestId("invitation-bob@example.com");
    await expect(invitation).toContainText("pending");
    await expect(invitation).toContainText("by carol");
    // A second open invitation to the same address is refused under the field.
    await form.getByLabel("Email").fill("BOB@example.com");
    await form.getByRole("button", { name: "Invite" }).click();
    await expect(
      form.getByRole("alert").filter({ hasText: "already has an open invitation" }),
    ).toBeVisible();
    // An invitation can be revoked.
    await form.getByLabel("Email").fill("dave@example.com");
    await form.getByRole("button", { name: "Invite" }).click();
    await expect(carol.getByTestId("invitation-dave@example.com")).toBeVisible();
    await carol.getByRole("button", { name: "Revoke the invitation to dave@example.com" }).click();
    await expect(carol.getByTestId("invitation-dave@example.com")).toHaveCount(0);
    await screenshot(carol, "space-members");

    const bob = await pageAs(browser, "bob");
    await bob.goto("/spaces");
    const banner = bob.getByTestId("invitations-banner");
    await expect(banner).toContainText(/You have \d+ invitations?/);
    await screenshot(bob, "invitations-banner");
    await banner.getByRole("link", { name: "See your invitations" }).click();
    await expect(bob).toHaveURL(/\/invitations$/);
    const row = bob.getByTestId(`my-invitation-${name}`);
    await expect(row).toContainText("Team space");
    await expect(row).toContainText("viewer");
    await screenshot(bob, "invitations");
    await row.getByRole("button", { name: "Accept the invitation to Team space" }).click();
    await expect(bob).toHaveURL(new RegExp(`/spaces/${name}$`));
    await expect(bob.getByRole("heading", { name: "Team space" })).toBeVisible();
    await bob.goto("/spaces");
    await expect(bob.getByRole("link", { name: "Team space" })).toBeVisible();
    // The sidebar reaches the invitations page too; an accepted invitation is no longer there.
    await bob
      .getByRole("list", { name: "Portal" })
      .getByRole("link", { name: "Invitations" })
      .click();
    await expect(bob).toHaveURL(/\/invitations$/);
    await expect(bob.getByTestId(`my-invitation-${name}`)).toHaveCount(0);
    await bob.goto(`/spaces/${name}/members`);
    await expect(bob.getByRole("form", { name: "Invite member" })).toHaveCount(0);
    await expect(bob.getByTestId("member-carol")).toBeVisible();
    // A viewer sees no one's email address, in the member list or the activity log.
    await expect(bob.getByRole("table", { name: "Members" })).not.toContainText(
      "carol@example.com",
    );
    await bob.goto(`/spaces/${name}/activity`);
    await expect(bob.getByTestId("masked-email-note")).toBeVisible();
    await expect(bob.getByRole("table", { name: "Activity" })).toContainText("b…@example.com");
    await expect(bob.getByRole("table", { name: "Activity" })).not.toContainText("bob@example.com");

    await dave.goto(`/spaces/${name}`);
    await expect(dave.getByText("Space not found or no access")).toBeVisible();
    await dave.goto("/spaces");
    await expect(dave.getByRole("link", { name: "Team space" })).toHaveCount(0);
    await screenshot(dave, "space-no-access");

    await carol.goto(`/spaces/${name}/members`);
    await expect(carol.getByTestId("invitation-bob@example.com")).toHaveCount(0);
    await expect(carol.getByTestId("member-bob")).toContainText("bob@example.com");
    await carol.goto(`/spaces/${name}/activity`);
    const activity = carol.getByRole("table", { name: "Activity" });
    await expect(activity).toContainText("accepted an invitation and joined");
    await expect(activity).toContainText("invitation/bob@example.com");
    await expect(activity).toContainText("revoked an invitation");
    await expect(activity).toContainText("created the space");
    await screenshot(carol, "space-activity");
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
