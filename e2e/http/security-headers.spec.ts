// Headers of the production build as a browser receives them.
import { expect, test } from "@playwright/test";

const EXPECTED = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

test.describe("HTTP headers", () => {
  for (const path of ["/sign-in", "/api/health", "/api/trpc/viewer.get?batch=1"]) {
    test(`${path} carries the security headers`, async ({ request }) => {
      const response = await request.get(path);
      const headers = response.headers();
      expect(headers).toMatchObject(EXPECTED);
      const csp = headers["content-security-policy"] ?? "";
      for (const directive of [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toContain("unsafe-eval");
    });
  }

  test("a client's x-request-id is replaced (no trusted proxy configured)", async ({ request }) => {
    const response = await request.get("/api/health", {
      headers: { "x-request-id": "chosen-by-client" },
    });
    expect(response.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
