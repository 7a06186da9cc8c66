// Fixtures for application tests: valid inputs for the procedures, and an application with a
// snapshot, a binding and a repository credential inserted without the services.
import { generateKeyPairSync } from "node:crypto";
import type { Db } from "../db/client";
import {
  applications,
  components,
  repositoryCredentials,
  snapshotComponents,
  snapshotEnvironmentBindings,
  snapshots,
} from "../db/schema";
import type { TNewComponent } from "../lib/validators/application";
import { newComponentValues } from "../server/services/components/component-row";
import { sealRepositorySecret } from "../server/services/repository-credentials/credential-row";

/** A valid component input named `name`; `values` overrides any field. */
export function componentInput(name: string, values: Partial<TNewComponent> = {}): TNewComponent {
  return {
    name,
    displayName: name,
    sourceUrl: `https://git.example.com/team/${name}.git`,
    containerImage: `quay.io/team/${name}:1.0.0`,
    gitopsSource: {
      repoUrl: "https://git.example.com/team/gitops.git",
      path: `components/${name}/overlays/dev`,
      targetRevision: "main",
      type: "kustomize",
    },
    ...values,
  };
}

/** A fresh SSH private key (PKCS#8 PEM, no passphrase), as a deploy key would be. */
export function testSshPrivateKey(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

export interface TApplicationFixture {
  application: string;
  applicationId: string;
  /** The application's one component. */
  component: string;
  /** Bound to `environment`. */
  boundSnapshot: string;
  /** Bound nowhere (the one to delete). */
  freeSnapshot: string;
  /** A repository credential of the space (https). */
  credentialId: string;
}

/**
 * In the space: application "shop" with component "web", snapshots "s1" and "s2", s1 bound to
 * the environment, and an https repository credential for `repository`.
 */
export async function arrangeApplication(
  db: Db,
  spaceId: string,
  environmentId: string,
  repository = "https://git.example.com/team/private.git",
): Promise<TApplicationFixture> {
  const [application] = await db
    .insert(applications)
    .values({ spaceId, name: "shop", displayName: "Shop" })
    .returning();
  if (!application) throw new Error("application insert returned nothing");
  await db.insert(components).values(newComponentValues(application.id, componentInput("web")));
  const made = await insertSnapshots(db, application.id, ["s1", "s2"], ["web"]);
  await db.insert(snapshotEnvironmentBindings).values({
    spaceId,
    applicationId: application.id,
    environmentId,
    snapshotId: made.s1!,
  });
  const [credential] = await db
    .insert(repositoryCredentials)
    .values({
      spaceId,
      repository,
      kind: "https",
      username: "deployer",
      ...sealRepositorySecret("fixture-token"),
    })
    .returning();
  if (!credential) throw new Error("credential insert returned nothing");
  return {
    application: application.name,
    applicationId: application.id,
    component: "web",
    boundSnapshot: "s1",
    freeSnapshot: "s2",
    credentialId: credential.id,
  };
}

/**
 * Snapshots `names` of the application, written directly, each holding one image per component
 * (`image(component, snapshot)`): what tests of deployments start from. Returns their ids by name.
 */
export async function insertSnapshots(
  db: Db,
  applicationId: string,
  names: readonly string[],
  componentNames: readonly string[],
  image: (component: string, snapshot: string) => string = (c, s) => `quay.io/team/${c}:${s}`,
): Promise<Record<string, string>> {
  const made = await db
    .insert(snapshots)
    .values(names.map((name) => ({ applicationId, name, displayName: name })))
    .returning();
  await db.insert(snapshotComponents).values(
    made.flatMap((s) =>
      componentNames.map((c) => ({
        snapshotId: s.id,
        componentName: c,
        containerImage: image(c, s.name),
      })),
    ),
  );
  return Object.fromEntries(made.map((s) => [s.name, s.id]));
}
