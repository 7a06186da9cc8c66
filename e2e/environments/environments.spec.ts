import { DEFAULT_QUOTA } from "../../lib/environment-defaults";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { mutate, registerTestCluster } from "../fixtures/trpc";

test.describe("environments", () => {
  test.use({ signedInAs: "bob" });

  test("a developer creates dev → stage → prod on a registered cluster and watches each become Ready", async ({
    page,
    browser,
  }) => {
    // An admin registers the Kubernetes API test server Playwright runs.
    const admin = await pageAs(browser, "alice");
    const cluster = uniqueName("envs");
    await registerTestCluster(admin, cluster);

    const space = uniqueName("shop");
    await page.goto("/getting-started");
    await mutate(page, "space.create", { name: space, displayName: "Shop" });

    const chain = [
      { display: "Dev", name: "dev", type: "dev", parent: null },
      { display: "Stage", name: "stage", type: "stage", parent: "dev" },
      { display: "Prod", name: "prod", type: "run", parent: "stage" },
    ] as const;
    for (const env of chain) {
      await page.goto(`/spaces/${space}/environments`);
      await page.getByRole("link", { name: "New environment" }).first().click();
      await expect(page.getByRole("form", { name: "Create environment" })).toBeVisible();
      await page.getByRole("textbox", { name: "Display name", exact: true }).fill(env.display);
      await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(env.name);
      await page.getByRole("combobox", { name: "Type", exact: true }).selectOption(env.type);
      await page
        .getByRole("combobox", { name: "Cluster", exact: true })
        .selectOption({ label: cluster });
      const parent = chain.find((c) => c.name === env.parent);
      if (parent) {
        await page
          .getByRole("combobox", { name: "Promoted from" })
          .selectOption({ label: `${parent.display} (${parent.name})` });
      }
      await page.getByRole("button", { name: "Create environment" }).click();
      await expect(page).toHaveURL(new RegExp(`/spaces/${space}/environments/${env.name}$`));
      // The reconcile loop makes the namespace, quota, policies and bindings; the page follows.
      await expect(page.getByTestId("phase")).toHaveText("Ready", { timeout: 30_000 });
      const objects = page.getByRole("table", { name: "Objects on the cluster" });
      const namespaceRow = objects
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: "Namespace", exact: true }) });
      await expect(namespaceRow).toContainText(`${space}-${env.name}`);
      await expect(namespaceRow).toContainText("Applied");
      await expect(objects.getByRole("cell", { name: "ResourceQuota", exact: true })).toBeVisible();
      await expect(objects.getByRole("cell", { name: "NetworkPolicy", exact: true })).toHaveCount(
        2,
      );
      await expect(
        objects.getByRole("cell", { name: "RoleBinding", exact: true }).first(),
      ).toBeVisible();
    }
    await screenshot(page, "environment-ready");

    await page.goto(`/spaces/${space}/environments`);
    const graph = page.getByRole("navigation", { name: "Promotion order" });
    await expect(graph).toContainText(/Dev[\s\S]*Stage[\s\S]*Prod/);
    for (const env of chain) {
      await expect(page.getByTestId(`environment-${env.name}`).getByTestId("phase")).toHaveText(
        "Ready",
      );
    }
    await screenshot(page, "environment-list");
  });

  test("bad input and a cycle in the promotion order get clear errors", async ({
    page,
    browser,
  }) => {
    const admin = await pageAs(browser, "alice");
    const cluster = uniqueName("cycles");
    const clusterId = await registerTestCluster(admin, cluster);

    const space = uniqueName("loop");
    await page.goto("/getting-started");
    await mutate(page, "space.create", { name: space, displayName: "Loop" });

    await page.goto(`/spaces/${space}/environments/new`);
    await page.getByRole("textbox", { name: "Display name", exact: true }).fill("Bad");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Not_A_Label");
    await page.getByRole("textbox", { name: "Namespace", exact: true }).fill("kube-system");
    await page.getByRole("button", { name: "Create environment" }).click();
    await expect(page.getByText("Use only lower-case letters, digits and hyphens.")).toBeVisible();
    await expect(
      page.getByText("Choose a cluster or a deployment target claim (one of them)."),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/environments\/new$/);

    // dev → stage, then try to make dev follow stage.
    const dev = (await mutate(page, "environment.create", {
      space,
      name: "dev",
      displayName: "Dev",
      type: "dev",
      clusterId,
      quota: DEFAULT_QUOTA.dev,
    })) as { id: string };
    await mutate(page, "environment.create", {
      space,
      name: "stage",
      displayName: "Stage",
      type: "stage",
      clusterId,
      parentId: dev.id,
      quota: DEFAULT_QUOTA.stage,
    });
    await page.goto(`/spaces/${space}/environments/dev/edit`);
    await page
      .getByRole("combobox", { name: "Promoted from" })
      .selectOption({ label: "Stage (stage)" });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(
      page.getByText("That would make a cycle in the promotion order: dev → stage → dev."),
    ).toBeVisible();
    await screenshot(page, "environment-cycle");
  });
});
