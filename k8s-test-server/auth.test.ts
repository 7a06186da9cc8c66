// Token expiry, with an injected clock instead of waiting.
import { describe, expect, it } from "vitest";
import { Authenticator } from "./auth.js";
import { Store } from "./store.js";

function clock(start = Date.parse("2026-01-01T00:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (seconds: number) => (now += seconds * 1000) };
}

describe("issued tokens", () => {
  it("stop authenticating when they expire, and are forgotten", async () => {
    const c = clock();
    const auth = new Authenticator(new Store(), c.now);
    const token = auth.issue({ user: "short", expiresInSeconds: 60 });
    const forever = auth.issue({ user: "long" });
    expect((await auth.authenticateRequest(`Bearer ${token}`))?.name).toBe("short");
    c.advance(59);
    expect((await auth.authenticateRequest(`Bearer ${token}`))?.name).toBe("short");
    c.advance(1);
    expect(await auth.authenticateRequest(`Bearer ${token}`)).toBeUndefined();
    expect((await auth.authenticateRequest(`Bearer ${forever}`))?.name).toBe("long");
    expect(auth.size).toBe(2); // admin + the token without expiry
  });

  it("do not pile up: issuing after others expired prunes them", () => {
    const c = clock();
    const auth = new Authenticator(new Store(), c.now);
    for (let i = 0; i < 1000; i++) auth.issue({ user: `u${i}`, expiresInSeconds: 10 });
    expect(auth.size).toBe(1001);
    c.advance(10);
    auth.issue({ user: "later", expiresInSeconds: 10 });
    expect(auth.size).toBe(2);
  });

  it("service-account tokens expire the same way", () => {
    const c = clock();
    const auth = new Authenticator(new Store(), c.now);
    auth.issueForServiceAccount("ns", "bot", "uid-1", ["api"], 600);
    expect(auth.size).toBe(2);
    c.advance(600);
    auth.issue({ user: "next" });
    expect(auth.size).toBe(2);
  });
});
