// The app over HTTP: requests through the real tRPC, health and Auth.js route handlers (and the
// request-id proxy), signed in with a database session cookie exactly as a browser would be.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { spaces, users } from "@/db/schema";
import { MAX_TRPC_BATCH_SIZE } from "@/lib/trpc/batch-limit";
import { createTestUser } from "@/testing/callers";
import { APP_URL, loadApp, mintSession, stubAppEnv } from "@/testing/http-app";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

type TApp = Awaited<ReturnType<typeof loadApp>>;
type TTrpcError = { error: { json: { message: string; data: { code: string } } } };

// A GitHub OAuth app, so sign-in redirects can be built without any network.
stubAppEnv({ AUTH_GITHUB_ID: "test-client", AUTH_GITHUB_SECRET: "test-secret" });
afterAll(() => {
  vi.unstubAllEnvs();
});

function trpcUrl(procedures: string[], input?: Record<string, unknown>): string {
  const query = new URLSearchParams({ batch: "1" });
  if (input) query.set("input", JSON.stringify(input));
  return `${APP_URL}/api/trpc/${procedures.join(",")}?${query}`;
}

/** GET of queries without input, as httpBatchLink sends it. */
function query(procedures: string[], headers: Record<string, string> = {}): Request {
  return new Request(trpcUrl(procedures), { headers });
}

