import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { OIDC_FLAG_OPTIONS, oidcIssuerFromFlags } from "@/k8s-test-server/oidc-flags";
import { DEV_CLUSTER_OIDC_CLIENT_ID } from "@/server/dev/oidc/constants";
import { sandboxOidcFlags } from "./start-sandbox-server";

describe("sandboxOidcFlags", () => {
  it("makes the test server's CLI trust the development provider for its cluster client, users named by e-mail", async () => {
    const { values } = parseArgs({
      args: sandboxOidcFlags("http://localhost:3001"),
      options: OIDC_FLAG_OPTIONS,
    });
    expect(await oidcIssuerFromFlags(values)).toStrictEqual({
      issuerUrl: "http://localhost:3001",
      clientId: DEV_CLUSTER_OIDC_CLIENT_ID,
      usernameClaim: "email",
      usernamePrefix: "-",
      allowInsecureIssuer: true,
    });
  });
});
