import { describe, expect, it } from "vitest";
import { requestIdFor } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("requestIdFor", () => {
  it("keeps a sane id from a trusted proxy", () => {
    expect(requestIdFor("lb-01:req.42_x-y", true)).toBe("lb-01:req.42_x-y");
    expect(requestIdFor("a".repeat(128), true)).toBe("a".repeat(128));
  });

  it("replaces a client's id when no proxy is trusted", () => {
    expect(requestIdFor("chosen-by-client", false)).toMatch(UUID);
  });

  it("replaces an id that is too long or could forge a log line, even from a trusted proxy", () => {
    for (const incoming of ["a".repeat(129), "id\nforged line", "id with spaces", "<script>", ""]) {
      expect(requestIdFor(incoming, true)).toMatch(UUID);
    }
    expect(requestIdFor(null, true)).toMatch(UUID);
  });

  it("assigns a different id to each request", () => {
    expect(requestIdFor(null, false)).not.toBe(requestIdFor(null, false));
  });
});
