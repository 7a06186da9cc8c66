import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { devOidcRedirectUris } from "./constants";

describe("devOidcRedirectUris", () => {
  // `PORT=3077 npm run dev`: the provider must accept the callback on the port Slipway runs on,
  // or sign-in ends in invalid_redirect_uri.
  it("follows the port Slipway runs on when SLIPWAY_URL is not set", () => {
    const env = parseEnv({ NODE_ENV: "development", PORT: "3077" });
    expect(devOidcRedirectUris(env.SLIPWAY_URL)).toEqual([
      "http://localhost:3077/api/auth/callback/dev",
    ]);
  });

  it("follows SLIPWAY_URL when it is set, whatever the port", () => {
    const env = parseEnv({
      NODE_ENV: "development",
      PORT: "3077",
      SLIPWAY_URL: "https://portal.example.com/",
    });
    expect(devOidcRedirectUris(env.SLIPWAY_URL, ["dev", "oidc"])).toEqual([
      "https://portal.example.com/api/auth/callback/dev",
      "https://portal.example.com/api/auth/callback/oidc",
    ]);
  });
});
