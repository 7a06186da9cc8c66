// Secrets development generates once into the data directory and reuses (AUTH_SECRET, the
// encryption key): every Next process must agree on them, and they must survive restarts.
import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

function readUsable(file: string, usable: (value: string) => boolean): string | undefined {
  try {
    const value = readFileSync(file, "utf8").trim();
    return usable(value) ? value : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Reads `<dataDir>/<name>`, creating it (mode 0600) with `generate()` when absent. */
export function readOrCreateDataDirSecret(
  dataDir: string,
  name: string,
  generate: () => string,
  usable: (value: string) => boolean,
): string {
  const dir = path.resolve(/* turbopackIgnore: true */ dataDir);
  const file = path.join(dir, name);
  const existing = readUsable(file, usable);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true });
  // Publish atomically: several Next processes may get here at once; the first link wins.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temp, `${generate()}\n`, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
  const created = readUsable(file, usable);
  if (!created)
    throw new Error(`${file} does not hold a usable value; delete it to generate a new one`);
  return created;
}
