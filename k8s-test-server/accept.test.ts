// Which Accept headers the JSON-only server can answer.
import { describe, expect, it } from "vitest";
import { acceptsJson } from "./accept.js";

describe("acceptsJson", () => {
  it("accepts what kubectl and client-node send", () => {
    expect(acceptsJson("")).toBe(true);
    expect(acceptsJson("application/json")).toBe(true);
    expect(acceptsJson("application/vnd.kubernetes.protobuf,application/json")).toBe(true);
    expect(acceptsJson("application/json;as=Table;v=v1;g=meta.k8s.io,application/json")).toBe(true);
    expect(acceptsJson("application/json, */*")).toBe(true);
  });

  it("refuses protobuf-only clients (406)", () => {
    expect(acceptsJson("application/vnd.kubernetes.protobuf")).toBe(false);
    expect(acceptsJson("application/com.github.proto-openapi.spec.v2@v1.0+protobuf")).toBe(false);
  });
});
