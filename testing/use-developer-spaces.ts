// The set-up most router tests share: an owner, a developer and a registered cluster, made once
// per describe block; then a fresh space per test (owner owns it, developer contributes), so tests
// never see each other's rows.
import { beforeAll } from "vitest";
import type { DatabaseHandle } from "../db/client";
import { createTestUser, type TTestUser } from "./callers";
import { insertTestCluster } from "./clusters";
import { insertTestEnvironment } from "./environments";
import { spaceWithContributor } from "./join-space";

export interface TDeveloperSpaces {
  /** `<prefix>-owner`: owns every fresh space. */
  readonly owner: TTestUser;
  /** `<prefix>-dev`: a contributor of every fresh space; `space.api` acts as them. */
  readonly developer: TTestUser;
  /** A registered (unreachable) cluster environments can be placed on. */
  readonly clusterId: string;
  /** A new space `<prefix>-<n>`. */
  freshSpace(): ReturnType<typeof spaceWithContributor>;
  /** Environment `name` of the space on the cluster, namespace `<space>-<name>`, inserted directly. */
  environment(space: { id: string; name: string }, name: string): Promise<{ id: string }>;
}

/** Call inside describe(), after useTestDatabase. `cluster` names the cluster (`<prefix>-cluster`). */
export function useDeveloperSpaces(
  database: () => DatabaseHandle,
  prefix: string,
  options: { cluster?: string } = {},
): TDeveloperSpaces {
  let made: { owner: TTestUser; developer: TTestUser; clusterId: string } | undefined;
  let spaces = 0;
  const ready = () => {
    if (!made) throw new Error("useDeveloperSpaces: used before its beforeAll ran");
    return made;
  };
  beforeAll(async () => {
    const db = database().db;
    made = {
      owner: await createTestUser(db, `${prefix}-owner`),
      developer: await createTestUser(db, `${prefix}-dev`),
      clusterId: (await insertTestCluster(db, options.cluster ?? `${prefix}-cluster`)).id,
    };
  });
  return {
    get owner() {
      return ready().owner;
    },
    get developer() {
      return ready().developer;
    },
    get clusterId() {
      return ready().clusterId;
    },
    freshSpace() {
      spaces += 1;
      const { owner, developer } = ready();
      return spaceWithContributor(database().db, owner, developer, `${prefix}-${spaces}`);
    },
    environment(space, name) {
      return insertTestEnvironment(database().db, {
        spaceId: space.id,
        name,
        clusterId: ready().clusterId,
        namespace: `${space.name}-${name}`,
      });
    },
  };
}
