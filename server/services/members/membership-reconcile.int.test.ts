// Bindings on clusters follow membership: every change of a space's members asks the reconciler
// to look at every environment and workspace of the space, in the same transaction.
import { beforeAll, describe, expect, it } from "vitest";
import { RECONCILE_CHANNEL } from "@/server/services/reconcile/request-reconcile";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { environmentInput } from "@/testing/environments";
import { joinByInvitation } from "@/testing/join-space";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

describe.each(testDatabaseKinds())("membership changes reconcile the space (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let owner: TTestUser;
  let clusterId: string;
  let n = 0;

  beforeAll(async () => {
    owner = await createTestUser(database().db, "members-owner");
    clusterId = (await insertTestCluster(database().db, "members-cluster")).id;
  });

  /** A space with a dev and a test environment and one workspace; returns its expected keys. */
  async function arrange() {
    n += 1;
    const db = database().db;
    const space = `members-${n}`;
    const api = callerFor(db, owner);
    await api.space.create({ name: space, displayName: "M" });
    const dev = await api.environment.create(
      environmentInput(space, clusterId, { name: "dev", type: "dev" }),
    );
    const test = await api.environment.create(environmentInput(space, clusterId, { name: "qa" }));
    await api.environment.openWorkspace({ space, environment: "dev" });
    const member = await createTestUser(db, `member-${n}`);
    return { space, api, member, dev, test };
  }

  /** Runs `change` while listening; resolves with the keys notified once all `expected` came. */
  async function keysNotifiedBy(expected: string[], change: () => Promise<unknown>) {
    const seen = new Set<string>();
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const stop = await database().listen(RECONCILE_CHANNEL, (key) => {
      seen.add(key);
      if (expected.every((k) => seen.has(k))) done();
    });
    try {
      await change();
      await all;
    } finally {
      await stop();
    }
    return seen;
  }

  const envKeys = (...ids: string[]) => ids.map((id) => `environment/${id}`);

  it("on accepting an invitation", async () => {
    const { space, member, dev, test } = await arrange();
    const seen = await keysNotifiedBy(envKeys(dev.id, test.id), () =>
      joinByInvitation(database().db, owner, space, member, "viewer"),
    );
    expect([...seen].some((key) => key.startsWith("workspace/"))).toBe(true);
  });

  it("on a role change, a removal and leaving", async () => {
    const { space, api, member, dev, test } = await arrange();
    await joinByInvitation(database().db, owner, space, member, "viewer");
    const keys = envKeys(dev.id, test.id);
    await keysNotifiedBy(keys, () =>
      api.member.updateRole({ space, userId: member.id, role: "contributor" }),
    );
    await keysNotifiedBy(keys, () => api.member.remove({ space, userId: member.id }));
    await joinByInvitation(database().db, owner, space, member, "viewer");
    await keysNotifiedBy(keys, () => callerFor(database().db, member).member.leave({ space }));
  });
});
