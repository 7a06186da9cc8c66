// Issue 9 in the browser, for reads: an environment's "Live" dialog and its "Cluster events" are
// read from the cluster with the person's own token, so the cluster's RBAC decides what they see.
// Connected as an account the cluster binds to nothing, the developer sees the cluster's refusal
// in words naming that account (Slipway's service credentials could read everything: the refusal
// proves the read was theirs); connected as themselves, they see the object and its Events.
// Real parts only, as in journey.spec.ts: the e2e cluster issuer the test server trusts.
import type { Page } from "@playwright/test";
import { DEFAULT_QUOTA } from "../../lib/environment-defaults";
import { kubeApi } from "../fixtures/argo-cd";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { setClusterIssuerSignIn, signInAtIssuer } from "../fixtures/cluster-issuer";
import { mutate, registerTestCluster } from "../fixtures/trpc";
import { demoUsers } from "../fixtures/users";

// The environment's first pass applies its objects (the members' RoleBindings among them).
const SETTLE = { timeout: 45_000 };
const QUOTA = "slipway-quota";

/** Bob's space with environment "dev" on `clusterId`; returns the space and the namespace. */
async function arrange(bob: Page, clusterId: string) {
  const space = uniqueName("livereads");
  await bob.goto("/getting-started");
  await mutate(bob, "space.create", { name: space, displayName: `Space ${space}` });
  const environment = (await mutate(bob, "environment.create", {
    space,
    name: "dev",
    displayName: "Dev",
    type: "test",
    clusterId,
    quota: DEFAULT_QUOTA.test,
  })) as { namespace: string | null };
  expect(environment.namespace).toBeTruthy();
  return { space, namespace: environment.namespace! };
}

/** An Event about the environment's quota, as a controller records it (the cluster's admin). */
async function recordQuotaEvent(namespace: string): Promise<void> {
  const api = kubeApi();
  const quota = await api.read({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: QUOTA, namespace },
  });
  const now = new Date().toISOString();
  await api.create({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${QUOTA}.e2e`, namespace },
    involvedObject: {
      apiVersion: "v1",
      kind: "ResourceQuota",
      name: QUOTA,
      namespace,
      uid: quota.metadata!.uid!,
    },
    reason: "QuotaChecked",
    message: "checked by the e2e controller",
    type: "Normal",
    count: 1,
    source: { component: "e2e-controller" },
    firstTimestamp: now,
    lastTimestamp: now,
  } as never);
}

/** Connects the environment page's cluster, signing in at the issuer as `login`. */
async function connectAs(page: Page, cluster: string, login: string): Promise<void> {
  await page.getByRole("link", { name: `Connect to ${cluster}` }).click();
  await signInAtIssuer(page, login);
  await expect(page).toHaveURL(/\?connected=/);
  await expect(page.getByTestId("environment-connection")).toContainText(
    `as ${demoUsers[login as keyof typeof demoUsers].email}`,
  );
}

test.describe("live state and cluster events, read as the person", () => {
  // The cluster issuer's certificate comes from its own CA (see journey.spec.ts).
  test.use({ signedInAs: "bob", ignoreHTTPSErrors: true });

  test("refused in the cluster's words for an account it binds to nothing, shown for the developer's own", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const alice = await pageAs(browser, "alice");
    const cluster = uniqueName("livec");
    const clusterId = await registerTestCluster(alice, cluster);
    await setClusterIssuerSignIn(alice, cluster);
    const { space, namespace } = await arrange(page, clusterId);
    const environmentPage = `/spaces/${space}/environments/dev`;
    const liveButton = page.getByRole("button", { name: `Live state of ResourceQuota ${QUOTA}` });
    const dialog = page.getByRole("dialog");
    const card = page.getByTestId("environment-connection");

    // Bob connects, but signs in at the issuer as Dave: the cluster knows that account, and no
    // RoleBinding of Bob's environment names it.
    await page.goto(environmentPage);
    await connectAs(page, cluster, demoUsers.dave.username);
    await expect(liveButton).toBeVisible(SETTLE);
    await recordQuotaEvent(namespace);

    await liveButton.click();
    await expect(dialog).toContainText(
      `Your account \`${demoUsers.dave.email}\` on \`${cluster}\` may not get resourcequotas \`${QUOTA}\` in \`${namespace}\`.`,
    );
    await expect(dialog.getByLabel("Live YAML")).toHaveCount(0);
    await screenshot(page, "live-object-forbidden");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    const events = page.getByRole("region", { name: "Cluster events" });
    await events.getByRole("button", { name: "Load cluster events" }).click();
    await expect(events).toContainText(
      `Your account \`${demoUsers.dave.email}\` on \`${cluster}\` may not list events in \`${namespace}\`.`,
    );
    await expect(events.getByRole("list", { name: "Cluster events" })).toHaveCount(0);

    // Connected as himself, Bob reads both: the object as the cluster has it, and the Events.
    await card.getByRole("button", { name: `Disconnect from ${cluster}` }).click();
    await expect(card.getByText("Not connected", { exact: true })).toBeVisible();
    await connectAs(page, cluster, demoUsers.bob.username);
    await expect(card).toContainText("Last used never");

    await liveButton.click();
    const yaml = dialog.getByLabel("Live YAML");
    await expect(yaml).toContainText("kind: ResourceQuota");
    await expect(yaml).toContainText(`namespace: ${namespace}`);
    await expect(
      dialog.getByRole("list", { name: `Events of ResourceQuota ${QUOTA}` }),
    ).toContainText("QuotaChecked");
    await screenshot(page, "live-object-as-person");
    await page.keyboard.press("Escape");

    await events.getByRole("button", { name: "Load cluster events" }).click();
    await expect(events.getByRole("list", { name: "Cluster events" })).toContainText(
      "checked by the e2e controller",
    );
    // The reads used Bob's connection: the card says it was used.
    await page.reload();
    await expect(card).not.toContainText("Last used never");
  });
});
