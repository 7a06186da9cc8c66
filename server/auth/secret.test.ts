import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./secret";

describe("resolveAuthSecret", () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), "slipway-secret-")), "data");
  });

  afterEach(() => {
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it("uses AUTH_SECRET when set", () => {
    const secret = "s".repeat(40);
    expect(
      resolveAuthSecret({ AUTH_SECRET: secret, NODE_ENV: "production", SLIPWAY_DATA_DIR: dataDir }),
    ).toBe(secret);
  });

  it("outside production, generates one into the data directory once and reuses it", () => {
    const e = {
      AUTH_SECRET: undefined,
      NODE_ENV: "development",
      SLIPWAY_DATA_DIR: dataDir,
    } as const;
    const first = resolveAuthSecret(e);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim()).toBe(first);
    expect(resolveAuthSecret(e)).toBe(first);
  });

  it("refuses to generate one in production", () => {
    expect(() =>
      resolveAuthSecret({
        AUTH_SECRET: undefined,
        NODE_ENV: "production",
        SLIPWAY_DATA_DIR: dataDir,
      }),
    ).toThrow(/AUTH_SECRET/);
  });

  it("refuses a stored secret that is too short instead of silently replacing it", () => {
    const e = {
      AUTH_SECRET: undefined,
      NODE_ENV: "development",
      SLIPWAY_DATA_DIR: dataDir,
    } as const;
    resolveAuthSecret(e);
    writeFileSync(path.join(dataDir, "auth-secret"), "short\n");
    expect(() => resolveAuthSecret(e)).toThrow(/delete it/);
  });
});
