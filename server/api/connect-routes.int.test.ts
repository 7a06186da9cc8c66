// The connect flow's route handlers over HTTP, signed in with a session cookie as a browser is:
// "Connect" redirects to the cluster's identity provider, its answer comes back to the callback,
// which stores the connection and returns to the page the person came from.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clusterConnections, spaces } from "@/db/schema";
import { CLUSTER_CONNECT_CALLBACK_PATH, connectHref } from "@/lib/cluster-connect";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import {
  logInAtProvider,
  registerConnectableCluster,
  startConnectTestBed,
  type TConnectTestBed,
} from "@/testing/connect-test-bed";
import { insertTestEnvironment } from "@/testing/environments";
import { APP_URL, loadApp, mintSession, stubAppEnv } from "@/testing/http-app";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

type TRouteModule = { GET(request: Request): Promise<Response> };

// Route modules read the environment when first imported: set it first, import them per database.
stubAppEnv();
afterAll(() => {
  vi.unstubAllEnvs();
});

describe.each(testDatabaseKinds())("connect routes over HTTP (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let bed: TConnectTestBed;
  let routes: { start: TRouteModule; callback: TRouteModule };
  let carol: TTestUser;
  let cookie: string;
  const RETURN_TO = "/spaces/ops/environments/dev";

  beforeAll(async () => {
    await loadApp(database());
    routes = {
      start: await import("@/app/api/connections/start/route"),
      callback: await import("@/app/api/connections/callback/route"),
    };
    bed = await startConnectTestBed(APP_URL);
    const db = database().db;
    const admin = await createTestUser(db, "http-admin", { isAdmin: true });
    carol = await createTestUser(db, "carol");
    cookie = await mintSession(db, carol.id);
    const cluster = await registerConnectableCluster(db, admin, bed, "sandbox");
    await callerFor(db, carol).space.create({ name: "ops", displayName: "Ops" });
    const [space] = await db.select().from(spaces).where(eq(spaces.name, "ops"));
    await insertTestEnvironment(db, { spaceId: space!.id, name: "dev", clusterId: cluster.id });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    new Request(new URL(url, APP_URL), { headers });

  it("sends a signed-out visitor to sign in first", async () => {
    const response = await routes.start.GET(get(connectHref("sandbox", RETURN_TO)));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(`${APP_URL}/sign-in?callbackUrl=`);
  });

  it("connects: start → the provider's login → callback → back where the person was", async () => {
    const start = await routes.start.GET(get(connectHref("sandbox", RETURN_TO), { cookie }));
    expect(start.status).toBe(303);
    const authorizationUrl = start.headers.get("location")!;
    expect(authorizationUrl.startsWith(`${bed.provider.issuer}/auth?`)).toBe(true);
    const sent = new URL(authorizationUrl).searchParams;
    expect(sent.get("redirect_uri")).toBe(`${APP_URL}${CLUSTER_CONNECT_CALLBACK_PATH}`);
    expect(sent.get("code_challenge_method")).toBe("S256");
    expect(sent.get("scope")?.split(" ")).toEqual(
      expect.arrayContaining(["openid", "offline_access"]),
    );

    const callbackUrl = await logInAtProvider(
      authorizationUrl,
      "carol",
      `${APP_URL}${CLUSTER_CONNECT_CALLBACK_PATH}`,
    );
    const back = await routes.callback.GET(get(callbackUrl.toString(), { cookie }));
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(`${APP_URL}${RETURN_TO}?connected=sandbox`);
    const [row] = await database()
      .db.select()
      .from(clusterConnections)
      .where(eq(clusterConnections.userId, carol.id));
    expect(row).toMatchObject({ username: "carol@example.com", state: "connected" });

    // The same answer again (a replay) is refused with a page in plain words.
    const replay = await routes.callback.GET(get(callbackUrl.toString(), { cookie }));
    expect(replay.status).toBe(400);
    expect(replay.headers.get("content-type")).toContain("text/html");
    expect(await replay.text()).toContain(
      "does not match any connect you started, or was already used",
    );
  });

  it("answers a cluster the person cannot reach, or one without user sign-in, with a plain page", async () => {
    const unknown = await routes.start.GET(get(connectHref("nowhere", RETURN_TO), { cookie }));
    expect(unknown.status).toBe(400);
    const html = await unknown.text();
    expect(html).toContain("Cluster &quot;nowhere&quot; was not found.");
    expect(html).toContain(`href="${RETURN_TO}"`);
  });
});
