// `create <url>` prints the URL of a new throwaway database on the same server; `drop <url>` drops it.
import { randomBytes } from "node:crypto";
import pg from "pg";

const [command, url] = process.argv.slice(2);
const target = new URL(url);
const admin = new URL(url);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
try {
  if (command === "create") {
    const name = `slipway_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    await client.query(`create database "${name}"`);
    target.pathname = `/${name}`;
    console.log(target.toString());
  } else if (command === "drop") {
    const name = target.pathname.slice(1);
    if (!name.startsWith("slipway_e2e_"))
      throw new Error(`refusing to drop ${name}: not an e2e database`);
    await client.query(`drop database if exists "${name}" with (force)`);
  } else {
    throw new Error("usage: e2e-database.mjs create|drop <postgres-url>");
  }
} finally {
  await client.end();
}
