// Everything of one space that the declarative API reads, loaded with one query per table (no
// query per object), plus the names of the clusters and deployment target classes it can refer to.
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { selectPromotions } from "../promotions/promotion-row";
import {
  applications,
  clusters,
  components,
  deploymentTargetClaims,
  deploymentTargetClasses,
  environments,
  promotionRuns,
  repositoryCredentials,
  snapshotComponents,
  snapshotEnvironmentBindings,
  snapshots,
} from "@/db/schema";

export async function loadSpaceState(db: Db, spaceId: string) {
  const parents = alias(environments, "parent");
  const [
    claimRows,
    environmentRows,
    applicationRows,
    componentRows,
    snapshotRows,
    snapshotComponentRows,
    bindingRows,
    credentialRows,
    clusterRows,
    classRows,
    promotionRows,
  ] = await Promise.all([
    db
      .select({
        id: deploymentTargetClaims.id,
        name: deploymentTargetClaims.name,
        className: deploymentTargetClasses.name,
        phase: deploymentTargetClaims.phase,
      })
      .from(deploymentTargetClaims)
      .innerJoin(
        deploymentTargetClasses,
        eq(deploymentTargetClasses.id, deploymentTargetClaims.classId),
      )
      .where(eq(deploymentTargetClaims.spaceId, spaceId))
      .orderBy(asc(deploymentTargetClaims.name)),
    db
      .select({
        row: environments,
        clusterName: clusters.name,
        claimName: deploymentTargetClaims.name,
        parentName: parents.name,
      })
      .from(environments)
      .leftJoin(clusters, eq(clusters.id, environments.clusterId))
      .leftJoin(deploymentTargetClaims, eq(deploymentTargetClaims.id, environments.claimId))
      .leftJoin(parents, eq(parents.id, environments.parentId))
      .where(eq(environments.spaceId, spaceId))
      .orderBy(asc(environments.name)),
    db
      .select()
      .from(applications)
      .where(eq(applications.spaceId, spaceId))
      .orderBy(asc(applications.name)),
    db
      .select({ row: components, application: applications.name })
      .from(components)
      .innerJoin(applications, eq(applications.id, components.applicationId))
      .where(eq(applications.spaceId, spaceId))
      .orderBy(asc(applications.name), asc(components.name)),
    db
      .select({ row: snapshots, application: applications.name })
      .from(snapshots)
      .innerJoin(applications, eq(applications.id, snapshots.applicationId))
      .where(eq(applications.spaceId, spaceId))
      .orderBy(asc(applications.name), asc(snapshots.name)),
    db
      .select({
        snapshotId: snapshotComponents.snapshotId,
        name: snapshotComponents.componentName,
        containerImage: snapshotComponents.containerImage,
      })
      .from(snapshotComponents)
      .innerJoin(snapshots, eq(snapshots.id, snapshotComponents.snapshotId))
      .innerJoin(applications, eq(applications.id, snapshots.applicationId))
      .where(eq(applications.spaceId, spaceId))
      .orderBy(asc(snapshotComponents.componentName)),
    db
      .select({
        row: snapshotEnvironmentBindings,
        application: applications.name,
        environment: environments.name,
        snapshot: snapshots.name,
      })
      .from(snapshotEnvironmentBindings)
      .innerJoin(applications, eq(applications.id, snapshotEnvironmentBindings.applicationId))
      .innerJoin(environments, eq(environments.id, snapshotEnvironmentBindings.environmentId))
      .innerJoin(snapshots, eq(snapshots.id, snapshotEnvironmentBindings.snapshotId))
      .where(eq(snapshotEnvironmentBindings.spaceId, spaceId))
      .orderBy(asc(applications.name), asc(environments.name)),
    // Only which repositories have credentials: the secrets never leave their table here.
    db
      .select({ repository: repositoryCredentials.repository })
      .from(repositoryCredentials)
      .where(eq(repositoryCredentials.spaceId, spaceId)),
    db.select({ id: clusters.id, name: clusters.name }).from(clusters),
    db
      .select({ id: deploymentTargetClasses.id, name: deploymentTargetClasses.name })
      .from(deploymentTargetClasses),
    // Oldest first, so an export lists history in the order it happened.
    selectPromotions(db)
      .where(eq(applications.spaceId, spaceId))
      .orderBy(asc(promotionRuns.createdAt), asc(promotionRuns.id)),
  ]);
  const imagesBySnapshot = new Map<string, { name: string; containerImage: string }[]>();
  for (const { snapshotId, ...image } of snapshotComponentRows) {
    const list = imagesBySnapshot.get(snapshotId) ?? [];
    list.push(image);
    imagesBySnapshot.set(snapshotId, list);
  }
  return {
    claims: claimRows,
    environments: environmentRows.map(({ row, ...names }) => ({ ...row, ...names })),
    applications: applicationRows,
    components: componentRows.map(({ row, application }) => ({ ...row, application })),
    snapshots: snapshotRows.map(({ row, application }) => ({
      ...row,
      application,
      images: imagesBySnapshot.get(row.id) ?? [],
    })),
    bindings: bindingRows.map(({ row, ...names }) => ({ ...row, ...names })),
    credentialRepositories: new Set(credentialRows.map((c) => c.repository)),
    clusterIds: new Map(clusterRows.map((c) => [c.name, c.id])),
    classIds: new Map(classRows.map((c) => [c.name, c.id])),
    promotions: promotionRows,
  };
}

export type TSpaceState = Awaited<ReturnType<typeof loadSpaceState>>;
export type TStateEnvironment = TSpaceState["environments"][number];
export type TStateComponent = TSpaceState["components"][number];
export type TStateSnapshot = TSpaceState["snapshots"][number];
export type TStateBinding = TSpaceState["bindings"][number];
export type TStateClaim = TSpaceState["claims"][number];
