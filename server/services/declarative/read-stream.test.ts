import { describe, expect, it } from "vitest";
import { applicationDocument, componentDocument, yamlStream } from "@/testing/declarative";
import { fieldPath, MAX_YAML_BYTES, readStream } from "./read-stream";

const app = yamlStream([applicationDocument("shop"), componentDocument("shop", "web")]);

describe("readStream", () => {
  it("reads valid documents by kind and skips an empty trailing document", () => {
    const { stream, errors } = readStream(`${app}---\n`);
    expect(errors).toEqual([]);
    expect(stream.Application.map((e) => [e.index, e.doc.metadata.name])).toEqual([[0, "shop"]]);
    expect(stream.Component.map((e) => e.doc.spec.componentName)).toEqual(["web"]);
  });

  it("refuses YAML over the size limit before parsing it", () => {
    const { errors } = readStream(`# ${"x".repeat(MAX_YAML_BYTES)}\n${app}`);
    expect(errors).toEqual([
      expect.objectContaining({
        index: 0,
        message: expect.stringMatching(/larger than 1024 KiB/) as unknown,
      }),
    ]);
  });

  it("refuses an alias bomb instead of expanding it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const { errors } = readStream(`kind: Application\n${levels.join("\n")}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^Not valid YAML/);
  });

  it("treats unknown tags as invalid YAML rather than running or trusting them", () => {
    const { errors } = readStream("kind: !!js/function 'function () {}'\n");
    expect(errors[0]?.message).toMatch(/^Not valid YAML/);
  });

  it("refuses two documents that declare the same object", () => {
    const { errors } = readStream(
      `${app}---\n${yamlStream([applicationDocument("shop", "Again")])}`,
    );
    expect(errors).toEqual([
      {
        index: 2,
        kind: "Application",
        name: "shop",
        path: "metadata.name",
        message: "Document 0 already declares Application shop.",
      },
    ]);
  });
});

describe("fieldPath", () => {
  it("writes zod paths the way a YAML reader looks for them", () => {
    expect(fieldPath(["spec", "components", 1, "name"])).toBe("spec.components[1].name");
    expect(fieldPath(["metadata", "annotations", "slipway.dev/type"])).toBe(
      'metadata.annotations["slipway.dev/type"]',
    );
  });
});
