import type { Page } from "@playwright/test";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { mutate } from "../fixtures/trpc";
import type { TDemoUser } from "../fixtures/users";
import { demoUsers } from "../fixtures/users";

/** Carol's space with the given members, each joined by invitation (seeded through the API). */
async function spaceWith(
  owner: Page,
  members: Partial<Record<TDemoUser, "contributor" | "viewer">>,
  pages: Partial<Record<TDemoUser, Page>>,
): Promise<string> {
  const space = uniqueName("shop");
  await owner.goto("/getting-started");
  await mutate(owner, "space.create", { name: space, displayName: "Shop team" });
  for (const [user, role] of Object.entries(members) as [TDemoUser, string][]) {
    const invitation = (await mutate(owner, "invitation.create", {
      space,
      email: demoUsers[user].email,
      role,
    })) as { id: string };
    const page = pages[user]!;
    if (!page.url().startsWith("http")) await page.goto("/getting-started");
    await mutate(page, "invitation.accept", { invitationId: invitation.id });
  }
  return space;
}

test.describe("applications", () => {
  test.use({ signedInAs: "bob" });

  test("a contributor creates an app with two components (fixing a field error), cuts a snapshot and sees it listed; a viewer sees no create buttons", async ({
    page,
    browser,
  }) => {
    const carol = await pageAs(browser, "carol");
    const dave = await pageAs(browser, "dave");
    const space = await spaceWith(
      carol,
      { bob: "contributor", dave: "viewer" },
      { bob: page, dave },
    );

    await page.goto(`/spaces/${space}`);
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Applications" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${space}/applications$`));
    await expect(page.getByText("No applications yet")).toBeVisible();
    await page.getByRole("link", { name: "Create app" }).click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${space}/applications/new$`));
    const form = page.getByRole("form", { name: "Create app" });

    await form.getByLabel("Display name").first().fill("Web Shop");
    await expect(form.getByRole("textbox", { name: "Name", exact: true }).first()).toHaveValue(
      "web-shop",
    );
    const first = form.getByRole("group", { name: "Component 1" });
    await first.getByLabel("Display name").fill("Frontend");
    await expect(first.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("frontend");
    await first.getByLabel("Source repository URL").fill("https://github.com/shop/frontend.git");
    await first.getByLabel("Container image").fill("quay.io/shop/frontend:1.0.0");
    await first.getByLabel("GitOps repository URL").fill("https://github.com/shop/gitops.git");
    await first.getByLabel("GitOps path").fill("components/frontend/overlays/dev");

    await form.getByRole("button", { name: "Add another component" }).click();
    const second = form.getByRole("group", { name: "Component 2" });
    await second.getByLabel("Display name").fill("API");
    // scp-style Git address: refused under its field, with the form to use instead.
    await second.getByLabel("Source repository URL").fill("git@github.com:shop/api.git");
    await second.getByLabel("Container image").fill("quay.io/shop/api:2.3.1");
    await second.getByLabel("GitOps repository URL").fill("https://github.com/shop/gitops.git");
    await second.getByLabel("GitOps path").fill("charts/api");
    await second.getByLabel("Target revision").fill("v2.3.1");
    await second.getByLabel("Source type").selectOption("helm");
    await form.getByRole("button", { name: "Create app" }).click();
    await expect(
      second
        .getByRole("alert")
        .filter({ hasText: "Write it as an ssh:// URL: ssh://git@github.com/shop/api.git." }),
    ).toBeVisible();
    await expect(second.getByLabel("Source repository URL")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(first.getByRole("alert")).toHaveCount(0);
    await expect(page).toHaveURL(/\/applications\/new$/);
    await screenshot(page, "create-app-field-error");

    await second.getByLabel("Source repository URL").fill("ssh://git@github.com/shop/api.git");
    await form.getByRole("button", { name: "Create app" }).click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${space}/applications/web-shop$`));
    const components = page.getByRole("table", { name: "Components" });
    await expect(components.getByTestId("component-frontend")).toContainText(
      "quay.io/shop/frontend:1.0.0",
    );
    await expect(components.getByTestId("component-api")).toContainText("quay.io/shop/api:2.3.1");
    await expect(components.getByTestId("component-api")).toContainText("helm");

    // The snapshot form starts from each component's current image.
    const snapshotForm = page.getByRole("form", { name: "Create snapshot" });
    await expect(snapshotForm.getByLabel("Image of frontend")).toHaveValue(
      "quay.io/shop/frontend:1.0.0",
    );
    await expect(snapshotForm.getByLabel("Image of api")).toHaveValue("quay.io/shop/api:2.3.1");
    await snapshotForm.getByLabel("Snapshot display name").fill("First release");
    await snapshotForm.getByLabel("Snapshot name").fill("first-release");
    await snapshotForm.getByLabel("Image of api").fill("quay.io/shop/api:2.3.2");
    await snapshotForm.getByLabel("Artifacts").fill('{"build": "1234"}');
    await snapshotForm.getByRole("button", { name: "Create snapshot" }).click();
    const snapshot = page
      .getByRole("table", { name: "Snapshots" })
      .getByTestId("snapshot-first-release");
    await expect(snapshot).toContainText("First release");
    await expect(snapshot).toContainText("quay.io/shop/api:2.3.2");
    await expect(snapshot).toContainText("quay.io/shop/frontend:1.0.0");
    await screenshot(page, "application-page");

    // The component's current image moves on; the snapshot keeps what it holds.
    await components.getByRole("link", { name: "Edit component api" }).click();
    const edit = page.getByRole("form", { name: "Edit component" });
    await expect(edit.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute(
      "readonly",
      "",
    );
    await edit.getByLabel("Container image").fill("quay.io/shop/api:2.4.0");
    await edit.getByRole("button", { name: "Save component" }).click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${space}/applications/web-shop$`));
    await expect(components.getByTestId("component-api")).toContainText("quay.io/shop/api:2.4.0");
    await expect(snapshot).toContainText("quay.io/shop/api:2.3.2");

    // The viewer reads everything and is offered nothing to create or change.
    await dave.goto(`/spaces/${space}/applications`);
    await expect(dave.getByTestId("application-web-shop")).toContainText("Web Shop");
    await expect(dave.getByRole("link", { name: "Create app" })).toHaveCount(0);
    await dave.getByRole("link", { name: "Web Shop" }).click();
    await expect(dave.getByTestId("snapshot-first-release")).toContainText("First release");
    await expect(dave.getByRole("table", { name: "Components" }).getByRole("row")).toHaveCount(3);
    await expect(dave.getByRole("link", { name: "Add component" })).toHaveCount(0);
    await expect(dave.getByRole("form", { name: "Create snapshot" })).toHaveCount(0);
    await expect(dave.getByRole("form", { name: "Pipeline map" })).toHaveCount(0);
    await expect(dave.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(dave.getByRole("link", { name: /^Edit component/ })).toHaveCount(0);
    await screenshot(dave, "application-page-viewer");
    await dave.goto(`/spaces/${space}/applications/new`);
    await expect(dave.getByRole("heading", { name: /not found/i })).toBeVisible();
    await expect(dave.getByRole("form", { name: "Create app" })).toHaveCount(0);
  });

  test("repository credentials are added and rotated, and their secrets never come back", async ({
    page,
    browser,
  }) => {
    const carol = await pageAs(browser, "carol");
    const space = await spaceWith(carol, { bob: "contributor" }, { bob: page });
    const token = `ghp_${uniqueName("secret").replace(/-/g, "")}`;

    await page.goto(`/spaces/${space}/repository-credentials`);
    const form = page.getByRole("form", { name: "Add repository credential" });
    await form.getByLabel("Repository URL").fill("http://github.com/shop/private.git");
    await form.getByLabel("Username").fill("shop-bot");
    await form.getByLabel("Token").fill(token);
    await form.getByRole("button", { name: "Add credential" }).click();
    await expect(
      form.getByRole("alert").filter({ hasText: "Use an https:// or ssh:// URL" }),
    ).toBeVisible();
    await form.getByLabel("Repository URL").fill("https://github.com/shop/private.git");
    await form.getByRole("button", { name: "Add credential" }).click();
    const row = page.getByTestId("credential-https://github.com/shop/private.git");
    await expect(row).toContainText("shop-bot — token held");
    await expect(row).toContainText("never");
    expect(await page.content()).not.toContain(token);

    await row.getByRole("button", { name: /^Rotate credential/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Token").fill(`${token}-2`);
    await screenshot(page, "rotate-repository-credential");
    await dialog.getByRole("button", { name: "Rotate" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).not.toContainText("never");
    expect(await page.content()).not.toContain(token);
    await screenshot(page, "repository-credentials");
  });
});
