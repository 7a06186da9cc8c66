// Exits 0 when the Postgres server at the given URL accepts a connection within 3 seconds.
import pg from "pg";

const client = new pg.Client({ connectionString: process.argv[2], connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query("select 1");
  await client.end();
  console.log(`Postgres reachable at ${new URL(process.argv[2]).host}`);
} catch (error) {
  console.log(`Postgres not reachable (${error.message}); tests use PGlite only`);
  process.exit(1);
}
