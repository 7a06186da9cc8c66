import type { KubernetesObject } from "@kubernetes/client-node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applications,
  components,
  gitopsDeployments,
  managedObjects,
  repositoryCredentials,
  snapshotEnvironmentBindings,
} from "@/db/schema";
import { findCondition, isReady } from "@/lib/conditions";
import { componentInput, insertSnapshots } from "@/testing/applications";
import { ARGO, NO_CONFIGURATION, patchAsArgoCd } from "@/testing/argo-cd";
import { startArgoTestBed, type TArgoTestBed } from "@/testing/argo-test-bed";
import { eventually, insertEnvironment, registerTestCluster } from "@/testing/reconciler-fixtures";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { buildArgoApplication } from "@/server/k8s/manifests/argo-application";
import { newComponentValues } from "@/server/services/components/component-row";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import { sealRepositorySecret } from "@/server/services/repository-credentials/credential-row";
import { clusters } from "@/db/schema";

const PRIVATE_REPO = "https://git.example.com/shop/private-gitops.git";
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe.each(testDatabaseKinds())("reconciling bindings into Argo CD on %s", (kind) => {
  const database = useTestDatabase(kind);
  let bed: TArgoTestBed;
  let server: TArgoTestBed["server"];
  let reconciler: TArgoTestBed["reconciler"];
  let objects: TArgoTestBed["objects"];
  let clusterId: string;
  let spaceId: string;
  let credentialId: string;
  let owner: TArgoTestBed["callers"][string];
  let counter = 0;

  beforeAll(async () => {
    // Every Application written is validated against Argo CD's own CRD schema.
    bed = await startArgoTestBed(database(), "shopfront", { olive: "owner" });
    ({ server, reconciler, objects, clusterId, spaceId } = bed);
    owner = bed.callers.olive!;
    const db = database().db;
    const [credential] = await db
      .insert(repositoryCredentials)
      .values({
        spaceId,
        repository: PRIVATE_REPO,
        kind: "https",
        username: "deployer",
        ...sealRepositorySecret("glpat-secret-token"),
      })
      .returning();
    credentialId = credential!.id;
  });
  afterAll(async () => {
    await bed?.stop();
  });

  /** An application with api (kustomize, private repo), web (helm) and docs (plain directory), snapshots s1 and s2, s1 bound to a new environment. */
  async function arrange(onCluster = clusterId) {
    counter++;
    const db = database().db;
    const env = await insertEnvironment(db, {
      spaceId,
      clusterId: onCluster,
      name: `stage-${counter}`,
      namespace: `${kind}-shopfront-stage-${counter}`,
    });
    const [application] = await db
      .insert(applications)
      .values({ spaceId, name: `shop-${counter}`, displayName: "Shop" })
      .returning();
    const applicationId = application!.id;
    const source = (type: "kustomize" | "helm" | "directory", repoUrl: string) => ({
      repoUrl,
      path: `deploy/${type}`,
      targetRevision: "main",
      type,
    });
    await db.insert(components).values([
      newComponentValues(
        applicationId,
        componentInput("api", { gitopsSource: source("kustomize", PRIVATE_REPO) }),
      ),
      newComponentValues(
        applicationId,
        componentInput("web", {
          gitopsSource: source("helm", "https://git.example.com/shop/public.git"),
        }),
      ),
      newComponentValues(
        applicationId,
        componentInput("docs", {
          gitopsSource: source("directory", "https://git.example.com/shop/public.git"),
        }),
      ),
    ]);
    const made = await insertSnapshots(db, applicationId, ["s1", "s2"], ["api", "web", "docs"]);
    const binding = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(snapshotEnvironmentBindings)
        .values({
          spaceId,
          applicationId,
          environmentId: env.id,
          snapshotId: made.s1!,
          components: [
            {
              name: "api",
              syncMode: "automated",
              configuration: { ...NO_CONFIGURATION, replicas: 2 },
            },
            {
              name: "docs",
              syncMode: "automated",
              configuration: { ...NO_CONFIGURATION, replicas: 3 },
            },
          ],
        })
        .returning();
      await requestReconcile(tx, [reconcileKey("binding", row!.id)]);
      return row!;
    });
    return {
      env,
      binding,
      applicationName: application!.name,
      credentialId,
      s2: made.s2!,
    };
  }

  const loadBinding = async (id: string) =>
    (
      await database()
        .db.select()
        .from(snapshotEnvironmentBindings)
        .where(eq(snapshotEnvironmentBindings.id, id))
    )[0];
  const deploymentsOf = (bindingId: string) =>
    database()
      .db.select()
      .from(gitopsDeployments)
      .where(eq(gitopsDeployments.bindingId, bindingId))
      .orderBy(gitopsDeployments.componentName);
  const managedRowsOf = (bindingId: string) =>
    database()
      .db.select()
      .from(managedObjects)
      .where(eq(managedObjects.ownerKey, reconcileKey("binding", bindingId)));
  const whenReady = (id: string) =>
    eventually(async () => {
      const row = await loadBinding(id);
      return row && isReady(row.status, row.generation) ? row : undefined;
    }, "the binding to become Ready");
  const appName = (application: string, env: string, component: string) =>
    `shopfront-${application}-${component}-${env}`;
  /** What the binding's page reads (its objects: the repository Secrets). */
  const bindingPage = (application: string, environment: string) =>
    owner.binding.get({ space: "shopfront", application, environment });

  /** Plays Argo CD's controller: writes the Application's status as it would. */
  const reportStatus = (name: string, status: Record<string, unknown>) =>
    patchAsArgoCd(objects, name, { status });

  /** Plays Argo CD's cascade: once the Applications are being deleted, removes their finalizer. */
  async function releaseWhenDeleted(names: string[]) {
    for (const name of names) {
      await eventually(async () => {
        const app = await objects.get(ARGO, "Application", name, "argocd");
        return app?.metadata?.deletionTimestamp ? app : undefined;
      }, `Application ${name} to be deleted`);
      await patchAsArgoCd(objects, name, { metadata: { finalizers: null } });
    }
  }

  it("writes one Application per component and a repository Secret, exactly as built", async () => {
    const { env, binding, applicationName, credentialId } = await arrange();
    await whenReady(binding.id);
    const api = await objects.get(
      ARGO,
      "Application",
      appName(applicationName, env.name, "api"),
      "argocd",
    );
    const expected = buildArgoApplication({
      bindingId: binding.id,
      spaceName: "shopfront",
      applicationName,
      environmentName: env.name,
      componentName: "api",
      argoCdNamespace: "argocd",
      destinationServer: "https://kubernetes.default.svc",
      destinationNamespace: env.namespace!,
      source: {
        repoUrl: PRIVATE_REPO,
        path: "deploy/kustomize",
        targetRevision: "main",
        type: "kustomize",
      },
      componentImage: "quay.io/team/api:1.0.0",
      image: "quay.io/team/api:s1",
      configuration: { ...NO_CONFIGURATION, replicas: 2 },
      sync: "automated",
    }).application;
    expect(api).toMatchObject({ metadata: expected.metadata, spec: expected.spec });
    const web = (await objects.get(
      ARGO,
      "Application",
      appName(applicationName, env.name, "web"),
      "argocd",
    )) as unknown as {
      spec: { source: { helm: { parameters: unknown[] } } };
    };
    expect(web.spec.source.helm.parameters).toStrictEqual([
      { name: "image.repository", value: "quay.io/team/web" },
      { name: "image.tag", value: "s1" },
    ]);
    const secret = (await objects.get(
      "v1",
      "Secret",
      `slipway-repo-${binding.id}-${credentialId}`,
      "argocd",
    )) as unknown as { data: Record<string, string>; metadata: { labels: Record<string, string> } };
    expect(secret.data).toStrictEqual({
      type: b64("git"),
      url: b64(PRIVATE_REPO),
      username: b64("deployer"),
      password: b64("glpat-secret-token"),
    });
    expect(secret.metadata.labels["argocd.argoproj.io/secret-type"]).toBe("repository");
    // Only the credential a component uses: the public repository gets none.
    const secrets = (await objects.list("v1", "Secret", "argocd")).filter(
      (s) => s.metadata?.labels?.["slipway.dev/owner-id"] === binding.id,
    );
    expect(secrets).toHaveLength(1);

    const rows = await deploymentsOf(binding.id);
    expect(rows.map((r) => [r.componentName, r.applicationName, r.syncMode])).toStrictEqual([
      ["api", appName(applicationName, env.name, "api"), "automated"],
      ["docs", appName(applicationName, env.name, "docs"), "automated"],
      ["web", appName(applicationName, env.name, "web"), "automated"],
    ]);
    // A plain directory cannot take the image or replicas: said on the deployment, not a crash.
    expect(rows[1]!.slipwayConditions).toStrictEqual([
      {
        type: "OverridesNotApplied",
        message:
          "A plain directory source takes no overrides; deployed as in Git without: image quay.io/team/docs:s1, 3 replicas. Use kustomize or helm to override.",
      },
    ]);
    expect(rows[0]!.manifest).toMatchObject({ kind: "Application", spec: expected.spec });
    // Pages read them through deployment.list, narrowed to the environment; never a credential.
    const page = await owner.deployment.list({ space: "shopfront", environment: env.name });
    expect(
      page.items.map((d) => [d.application, d.environment, d.snapshot, d.component]),
    ).toStrictEqual([
      [applicationName, env.name, "s1", "api"],
      [applicationName, env.name, "s1", "docs"],
      [applicationName, env.name, "s1", "web"],
    ]);
    expect(page.items[0]!.manifest).toMatchObject({ spec: expected.spec });
    const text = JSON.stringify(page);
    expect(text).not.toContain("glpat-secret-token");
    expect(text).not.toContain(b64("glpat-secret-token"));
    // The binding's page lists its repository Secret as the cluster holds it, values redacted.
    const { objects: managed } = await bindingPage(applicationName, env.name);
    expect(managed).toHaveLength(1);
    expect(managed[0]).toMatchObject({
      kind: "Secret",
      namespace: "argocd",
      name: `slipway-repo-${binding.id}-${credentialId}`,
      health: "Applied",
      message: "",
    });
    expect(managed[0]!.observed).toMatchObject({
      metadata: { labels: { "argocd.argoproj.io/secret-type": "repository" } },
      data: {
        type: "<redacted: 3 bytes>",
        url: `<redacted: ${PRIVATE_REPO.length} bytes>`,
        username: "<redacted: 8 bytes>",
        password: `<redacted: ${"glpat-secret-token".length} bytes>`,
      },
    });
    const pageText = JSON.stringify(managed);
    for (const leaked of ["glpat-secret-token", b64("glpat-secret-token"), b64("deployer")])
      expect(pageText).not.toContain(leaked);
    const ready = await loadBinding(binding.id);
    expect(findCondition(ready!.status, "AllComponentsDeployed")).toMatchObject({
      status: "False",
      message: "0 of 3 components deployed",
    });
  });

  it("copies the status Argo CD reports into the deployments and rolls it up", async () => {
    const { env, binding, applicationName } = await arrange();
    await whenReady(binding.id);
    const healthy = (revision: string) => ({
      sync: { status: "Synced", revision },
      health: { status: "Healthy" },
      resources: [
        {
          group: "apps",
          version: "v1",
          kind: "Deployment",
          namespace: env.namespace,
          name: "api",
          status: "Synced",
          health: { status: "Healthy" },
        },
      ],
      operationState: {
        phase: "Succeeded",
        message: "successfully synced (all tasks run)",
        startedAt: "2026-11-25T10:00:00Z",
        finishedAt: "2026-11-25T10:00:07Z",
        operation: { sync: { revision }, initiatedBy: { automated: true } },
        syncResult: { revision },
      },
    });
    await reportStatus(appName(applicationName, env.name, "api"), healthy("a1b2c3"));
    await reportStatus(appName(applicationName, env.name, "web"), healthy("a1b2c3"));
    await reportStatus(appName(applicationName, env.name, "docs"), {
      sync: { status: "Unknown" },
      health: { status: "Missing" },
      conditions: [
        {
          type: "ComparisonError",
          message: "rpc error: path deploy/directory does not exist",
          lastTransitionTime: "2026-11-25T10:00:03Z",
        },
      ],
    });
    const rolled = await eventually(async () => {
      const row = await loadBinding(binding.id);
      const condition = findCondition(row?.status, "AllComponentsDeployed");
      const docsRow = (await deploymentsOf(binding.id))[1];
      return condition?.message === "2 of 3 components deployed" && docsRow?.healthStatus
        ? condition
        : undefined;
    }, "the roll-up to count two deployed components and the docs status to arrive");
    expect(rolled.status).toBe("False");
    const [api, docs] = await deploymentsOf(binding.id);
    expect(api).toMatchObject({
      syncStatus: "Synced",
      healthStatus: "Healthy",
      revision: "a1b2c3",
      resources: [
        {
          group: "apps",
          version: "v1",
          kind: "Deployment",
          namespace: env.namespace,
          name: "api",
          status: "Synced",
          health: "Healthy",
        },
      ],
      operationState: {
        phase: "Succeeded",
        message: "successfully synced (all tasks run)",
        startedAt: "2026-11-25T10:00:00Z",
        finishedAt: "2026-11-25T10:00:07Z",
        revision: "a1b2c3",
        initiatedBy: "automated",
      },
    });
    expect(api!.lastSyncedAt?.toISOString()).toBe("2026-11-25T10:00:07.000Z");
    expect(docs).toMatchObject({
      syncStatus: "Unknown",
      healthStatus: "Missing",
      conditions: [
        {
          type: "ComparisonError",
          message: "rpc error: path deploy/directory does not exist",
          lastTransitionTime: "2026-11-25T10:00:03Z",
        },
      ],
    });

    // Converged: another pass writes nothing, neither deployments nor the Secret's row.
    const before = (await deploymentsOf(binding.id)).map((r) => r.updatedAt.getTime());
    const secretRowsBefore = await managedRowsOf(binding.id);
    expect(secretRowsBefore).toHaveLength(1);
    reconciler.enqueue(reconcileKey("binding", binding.id));
    await reconciler.idle();
    expect((await deploymentsOf(binding.id)).map((r) => r.updatedAt.getTime())).toStrictEqual(
      before,
    );
    expect(await managedRowsOf(binding.id)).toStrictEqual(secretRowsBefore);
  });

  it("changes the Applications' image when the binding gets another snapshot", async () => {
    const { env, binding, applicationName, s2 } = await arrange();
    await whenReady(binding.id);
    await database().db.transaction(async (tx) => {
      await tx
        .update(snapshotEnvironmentBindings)
        .set({ snapshotId: s2, generation: binding.generation + 1 })
        .where(eq(snapshotEnvironmentBindings.id, binding.id));
      await requestReconcile(tx, [reconcileKey("binding", binding.id)]);
    });
    const images = await eventually(async () => {
      const app = (await objects.get(
        ARGO,
        "Application",
        appName(applicationName, env.name, "api"),
        "argocd",
      )) as unknown as { spec: { source: { kustomize: { images: string[] } } } } | undefined;
      const found = app?.spec.source.kustomize.images;
      return found?.[0]?.endsWith(":s2") ? found : undefined;
    }, "the api Application to carry s2's image");
    expect(images).toStrictEqual(["quay.io/team/api=quay.io/team/api:s2"]);
  });

  it("deletes a binding's Applications and Secrets before its row, waiting for Argo CD's cascade", async () => {
    const { env, binding, applicationName } = await arrange();
    await whenReady(binding.id);
    const names = ["api", "docs", "web"].map((c) => appName(applicationName, env.name, c));
    const api = (await objects.get(ARGO, "Application", names[0]!, "argocd")) as KubernetesObject;
    expect(api.metadata?.finalizers).toStrictEqual(["resources-finalizer.argocd.argoproj.io"]);
    await database().db.transaction(async (tx) => {
      await tx
        .update(snapshotEnvironmentBindings)
        .set({ deletionRequestedAt: new Date() })
        .where(eq(snapshotEnvironmentBindings.id, binding.id));
      await requestReconcile(tx, [reconcileKey("binding", binding.id)]);
    });
    // Argo CD has not deleted the deployed resources yet: the Applications stay, and so does the row.
    const waiting = await eventually(async () => {
      const row = await loadBinding(binding.id);
      return row?.status.conditions.some((c) => c.reason === "Deleting") ? row : undefined;
    }, "the binding to wait for its Applications");
    expect(findCondition(waiting.status, "Reconciling")?.message).toBe(
      "waiting for 3 Argo CD objects to be deleted",
    );
    const terminating = await objects.get(ARGO, "Application", names[0]!, "argocd");
    expect(terminating?.metadata?.deletionTimestamp).toBeDefined();
    // Argo CD finishes its cascade and lets each Application go.
    for (const name of names)
      await patchAsArgoCd(objects, name, { metadata: { finalizers: null } });
    await eventually(
      async () => ((await loadBinding(binding.id)) ? undefined : true),
      "the binding row to go",
    );
    expect(
      await objects.get(ARGO, "Application", appName(applicationName, env.name, "api"), "argocd"),
    ).toBeUndefined();
    const left = [
      ...(await objects.list(ARGO, "Application", "argocd")),
      ...(await objects.list("v1", "Secret", "argocd")),
    ].filter((o: KubernetesObject) => o.metadata?.labels?.["slipway.dev/owner-id"] === binding.id);
    expect(left).toStrictEqual([]);
    expect(await deploymentsOf(binding.id)).toStrictEqual([]);
    expect(await managedRowsOf(binding.id)).toStrictEqual([]);
  });

  it("follows a component's new GitOps source and a rotated credential, woken by the services", async () => {
    const { env, binding, applicationName } = await arrange();
    await whenReady(binding.id);
    await owner.component.update({
      space: "shopfront",
      application: applicationName,
      component: "api",
      ...componentInput("api", {
        gitopsSource: {
          repoUrl: PRIVATE_REPO,
          path: "deploy/kustomize-v2",
          targetRevision: "release-2",
          type: "kustomize",
        },
      }),
    });
    const source = await eventually(async () => {
      const app = (await objects.get(
        ARGO,
        "Application",
        appName(applicationName, env.name, "api"),
        "argocd",
      )) as unknown as { spec: { source: { path: string; targetRevision: string } } } | undefined;
      return app?.spec.source.path === "deploy/kustomize-v2" ? app.spec.source : undefined;
    }, "the api Application to follow the new path");
    expect(source.targetRevision).toBe("release-2");

    await owner.repositoryCredential.rotate({
      space: "shopfront",
      credentialId,
      kind: "https",
      username: "deployer-2",
      token: "glpat-rotated",
    });
    const secretName = `slipway-repo-${binding.id}-${credentialId}`;
    const data = await eventually(async () => {
      const secret = (await objects.get("v1", "Secret", secretName, "argocd")) as unknown as
        { data: Record<string, string> } | undefined;
      return secret?.data.password === b64("glpat-rotated") ? secret.data : undefined;
    }, "the repository Secret to carry the rotated token");
    expect(data.username).toBe(b64("deployer-2"));
    // The rotated Secret's row follows it (a new resourceVersion), still without a value.
    const rotated = await eventually(async () => {
      const [row] = await managedRowsOf(binding.id);
      return row?.observed && JSON.stringify(row.observed).includes('"<redacted: 13 bytes>"')
        ? row
        : undefined;
    }, "the Secret's row to show the rotated token's size");
    expect(JSON.stringify(rotated)).not.toContain("glpat-rotated");
  });

  it("deletes an application with bindings through its bindings' reconciles", async () => {
    const { env, binding, applicationName } = await arrange();
    await whenReady(binding.id);
    await owner.application.delete({
      space: "shopfront",
      application: applicationName,
      confirmName: applicationName,
    });
    await releaseWhenDeleted(
      ["api", "docs", "web"].map((c) => appName(applicationName, env.name, c)),
    );
    await eventually(async () => {
      const [row] = await database()
        .db.select()
        .from(applications)
        .where(eq(applications.id, binding.applicationId));
      return row ? undefined : true;
    }, "the application row to go after its binding");
    expect(
      await objects.get(ARGO, "Application", appName(applicationName, env.name, "web"), "argocd"),
    ).toBeUndefined();
  });

  it("surfaces an Application the cluster refuses as a failed condition, not a crash", async () => {
    // The same API server registered again, naming an Argo CD namespace that does not exist.
    const misconfigured = await registerTestCluster(database().db, server, `misconfigured-${kind}`);
    await database()
      .db.update(clusters)
      .set({ argoCdNamespace: "argocd-missing" })
      .where(eq(clusters.id, misconfigured.id));
    const { binding } = await arrange(misconfigured.id);
    const failed = await eventually(async () => {
      const row = await loadBinding(binding.id);
      return row?.status.lastError ? row : undefined;
    }, "the binding to report the refused apply");
    expect(findCondition(failed.status, "Ready")?.status).toBe("False");
    expect(failed.status.lastError).toMatch(/argocd-missing/);
    // What was meant to be applied is still on record, with no status from Argo CD.
    const rows = await deploymentsOf(binding.id);
    expect(rows.map((r) => [r.componentName, r.syncStatus])).toStrictEqual([
      ["api", null],
      ["docs", null],
      ["web", null],
    ]);
    // The refused repository Secret is listed as Failed, saying why.
    const [secretRow] = await managedRowsOf(binding.id);
    expect(secretRow).toMatchObject({ kind: "Secret", health: "Failed", observed: null });
    expect(secretRow!.message).toMatch(/argocd-missing/);
  });
});
