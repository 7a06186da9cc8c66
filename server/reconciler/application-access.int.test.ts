// Members act on their binding's Argo CD Applications as themselves: the cluster (trusting an OIDC
// issuer, as a cluster with user sign-in does) authorizes them through the Roles the binding's
// pass writes, so its RBAC, not only Slipway's, refuses a viewer's sync.
import { KubernetesObjectApi, PatchStrategy } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcTestIssuer, type OidcTestIssuer } from "@/k8s-test-server/oidc-test-issuer";
import { kubeConfigFor } from "@/server/k8s/kube-config-for";
import { applicationAccessName } from "@/server/k8s/manifests/argo-application-access";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import { ARGO, ARGO_CD_NAMESPACE } from "@/testing/argo-cd";
import { startArgoTestBed, type TArgoTestBed } from "@/testing/argo-test-bed";
import { connectionTo } from "@/testing/kube-test-cluster";
import { arrangeStageBinding, mintClusterToken, sandboxOidcFlags } from "@/testing/oidc-cluster";
import { eventually } from "@/testing/reconciler-fixtures";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

const RBAC = "rbac.authorization.k8s.io/v1";

describe.each(testDatabaseKinds())("members acting on their Argo CD Applications (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let issuer: OidcTestIssuer;
  let bed: TArgoTestBed;
  let bindingId: string;
  /** The binding's one Application (application "shop", component "web", environment "stage"). */
  const applicationName = "orders-shop-web-stage";

  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
    // The sandbox's flags (see start-sandbox-server.ts): members are users named by e-mail.
    bed = await startArgoTestBed(
      database(),
      "orders",
      { olive: "owner", carl: "contributor", vera: "viewer" },
      sandboxOidcFlags(issuer),
    );
    const db = database().db;
    ({ bindingId } = await arrangeStageBinding(db, bed, `${kind}-orders-stage`));
  });
  afterAll(async () => {
    await bed?.stop();
    await issuer?.stop();
  });

  /** The member's own client: an ID token for the cluster's client, as the connect flow gets one. */
  function clusterAs(member: string) {
    const token = mintClusterToken(issuer, member, bed.members[member]!.email);
    const connection = connectionTo(bed.server, `as-${member}`, token);
    return KubernetesObjectApi.makeApiClient(kubeConfigFor(connection));
  }

  /** "Sync now" as the member: writes the Application's operation with a merge patch. */
  async function syncAs(member: string): Promise<number | undefined> {
    try {
      await clusterAs(member).patch(
        {
          apiVersion: ARGO,
          kind: "Application",
          metadata: { name: applicationName, namespace: ARGO_CD_NAMESPACE },
          operation: {
            initiatedBy: { username: bed.members[member]!.email },
            sync: { revision: "main" },
          },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.MergePatch,
      );
      return undefined;
    } catch (error) {
      return (error as { code?: number }).code;
    }
  }

  async function readAs(member: string, name: string): Promise<number | undefined> {
    try {
      await clusterAs(member).read({
        apiVersion: ARGO,
        kind: "Application",
        metadata: { name, namespace: ARGO_CD_NAMESPACE },
      });
      return undefined;
    } catch (error) {
      return (error as { code?: number }).code;
    }
  }

  it("lets a contributor sync its environment's Application and refuses a viewer with the cluster's 403", async () => {
    expect(await syncAs("carl")).toBeUndefined();
    const written = await bed.objects.get(ARGO, "Application", applicationName, ARGO_CD_NAMESPACE);
    expect(written).toMatchObject({
      operation: { initiatedBy: { username: bed.members.carl!.email }, sync: { revision: "main" } },
    });
    expect(await syncAs("vera")).toBe(403);
    // The viewer still sees it; nobody reaches an Application of no binding of theirs.
    expect(await readAs("vera", applicationName)).toBeUndefined();
    await bed.objects.api.create({
      apiVersion: ARGO,
      kind: "Application",
      metadata: { name: "someone-else", namespace: ARGO_CD_NAMESPACE },
      spec: {
        project: "default",
        source: { repoURL: "https://git.example.com/x.git", path: ".", targetRevision: "main" },
        destination: { server: "https://kubernetes.default.svc", namespace: "x" },
      },
    });
    expect(await readAs("carl", "someone-else")).toBe(403);
  });

  it("writes nothing on an idle pass", async () => {
    const versions = async () =>
      Promise.all(
        ["Role", "RoleBinding"].flatMap((k) =>
          ["view", "edit"].map(
            async (suffix) =>
              (
                await bed.objects.get(
                  RBAC,
                  k,
                  applicationAccessName(bindingId, suffix),
                  ARGO_CD_NAMESPACE,
                )
              )?.metadata?.resourceVersion,
          ),
        ),
      );
    const before = await versions();
    expect(before.every((v) => v !== undefined)).toBe(true);
    bed.reconciler.enqueue(reconcileKey("binding", bindingId));
    await bed.reconciler.idle();
    expect(await versions()).toStrictEqual(before);
  });

  it("takes the access away from a member removed from the space after the binding's pass", async () => {
    const { id: carlId, email: removed } = bed.members.carl!;
    await bed.callers.olive!.member.remove({ space: "orders", userId: carlId });
    await eventually(async () => {
      const edit = await bed.objects.get(
        RBAC,
        "RoleBinding",
        applicationAccessName(bindingId, "edit"),
        ARGO_CD_NAMESPACE,
      );
      const subjects = (edit as { subjects?: { name: string }[] } | undefined)?.subjects;
      const names = subjects?.map((s) => s.name);
      return names && !names.includes(removed) ? names : undefined;
    }, "the edit RoleBinding to lose the removed member");
    expect(await syncAs("carl")).toBe(403);
    expect(await readAs("carl", applicationName)).toBe(403);
    expect(await syncAs("olive")).toBeUndefined();
  });
});
