// Live state and cluster events are read as the person (issue 9): on a cluster trusting an OIDC
// issuer and configured with user sign-in, environment.liveObject and environment.clusterEvents
// read with the member's own ID token, so the cluster's RBAC decides what they see; on a cluster
// without sign-in they read with the service credentials. Only objects the environment manages can
// be named, Secrets come back redacted, and Events page with the API's own continue token.
import { getErrorShape } from "@trpc/server/shared";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterConnections, clusterUserSignIns, managedObjects } from "@/db/schema";
import { startOidcTestIssuer, type OidcTestIssuer } from "@/k8s-test-server/oidc-test-issuer";
import { DEV_CLUSTER_OIDC_CLIENT_ID } from "@/server/dev/oidc/constants";
import { appRouter } from "@/server/api/root";
import { redactedMarker } from "@/server/reconciler/redact-secret";
import { ARGO_CD_NAMESPACE } from "@/testing/argo-cd";
import { startArgoTestBed, type TArgoTestBed } from "@/testing/argo-test-bed";
import { insertTestConnection } from "@/testing/connections";
import { mintClusterToken, sandboxOidcFlags } from "@/testing/oidc-cluster";
import { eventually, insertEnvironment } from "@/testing/reconciler-fixtures";
import { trpcError } from "@/testing/rejection";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import { sealTokens } from "@/server/services/connections/connection-tokens";
import { CLUSTER_EVENTS_PAGE } from "@/server/services/environments/cluster-events";

