import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { asPerson, clusterForbidden, isClusterForbidden } from "./cluster-forbidden";

const who = { username: "vera@example.com", clusterName: "prod" };
const asked = { verb: "update", resource: "things", name: "asked", namespace: "asked-ns" };

const refusal = (body: unknown, code = 403) =>
  new ApiException<unknown>(code, `HTTP-Code: ${code}`, body, {});

describe("clusterForbidden (a cluster's 403 in words)", () => {
  it("names the account, the cluster, and what the API server says was refused", () => {
    const body = JSON.stringify({
      kind: "Status",
      status: "Failure",
      reason: "Forbidden",
      code: 403,
      message:
        'applications.argoproj.io "shop-web-stage" is forbidden: User "vera@example.com" cannot patch resource "applications" in API group "argoproj.io" in the namespace "argocd"',
      details: { name: "shop-web-stage", group: "argoproj.io", kind: "applications" },
    });
    const error = clusterForbidden(refusal(body), who, asked);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe(
      "Your account `vera@example.com` on `prod` may not patch applications `shop-web-stage` in `argocd`.",
    );
  });

  it("falls back to the request the caller made when the Status body says little", () => {
    expect(clusterForbidden(refusal("forbidden"), who, asked).message).toBe(
      "Your account `vera@example.com` on `prod` may not update things `asked` in `asked-ns`.",
    );
  });

  it("only takes 403s for refusals, and asPerson lets other errors through unchanged", async () => {
    expect(isClusterForbidden(refusal("{}"))).toBe(true);
    expect(isClusterForbidden(refusal("{}", 401))).toBe(false);
    expect(isClusterForbidden(new Error("boom"))).toBe(false);
    const conflict = refusal("{}", 409);
    await expect(asPerson(who, asked, () => Promise.reject(conflict))).rejects.toBe(conflict);
    await expect(asPerson(who, asked, () => Promise.reject(refusal("{}")))).rejects.toThrow(
      "Your account `vera@example.com` on `prod` may not update things `asked` in `asked-ns`.",
    );
    await expect(asPerson(who, asked, () => Promise.resolve(7))).resolves.toBe(7);
  });
});