/** POST of mutations: inputs keyed by position, superjson-wrapped. */
function mutation(procedures: string[], inputs: unknown[], headers: Record<string, string> = {}) {
  const body = Object.fromEntries(inputs.map((input, index) => [index, { json: input }]));
  return new Request(trpcUrl(procedures), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe.each(testDatabaseKinds())("the app over HTTP (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let app: TApp;

  beforeAll(async () => {
    app = await loadApp(database());
  });

  async function signedInUser(name: string) {
    const user = await createTestUser(database().db, `${name}-${randomUUID().slice(0, 8)}`);
    return { user, cookie: await mintSession(database().db, user.id) };
  }

  describe("tRPC", () => {
    it("answers 401 to a signed-out caller", async () => {
      const response = await app.trpc.GET(query(["viewer.get"]));
      expect(response.status).toBe(401);
      const [result] = (await response.json()) as TTrpcError[];
      expect(result!.error.json.message).toBe("Sign in to continue.");
      expect(result!.error.json.data.code).toBe("UNAUTHORIZED");
    });

    it("answers 401 to a cookie that names no session", async () => {
      const response = await app.trpc.GET(
        query(["viewer.get"], { cookie: "authjs.session-token=forged" }),
      );
      expect(response.status).toBe(401);
    });

    it("serves the signed-in user, reading their admin flag from the database at every request", async () => {
      const { user, cookie } = await signedInUser("flip");
      const viewer = async () => {
        const response = await app.trpc.GET(query(["viewer.get"], { cookie }));
        expect(response.status).toBe(200);
        const [result] = (await response.json()) as { result: { data: { json: unknown } } }[];
        return result!.result.data.json as { id: string; isAdmin: boolean };
      };
      expect(await viewer()).toMatchObject({ id: user.id, isAdmin: false });
      await database().db.update(users).set({ isAdmin: true }).where(eq(users.id, user.id));
      expect((await viewer()).isAdmin).toBe(true);
      await database().db.update(users).set({ isAdmin: false }).where(eq(users.id, user.id));
      expect((await viewer()).isAdmin).toBe(false);
    });

    it("turns a server fault into a reference, with no SQL or driver text", async () => {
      const { cookie } = await signedInUser("fault");
      const requestId = randomUUID();
      const db = database().db;
      // A real fault from the driver: the table the procedure writes is gone.
      await db.execute(`alter table "space" rename to "space_hidden"`);
      let response: Response;
      try {
        response = await app.trpc.POST(
          mutation(["space.create"], [{ name: "fault-space", displayName: "Fault" }], {
            cookie,
            "x-request-id": requestId,
          }),
        );
      } finally {
        await db.execute(`alter table "space_hidden" rename to "space"`);
      }
      expect(response.status).toBe(500);
      const text = await response.text();
      const [result] = JSON.parse(text) as TTrpcError[];
      expect(result!.error.json.message).toBe(
        `Something went wrong on the server. Reference: ${requestId}.`,
      );
      expect(text).not.toMatch(/relation|does not exist|insert|select|"space"|stack/i);
    });

    it(`refuses a batch of more than ${MAX_TRPC_BATCH_SIZE} calls before running any`, async () => {
      const { cookie } = await signedInUser("batch");
      const count = MAX_TRPC_BATCH_SIZE + 1;
      const names = Array.from(
        { length: count },
        (_, i) => `batch-${randomUUID().slice(0, 8)}-${i}`,
      );
      const response = await app.trpc.POST(
        mutation(
          names.map(() => "space.create"),
          names.map((name) => ({ name, displayName: name })),
          { cookie },
        ),
      );
      expect(response.status).toBe(400);
      const results = (await response.json()) as TTrpcError[];
      expect(results).toHaveLength(count);
      expect(results[0]!.error.json.message).toBe(
        `Too many calls in one request: ${count}, at most ${MAX_TRPC_BATCH_SIZE} are allowed. Send them in smaller batches.`,
      );
      const created = await database().db.select().from(spaces);
      expect(created.filter((space) => names.includes(space.name))).toEqual([]);
    });

    it(`runs a batch of exactly ${MAX_TRPC_BATCH_SIZE} calls`, async () => {
      const { cookie } = await signedInUser("batchok");
      const response = await app.trpc.GET(
        query(Array<string>(MAX_TRPC_BATCH_SIZE).fill("viewer.get"), { cookie }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveLength(MAX_TRPC_BATCH_SIZE);
    });
  });

  describe("request ids", () => {
    it("replaces a client's x-request-id when no trusted proxy is configured", () => {
      const response = app.proxy(
        new NextRequest(`${APP_URL}/spaces`, { headers: { "x-request-id": "chosen-by-client" } }),
      );
      const assigned = response.headers.get("x-request-id");
      expect(assigned).toMatch(/^[0-9a-f-]{36}$/);
      // What the route handlers then see as the request's id.
      expect(response.headers.get("x-middleware-request-x-request-id")).toBe(assigned);
    });
  });

  describe("/api/health", () => {
    it("answers 200 with the database's state", async () => {
      const response = await app.health.GET(new Request(`${APP_URL}/api/health`));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: "ok",
        database: { status: "ok", kind },
      });
    });

    it("answers 503 with only a reference when the database is down", async () => {
      // Postgres at a port nothing listens on: refused at once, with the address in the error.
      const down: DatabaseHandle = openDatabase({ url: "postgres://slipway:pw@127.0.0.1:9/gone" });
      app.setDatabaseForTests(down);
      const requestId = randomUUID();
      try {
        const response = await app.health.GET(
          new Request(`${APP_URL}/api/health`, { headers: { "x-request-id": requestId } }),
        );
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ status: "unavailable", reference: requestId });
      } finally {
        app.setDatabaseForTests(database());
        await down.close();
      }
    });
  });

  describe("Auth.js", () => {
    it("builds sign-in redirects from SLIPWAY_URL, whatever Host the request claims", async () => {
      const forged = { host: "evil.example", "x-forwarded-host": "evil.example" };
      const csrf = await app.auth.GET(
        new NextRequest("http://evil.example/api/auth/csrf", { headers: forged }),
      );
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = csrf.headers
        .getSetCookie()
        .map((line) => line.split(";")[0])
        .join("; ");
      const signIn = await app.auth.POST(
        new NextRequest("http://evil.example/api/auth/signin/github", {
          method: "POST",
          headers: { ...forged, cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrfToken, callbackUrl: "/" }),
        }),
      );
      expect(signIn.status).toBe(302);
      const location = new URL(signIn.headers.get("location")!);
      expect(location.origin).toBe("https://github.com");
      expect(location.searchParams.get("redirect_uri")).toBe(`${APP_URL}/api/auth/callback/github`);
      expect(location.searchParams.get("scope")).toBe("read:user user:email read:org");
    });
  });
});
