import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { environments, promotionRuns } from "@/db/schema";
import { componentInput } from "@/testing/applications";
import { READY_STATUS } from "@/testing/environments";
import { fieldErrorsOf } from "@/testing/field-errors";
import { testDatabaseKinds } from "@/testing/test-database";
import { useDeveloperSpaces } from "@/testing/use-developer-spaces";
import { useTestDatabase } from "@/testing/use-test-database";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

describe.each(testDatabaseKinds())("promotion of a plain directory component (%s)", (kind) => {
  const database = useTestDatabase(kind);
  const team = useDeveloperSpaces(database, "judge");

  /** A Ready environment "dev"; "shop" with web (kustomize) and docs (a plain directory at `at`). */
  async function arrange(at: string) {
    const space = await team.freshSpace();
    const env = await team.environment(space, "dev");
    await database()
      .db.update(environments)
      .set({ status: READY_STATUS })
      .where(eq(environments.id, env.id));
    await space.api.application.create({
      space: space.name,
      name: "shop",
      displayName: "Shop",
      components: [
        componentInput("web"),
        componentInput("docs", {
          gitopsSource: {
            repoUrl: "https://git.example.com/team/gitops.git",
            path: "docs",
            targetRevision: at,
            type: "directory",
          },
        }),
      ],
    });
    await space.api.snapshot.create({
      space: space.name,
      application: "shop",
      name: "s1",
      displayName: "s1",
      components: ["web", "docs"].map((c) => ({ name: c, containerImage: `quay.io/t/${c}:s1` })),
    });
    return { space, promote: { space: space.name, application: "shop", environment: "dev" } };
  }

  it("refuses up front, naming the component, when a plain directory follows a branch", async () => {
    const { space, promote } = await arrange("main");
    const refused = await fieldErrorsOf(space.api.promotion.create({ ...promote, snapshot: "s1" }));
    expect(refused).toEqual({
      code: "BAD_REQUEST",
      fields: {
        snapshot: [
          'Component "docs" deploys a plain directory at "main": the snapshot\'s image cannot be ' +
            "applied to it, and without a pinned commit Slipway cannot tell when it runs the " +
            "snapshot. Pin its target revision to a commit, or deploy it with kustomize or helm.",
        ],
      },
    });
    expect(await database().db.select().from(promotionRuns)).toEqual([]);
  });

  it("starts the promotion when the plain directory is pinned to a commit", async () => {
    const { space, promote } = await arrange(COMMIT);
    const run = await space.api.promotion.create({ ...promote, snapshot: "s1" });
    expect(run).toMatchObject({ kind: "manual", state: "Waiting" });
  });
});
