// Cluster credentials never reach the browser: register clusters whose token, client key,
// certificate and CA are known strings, then call every query of appRouter (the list is read from
// the router, so a new query is covered as soon as it exists) as an admin and as a developer, plus
// the cluster mutations' answers, and look for those strings, their base64 and their PEM bodies.
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeTestServer, type KubeTestServer } from "@/k8s-test-server/index";
import { DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { appRouter } from "@/server/api/root";
import { callerFor, createTestUser, procedureAt, type TTestUser } from "@/testing/callers";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";

const TOKEN = "tok-SECRET-7f3a9c1e5b2d";
const CERT_BODY = "MIIBCERTIFICATEBODYSECRET0123456789abcdef";
const KEY_BODY = "MIIEPRIVATEKEYBODYSECRET0123456789abcdef";
const pem = (kind: string, body: string) =>
  `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
const b64 = (text: string) => Buffer.from(text).toString("base64");

const CERT_KUBECONFIG = `apiVersion: v1
kind: Config
current-context: c
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", certificate-authority-data: ${b64(pem("CERTIFICATE", CERT_BODY))}}}]
users: [{name: u, user: {client-certificate-data: ${b64(pem("CERTIFICATE", CERT_BODY))}, client-key-data: ${b64(pem("EC PRIVATE KEY", KEY_BODY))}}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
`;

/** Inputs for queries that need some; every other query is called without input. */
const QUERY_INPUTS: Record<string, (f: { space: string; cluster: string }) => unknown> = {
  "space.list": () => ({}),
  "space.get": (f) => ({ space: f.space }),
  "member.list": (f) => ({ space: f.space }),
  "activity.list": (f) => ({ space: f.space }),
  "invitation.list": (f) => ({ space: f.space }),
  "invitation.mine": () => ({}),
  "admin.activity": () => ({}),
  "admin.searchUsers": () => ({ query: "a" }),
  "cluster.list": () => ({}),
  "cluster.get": (f) => ({ name: f.cluster }),
  "environment.list": (f) => ({ space: f.space }),
  "environment.graph": (f) => ({ space: f.space }),
  "environment.placements": (f) => ({ space: f.space }),
  "environment.get": (f) => ({ space: f.space, environment: "dev" }),
};

const QUERIES = Object.entries(appRouter._def.procedures)
  .filter(([, p]) => (p as unknown as { _def: { type: string } })._def.type === "query")
  .map(([path]) => path);

describe.each(testDatabaseKinds())("cluster credentials never leave the server (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let admin: TTestUser;
  let developer: TTestUser;
  const secrets: string[] = [];
  const answers: unknown[] = [];

  beforeAll(async () => {
    server = await startKubeTestServer();
    const db = database().db;
    admin = await createTestUser(db, "secret-admin", { isAdmin: true });
    developer = await createTestUser(db, "secret-dev");
    const api = callerFor(db, admin);
    await api.space.create({ name: "secret-space", displayName: "S" });
    await callerFor(db, developer).space.create({ name: "dev-space", displayName: "D" });
    answers.push(
      await api.cluster.inspectKubeconfig({ kubeconfig: server.kubeconfigYaml }),
      await api.cluster.inspectKubeconfig({ kubeconfig: CERT_KUBECONFIG }),
      await api.cluster.register({
        name: "live",
        credentials: { source: "kubeconfig", kubeconfig: server.kubeconfigYaml },
      }),
      await api.cluster.register({
        name: "cert",
        credentials: { source: "kubeconfig", kubeconfig: CERT_KUBECONFIG },
      }),
      await api.cluster.register({
        name: "token",
        apiUrl: "https://127.0.0.1:1",
        credentials: { source: "token", token: TOKEN, caData: pem("CERTIFICATE", CERT_BODY) },
      }),
      await api.cluster.rotateCredentials({
        name: "token",
        credentials: { source: "token", token: `${TOKEN}-2` },
      }),
      await api.cluster.update({ name: "cert", apiUrl: "https://127.0.0.1:1", displayName: "C" }),
      await api.cluster.check({ name: "live" }),
    );
    // An environment on the live cluster in each space, so the environment queries answer.
    const live = await api.cluster.get({ name: "live" });
    for (const [user, space] of [
      [admin, "secret-space"],
      [developer, "dev-space"],
    ] as const) {
      await callerFor(db, user).environment.create({
        space,
        name: "dev",
        displayName: "Dev",
        type: "dev",
        clusterId: live.id,
        quota: DEFAULT_QUOTA.dev,
      });
    }
    const adminToken = server.adminToken;
    for (const secret of [
      TOKEN,
      CERT_BODY,
      KEY_BODY,
      adminToken,
      server.caPem.split("\n")[1] ?? "",
    ])
      secrets.push(secret, b64(secret));
    secrets.push(
      b64(pem("CERTIFICATE", CERT_BODY)),
      b64(pem("EC PRIVATE KEY", KEY_BODY)),
      b64(server.caPem),
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(["admin", "developer"] as const)(
    "answers no query with credential material (%s)",
    async (who) => {
      const db = database().db;
      const caller = callerFor(db, who === "admin" ? admin : developer);
      const fixture = { space: who === "admin" ? "secret-space" : "dev-space", cluster: "live" };
      const seen: unknown[] = [...answers];
      const refused: string[] = [];
      for (const path of QUERIES) {
        const inputs =
          path === "cluster.get"
            ? ["live", "cert", "token"].map((cluster) => ({ name: cluster }))
            : [QUERY_INPUTS[path]?.(fixture)];
        for (const input of inputs) {
          try {
            seen.push(await procedureAt(caller, path)(input));
          } catch (error) {
            // A developer is refused admin queries: the refusal is scanned too.
            if (!(error instanceof TRPCError)) throw error;
            refused.push(`${path}: ${error.code}`);
            seen.push(error.message);
          }
        }
      }
      // Every query really ran (a missing input would hide it); a developer is refused admin ones only.
      const adminOnly = QUERIES.filter(
        (p) => p.startsWith("admin.") || p === "cluster.list" || p === "cluster.get",
      );
      const expectedRefusals =
        who === "admin"
          ? []
          : adminOnly
              .flatMap((p) => (p === "cluster.get" ? [p, p, p] : [p]))
              .map((p) => `${p}: FORBIDDEN`);
      expect(refused, "add the query's input to QUERY_INPUTS").toEqual(expectedRefusals);
      const text = JSON.stringify(superjson.serialize(seen));
      expect(text).toContain("live");
      for (const secret of secrets)
        expect(text, "credential material in a response").not.toContain(secret);
    },
  );
});
