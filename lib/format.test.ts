import { describe, expect, it } from "vitest";
import { formatElapsed } from "./format";

describe("formatElapsed", () => {
  const from = new Date("2026-11-25T10:00:00Z");
  const after = (ms: number) => new Date(from.getTime() + ms);

  it("says the time in a stage in the largest unit that fits", () => {
    expect(formatElapsed(from, after(30_000))).toBe("under a minute");
    expect(formatElapsed(from, after(5 * 60_000))).toBe("5 min");
    expect(formatElapsed(from, after(3 * 3_600_000 + 59 * 60_000))).toBe("3 h");
    expect(formatElapsed(from, after(47 * 3_600_000))).toBe("47 h");
    expect(formatElapsed(from, after(72 * 3_600_000))).toBe("3 d");
  });

  it("reads a clock a little behind the database as under a minute", () => {
    expect(formatElapsed(from, after(-5_000))).toBe("under a minute");
  });
});