describe.each(testDatabaseKinds())(
  "live state and cluster events, read as the person (%s)",
  (kind) => {
    const database = useTestDatabase(kind);
    let issuer: OidcTestIssuer;
    let bed: TArgoTestBed;
    let environmentId: string;
    let quotaName: string;
    const namespace = `${kind}-orders-live`;
    const OTTO_ON_CLUSTER = "otto@elsewhere.example.com";
    const idTokens: string[] = [];
    const signIn = () => ({
      clusterId: bed.clusterId,
      kind: "oidc" as const,
      issuerUrl: issuer.url,
      clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
      usernameClaim: "email",
      usernamePrefix: "-",
      caData: issuer.caPem,
    });

    beforeAll(async () => {
      issuer = await startOidcTestIssuer({ refresh: () => null });
      bed = await startArgoTestBed(
        database(),
        "orders",
        { carl: "contributor", vera: "viewer", nick: "contributor", otto: "contributor" },
        sandboxOidcFlags(issuer),
      );
      const db = database().db;
      await db.insert(clusterUserSignIns).values(signIn());
      const env = await insertEnvironment(db, {
        spaceId: bed.spaceId,
        clusterId: bed.clusterId,
        name: "stage",
        namespace,
      });
      environmentId = env.id;
      // The environment's pass has applied its objects, the members' RoleBindings among them.
      const quota = await eventually(async () => {
        const rows = await db
          .select()
          .from(managedObjects)
          .where(eq(managedObjects.ownerKey, reconcileKey("environment", env.id)));
        const applied = rows.filter((row) => row.health !== "Missing" && row.uid);
        return applied.some((row) => row.kind === "RoleBinding")
          ? applied.find((row) => row.kind === "ResourceQuota")
          : undefined;
      }, "the environment's objects to be applied");
      quotaName = quota.name;
      // Carl and Vera connected; Otto connected an account the cluster binds to nothing; Nick never.
      const connect = async (member: string, username: string) => {
        const idToken = mintClusterToken(issuer, member, username, 3600);
        idTokens.push(idToken);
        await insertTestConnection(db, {
          userId: bed.members[member]!.id,
          clusterId: bed.clusterId,
          username,
          ...sealTokens({ idToken, accessToken: "access", refreshToken: "refresh" }),
        });
      };
      await connect("carl", bed.members.carl!.email);
      await connect("vera", bed.members.vera!.email);
      await connect("otto", OTTO_ON_CLUSTER);
    });
    afterAll(async () => {
      await bed?.stop();
      await issuer?.stop();
    });

    const quotaRef = () => ({
      space: "orders",
      environment: "stage",
      apiVersion: "v1",
      kind: "ResourceQuota",
      namespace,
      name: quotaName,
    });

    /** An Event as a controller would record it (written as the cluster's admin). */
    async function recordEvent(
      name: string,
      about: { kind: string; name: string; uid?: string },
      reason: string,
      at: Date,
    ) {
      await bed.objects.api.create({
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace },
        involvedObject: { apiVersion: "v1", namespace, ...about },
        reason,
        message: `${reason} happened`,
        type: "Normal",
        count: 1,
        source: { component: "test-controller" },
        firstTimestamp: at.toISOString(),
        lastTimestamp: at.toISOString(),
      } as never);
    }

    it("reads a managed object live with the member's own token, without managedFields, with its Events newest first", async () => {
      const live = await bed.objects.api.read({
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: quotaName, namespace },
      });
      const about = { kind: "ResourceQuota", name: quotaName, uid: live.metadata!.uid! };
      await recordEvent("quota-older", about, "Older", new Date(Date.now() - 120_000));
      await recordEvent("quota-newer", about, "Newer", new Date(Date.now() - 60_000));
      // About another object, and about an earlier object of the same name: neither is shown.
      await recordEvent(
        "other-object",
        { kind: "ConfigMap", name: quotaName },
        "Elsewhere",
        new Date(),
      );
      await recordEvent("earlier-quota", { ...about, uid: "gone-uid" }, "Predecessor", new Date());

      const answer = await bed.callers.vera!.environment.liveObject(quotaRef());
      expect(answer.object).toMatchObject({
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: quotaName, namespace, uid: live.metadata!.uid },
      });
      expect(answer.object.metadata).not.toHaveProperty("managedFields");
      expect(answer.events.map((e) => e.reason)).toEqual(["Newer", "Older"]);
      expect(answer.events[0]).toMatchObject({
        message: "Newer happened",
        object: { kind: "ResourceQuota", name: quotaName },
        source: "test-controller",
      });
      // Read as Vera: her connection was just used. Her token never comes back.
      const [connection] = await database()
        .db.select()
        .from(clusterConnections)
        .where(eq(clusterConnections.userId, bed.members.vera!.id));
      expect(connection!.lastUsedAt).not.toBeNull();
      for (const token of idTokens) expect(JSON.stringify(answer)).not.toContain(token);
    });

    it("shows the cluster's 403 in words when the member's account may not read the object", async () => {
      const error = await trpcError(bed.callers.otto!.environment.liveObject(quotaRef()));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe(
        `Your account \`${OTTO_ON_CLUSTER}\` on \`sandbox\` may not get resourcequotas \`${quotaName}\` in \`${namespace}\`.`,
      );
      const events = await trpcError(
        bed.callers.otto!.environment.clusterEvents({ space: "orders", environment: "stage" }),
      );
      expect(events.message).toBe(
        `Your account \`${OTTO_ON_CLUSTER}\` on \`sandbox\` may not list events in \`${namespace}\`.`,
      );
    });

    it("asks a member who never connected to connect first, naming the cluster for the page's link", async () => {
      const error = await trpcError(bed.callers.nick!.environment.liveObject(quotaRef()));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe(
        'Connect your account to cluster "sandbox" first to act on environment "stage": Slipway acts there as you.',
      );
      // What the browser gets: the cluster to connect to, for "Connect" (cluster-read-error.tsx).
      const shape = getErrorShape({
        config: appRouter._def._config,
        error,
        type: "query",
        path: "environment.liveObject",
        input: quotaRef(),
        ctx: undefined,
      });
      expect(shape.data.connectCluster).toBe("sandbox");
    });

    it("refuses an object the environment does not manage, even one on its cluster", async () => {
      const error = await trpcError(
        bed.callers.carl!.environment.liveObject({
          ...quotaRef(),
          kind: "Namespace",
          namespace: "",
          name: ARGO_CD_NAMESPACE,
        }),
      );
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe(
        `Namespace "${ARGO_CD_NAMESPACE}" is not an object environment "stage" manages.`,
      );
    });

    it("says so when a managed object is gone from the cluster", async () => {
      // Recorded as the environment's, but deleted behind Slipway's back (or not made yet).
      await database()
        .db.insert(managedObjects)
        .values({
          ownerKey: reconcileKey("environment", environmentId),
          clusterId: bed.clusterId,
          apiVersion: "v1",
          kind: "ConfigMap",
          namespace,
          name: "gone",
          health: "Applied",
        });
      const error = await trpcError(
        bed.callers.carl!.environment.liveObject({
          ...quotaRef(),
          kind: "ConfigMap",
          name: "gone",
        }),
      );
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe(
        'ConfigMap "gone" is not on the cluster now: it was deleted, or is not made yet.',
      );
    });

    it("redacts a managed Secret's values", async () => {
      const db = database().db;
      await bed.objects.api.create({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "db-password", namespace },
        data: { password: Buffer.from("hunter22").toString("base64") },
      } as never);
      // Recorded as the environment's, as a pass records what it applies.
      await db.insert(managedObjects).values({
        ownerKey: reconcileKey("environment", environmentId),
        clusterId: bed.clusterId,
        apiVersion: "v1",
        kind: "Secret",
        namespace,
        name: "db-password",
        health: "Applied",
      });
      const answer = await bed.callers.carl!.environment.liveObject({
        ...quotaRef(),
        kind: "Secret",
        name: "db-password",
      });
      expect(answer.object).toMatchObject({
        kind: "Secret",
        data: { password: redactedMarker(8) },
      });
      expect(JSON.stringify(answer)).not.toContain(Buffer.from("hunter22").toString("base64"));
    });

    it("pages the namespace's Events with the API's continue token", async () => {
      const total = CLUSTER_EVENTS_PAGE + 5;
      const { items: before } = await bed.objects.api.list("v1", "Event", namespace);
      for (let i = before.length; i < total; i++)
        await recordEvent(`paged-${i}`, { kind: "Pod", name: `pod-${i}` }, "Paged", new Date());
      const { items: all } = await bed.objects.api.list("v1", "Event", namespace);

      const carl = bed.callers.carl!.environment;
      const first = await carl.clusterEvents({ space: "orders", environment: "stage" });
      expect(first.items).toHaveLength(CLUSTER_EVENTS_PAGE);
      expect(first.continue).toEqual(expect.any(String));
      const second = await carl.clusterEvents({
        space: "orders",
        environment: "stage",
        continue: first.continue!,
      });
      expect(second.continue).toBeNull();
      const seen = [...first.items, ...second.items].map((e) => e.uid);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.sort()).toEqual(all.map((e) => e.metadata!.uid).sort());

      const stale = await trpcError(
        carl.clusterEvents({ space: "orders", environment: "stage", continue: "not-a-token" }),
      );
      expect(stale.code).toBe("BAD_REQUEST");
      expect(stale.message).toBe(
        "The events changed too much since the first page: load them again from the start.",
      );
    });

    it("reads with the service credentials on a cluster without user sign-in", async () => {
      const db = database().db;
      await db.delete(clusterUserSignIns).where(eq(clusterUserSignIns.clusterId, bed.clusterId));
      try {
        // Nick never connected, and Otto's account may do nothing: Slipway's role check is all.
        const answer = await bed.callers.nick!.environment.liveObject({
          ...quotaRef(),
          kind: "Namespace",
          namespace: "",
          name: namespace,
        });
        expect(answer.object).toMatchObject({ kind: "Namespace", metadata: { name: namespace } });
        const ottos = and(
          eq(clusterConnections.userId, bed.members.otto!.id),
          eq(clusterConnections.clusterId, bed.clusterId),
        );
        const lastUsed = async () =>
          (await db.select().from(clusterConnections).where(ottos))[0]!.lastUsedAt;
        const before = await lastUsed();
        const events = await bed.callers.otto!.environment.clusterEvents({
          space: "orders",
          environment: "stage",
        });
        expect(events.items.length).toBeGreaterThan(0);
        // His connection was not used for it.
        expect(await lastUsed()).toEqual(before);
      } finally {
        await db.insert(clusterUserSignIns).values(signIn());
      }
    });
  },
);
