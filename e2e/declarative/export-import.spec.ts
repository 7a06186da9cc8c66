import { readFileSync } from "node:fs";
import { expect, screenshot, test, uniqueName } from "../fixtures/auth";
import { mutate } from "../fixtures/trpc";

test.describe("declarative YAML", () => {
  test.use({ signedInAs: "bob" });

  test("a space exported in the browser is imported into a new space: the plan is shown, applied, and the application is listed there", async ({
    page,
  }) => {
    // The source space, seeded through the API: an application with two components and a snapshot.
    const source = uniqueName("yaml-src");
    await page.goto("/getting-started");
    await mutate(page, "space.create", { name: source, displayName: "YAML source" });
    const component = (name: string, type: string) => ({
      name,
      displayName: name,
      sourceUrl: `https://github.com/shop/${name}.git`,
      containerImage: `quay.io/shop/${name}:1.0.0`,
      gitopsSource: {
        repoUrl: "https://github.com/shop/gitops.git",
        path: `components/${name}`,
        targetRevision: "main",
        type,
      },
    });
    await mutate(page, "application.create", {
      space: source,
      name: "web-shop",
      displayName: "Web Shop",
      components: [component("frontend", "kustomize"), component("api", "helm")],
    });
    await mutate(page, "snapshot.create", {
      space: source,
      application: "web-shop",
      name: "first-release",
      displayName: "First release",
      components: [
        { name: "frontend", containerImage: "quay.io/shop/frontend:1.0.0" },
        { name: "api", containerImage: "quay.io/shop/api:1.0.0" },
      ],
    });

    // Export: the space's navigation leads to the YAML, which downloads as a file.
    await page.goto(`/spaces/${source}`);
    await page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: "YAML", exact: true })
      .click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${source}/declarative$`));
    const exported = page.getByLabel("Exported YAML");
    await expect(exported).toContainText("kind: Application");
    await expect(exported).toContainText("componentName: api");
    await expect(exported).toContainText("containerImage: quay.io/shop/frontend:1.0.0");
    await expect(page.getByText("4 objects.")).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download YAML" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${source}.yaml`);
    const file = await download.path();
    expect(readFileSync(file, "utf8")).toContain("name: first-release");

    // Import into a new, empty space: upload the file, see the plan, apply.
    const target = uniqueName("yaml-dst");
    await mutate(page, "space.create", { name: target, displayName: "YAML target" });
    await page.goto(`/spaces/${target}/declarative`);
    const form = page.getByRole("form", { name: "Import YAML" });
    const apply = form.getByRole("button", { name: "Apply" });
    await expect(apply).toBeDisabled();
    await form.getByLabel("Or upload a file").setInputFiles(file);
    await expect(form.getByRole("textbox", { name: "YAML", exact: true })).toHaveValue(
      /kind: Snapshot/,
    );
    await form.getByRole("button", { name: "Show plan" }).click();
    const plan = form.getByRole("table", { name: "Import plan" });
    for (const row of [
      "plan-Application-web-shop",
      "plan-Component-web-shop/frontend",
      "plan-Component-web-shop/api",
      "plan-Snapshot-web-shop/first-release",
    ]) {
      await expect(plan.getByTestId(row)).toContainText("create");
    }
    await screenshot(page, "declarative-plan");
    await expect(apply).toBeEnabled();
    await apply.click();
    await expect(page.getByText("4 objects created or updated.", { exact: true })).toBeVisible();
    // The page now exports what was imported.
    await expect(page.getByLabel("Exported YAML")).toContainText("componentName: frontend");

    await page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: "Applications", exact: true })
      .click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${target}/applications$`));
    await expect(page.getByText("Web Shop")).toBeVisible();

    // Planning the same YAML again: everything is unchanged and there is nothing to apply.
    await page.goto(`/spaces/${target}/declarative`);
    await form.getByLabel("Or upload a file").setInputFiles(file);
    await form.getByRole("button", { name: "Show plan" }).click();
    await expect(plan.getByTestId("plan-Application-web-shop")).toContainText("unchanged");
    await expect(
      form.getByText("Nothing to change: the space already matches the YAML."),
    ).toBeVisible();
    await expect(apply).toBeDisabled();
  });
});
