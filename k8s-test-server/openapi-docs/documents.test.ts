// The OpenAPI documents kubectl reads: shapes it depends on (explain, fieldValidation probing).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { typeFromCrd } from "../crd-types.js";
import { BUNDLED_CRDS_DIR } from "../index.js";
import { Registry } from "../registry.js";
import { ApiError } from "../status.js";
import { openApiDocument } from "./serve.js";

type Doc = Record<string, Record<string, Record<string, unknown>>>;

function registryWithApplications(): Registry {
  const registry = new Registry();
  const crd = parse(readFileSync(join(BUNDLED_CRDS_DIR, "application-crd.yaml"), "utf8")) as Record<
    string,
    unknown
  >;
  const t = typeFromCrd(crd);
  if (!t) throw new Error("Application CRD not parsed");
  registry.add(t);
  return registry;
}

const get = (path: string, accept = "application/json") =>
  openApiDocument(registryWithApplications(), path, accept) as Doc;

describe("/openapi/v3", () => {
  it("indexes every served group-version with a content-hashed URL", () => {
    const index = get("/openapi/v3");
    expect(Object.keys(index.paths ?? {})).toEqual(
      expect.arrayContaining(["api/v1", "apis/networking.k8s.io/v1", "apis/argoproj.io/v1alpha1"]),
    );
    expect(index.paths?.["api/v1"]?.serverRelativeURL).toMatch(
      /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/,
    );
  });

  it("PATCH operations name their kind and accept fieldValidation (kubectl's server-side validation probe)", () => {
    const doc = get("/openapi/v3/api/v1");
    const patch = doc.paths?.["/api/v1/namespaces/{namespace}/configmaps/{name}"]?.patch as {
      parameters: { name: string }[];
      "x-kubernetes-group-version-kind": unknown;
    };
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({
      group: "",
      version: "v1",
      kind: "ConfigMap",
    });
    expect(patch.parameters.map((p) => p.name)).toContain("fieldValidation");
    expect(doc.components?.schemas).toHaveProperty("io.k8s.api.core.v1.ConfigMap");
    expect(doc.components?.schemas).toHaveProperty(
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
    );
  });

  it("custom resources get their CRD schema under the reversed-group name with a GVK", () => {
    const schema = get("/openapi/v3/apis/argoproj.io/v1alpha1").components?.schemas?.[
      "io.argoproj.v1alpha1.Application"
    ] as { properties: Record<string, unknown>; "x-kubernetes-group-version-kind": unknown };
    expect(schema["x-kubernetes-group-version-kind"]).toEqual([
      { group: "argoproj.io", kind: "Application", version: "v1alpha1" },
    ]);
    expect(schema.properties).toHaveProperty("spec");
    expect(schema.properties.metadata).toMatchObject({
      $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
    });
  });

  it("an unknown group-version is not found", () => {
    expect(get("/openapi/v3/apis/apps/v1")).toBeUndefined();
  });
});

describe("/openapi/v2", () => {
  it("is Swagger 2.0 with #/definitions references", () => {
    const doc = get("/openapi/v2") as unknown as {
      swagger: string;
      definitions: Record<string, unknown>;
    };
    expect(doc.swagger).toBe("2.0");
    expect(JSON.stringify(doc)).not.toContain("#/components/schemas/");
    expect(doc.definitions).toHaveProperty("io.argoproj.v1alpha1.Application");
  });

  it("answers 406 to a client accepting only protobuf", () => {
    let err: unknown;
    try {
      get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(406);
  });
});
