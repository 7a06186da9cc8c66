// Integration tests run against PGlite always, and against real Postgres when DATABASE_URL is set.
// This creates one migrated template database for the run; each test file clones it, so files are
// isolated and never touch the database DATABASE_URL names. Everything is dropped at the end.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: { url: string; template: string; prefix: string } | null;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log("[integration] DATABASE_URL not set: running against PGlite only");
    console.log(
      "[integration] race tests ran on PGlite only (serialised, not a concurrency proof); set DATABASE_URL to run them on Postgres",
    );
    project.provide("postgresTemplate", null);
    return;
  }
  const prefix = `slipway_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  const handle = openDatabase({ url: withDatabase(url, template) });
  await handle.migrate();
  await handle.close();
  console.log(`[integration] Postgres: throwaway databases ${prefix}_* on ${new URL(url).host}`);
  project.provide("postgresTemplate", { url, template, prefix });

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like $1",
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}
