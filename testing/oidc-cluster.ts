// A cluster trusting an OIDC test issuer the way the sandbox does (start-sandbox-server.ts): users
// named by their verified e-mail, no prefix; and ID tokens for its client, as the connect flow
// gets them, for tests acting on it as members.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { snapshotEnvironmentBindings } from "../db/schema";
import type { OidcTestIssuer } from "../k8s-test-server/oidc-test-issuer";
import { isReady } from "../lib/conditions";
import { DEV_CLUSTER_OIDC_CLIENT_ID } from "../server/dev/oidc/constants";
import { reconcileKey, requestReconcile } from "../server/services/reconcile/request-reconcile";
import { arrangeApplication } from "./applications";
import { eventually, insertEnvironment } from "./reconciler-fixtures";

/** The `--oidc-*` flags for startArgoTestBed's cluster option. */
export function sandboxOidcFlags(issuer: OidcTestIssuer) {
  return {
    oidc: [
      {
        issuerUrl: issuer.url,
        clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
        usernameClaim: "email",
        usernamePrefix: "-",
        caPem: issuer.caPem,
      },
    ],
  };
}

/** An ID token for the cluster's client naming the member by e-mail. */
export function mintClusterToken(
  issuer: OidcTestIssuer,
  member: string,
  email: string,
  lifetimeSeconds = 600,
): string {
  return issuer.mint({
    sub: `sub-${member}`,
    email,
    email_verified: true,
    aud: DEV_CLUSTER_OIDC_CLIENT_ID,
    exp: Math.floor(Date.now() / 1000) + lifetimeSeconds,
  });
}

/** Waits until the binding's pass has applied it (Ready at its generation). */
export function bindingReady(db: Db, bindingId: string) {
  return eventually(async () => {
    const [row] = await db
      .select()
      .from(snapshotEnvironmentBindings)
      .where(eq(snapshotEnvironmentBindings.id, bindingId));
    return row && isReady(row.status, row.generation) ? row : undefined;
  }, "the binding to become Ready");
}

/**
 * Environment "stage" on the bed's cluster with application "shop" (component "web", snapshot s1)
 * bound to it, optionally with the binding's component settings, applied by its pass.
 */
export async function arrangeStageBinding(
  db: Db,
  bed: { spaceId: string; clusterId: string },
  namespace: string,
  components?: (typeof snapshotEnvironmentBindings.$inferInsert)["components"],
) {
  const env = await insertEnvironment(db, {
    spaceId: bed.spaceId,
    clusterId: bed.clusterId,
    name: "stage",
    namespace,
  });
  const { applicationId } = await arrangeApplication(db, bed.spaceId, env.id);
  const which = eq(snapshotEnvironmentBindings.applicationId, applicationId);
  const [binding] = components
    ? await db.update(snapshotEnvironmentBindings).set({ components }).where(which).returning()
    : await db.select().from(snapshotEnvironmentBindings).where(which);
  await requestReconcile(db, [reconcileKey("binding", binding!.id)]);
  await bindingReady(db, binding!.id);
  return { bindingId: binding!.id, environmentId: env.id };
}
