// The database's own checks behind the input schemas: a value that got past them (a bug, a script,
// a hand-made INSERT) is still refused by Postgres and PGlite alike.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/testing/test-database";
import { sqlStateOf } from "@/testing/sql-state";
import { useTestDatabase } from "@/testing/use-test-database";
import { applications, components, repositoryCredentials, snapshots, spaces } from "./index";

const CHECK_VIOLATION = "23514";

describe.each(testDatabaseKinds())("application tables' constraints (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let spaceId: string;
  let applicationId: string;

  beforeAll(async () => {
    const db = database().db;
    const [space] = await db
      .insert(spaces)
      .values({ name: "checks", displayName: "C" })
      .returning();
    spaceId = space!.id;
    const [app] = await db
      .insert(applications)
      .values({ spaceId, name: "shop", displayName: "Shop" })
      .returning();
    applicationId = app!.id;
  });

  it("refuses names that are not DNS labels", async () => {
    const db = database().db;
    for (const name of ["Shop", "-shop", "shop-", "a".repeat(64), "sh_op"]) {
      expect(
        await sqlStateOf(db.insert(applications).values({ spaceId, name, displayName: "x" })),
        name,
      ).toBe(CHECK_VIOLATION);
    }
    expect(
      await sqlStateOf(
        db.insert(snapshots).values({ applicationId, name: "Bad", displayName: "x" }),
      ),
    ).toBe(CHECK_VIOLATION);
  });

  it("refuses repository URLs other than https:// and ssh://, and absolute GitOps paths", async () => {
    const db = database().db;
    const component = {
      applicationId,
      name: "web",
      displayName: "Web",
      sourceUrl: "https://git.example.com/web.git",
      containerImage: "quay.io/team/web:1",
      gitopsRepoUrl: "https://git.example.com/gitops.git",
      gitopsPath: "apps/web",
      gitopsTargetRevision: "main",
      gitopsType: "kustomize" as const,
    };
    for (const bad of [
      { sourceUrl: "http://git.example.com/web.git" },
      { gitopsRepoUrl: "git@git.example.com:gitops.git" },
      { gitopsPath: "/apps/web" },
      { containerImage: "" },
    ]) {
      expect(
        await sqlStateOf(db.insert(components).values({ ...component, ...bad })),
        JSON.stringify(bad),
      ).toBe(CHECK_VIOLATION);
    }
    await db.insert(components).values(component);
  });

  it("refuses a credential whose kind does not fit its URL, or an ssh one with a username", async () => {
    const db = database().db;
    const credential = {
      spaceId,
      secret: "v1.k.a.b.c",
      secretKeyId: "k",
    };
    for (const bad of [
      { repository: "ssh://git@host/repo.git", kind: "https" as const, username: "u" },
      { repository: "https://host/repo.git", kind: "ssh" as const, username: null },
      { repository: "ssh://git@host/repo.git", kind: "ssh" as const, username: "u" },
      { repository: "https://host/repo.git", kind: "https" as const, username: null },
      { repository: "ftp://host/repo.git", kind: "https" as const, username: "u" },
    ]) {
      expect(
        await sqlStateOf(db.insert(repositoryCredentials).values({ ...credential, ...bad })),
        JSON.stringify(bad),
      ).toBe(CHECK_VIOLATION);
    }
  });

  it("refuses snapshot artifacts that are not a JSON object", async () => {
    const db = database().db;
    expect(
      await sqlStateOf(
        db.insert(snapshots).values({
          applicationId,
          name: "arr",
          displayName: "x",
          artifacts: ["x"] as unknown as Record<string, string>,
        }),
      ),
    ).toBe(CHECK_VIOLATION);
  });
});
