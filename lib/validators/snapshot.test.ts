import { describe, expect, it } from "vitest";
import { validateForm } from "../validate-form";
import { artifactsProblem, ZCreateSnapshotSchema, ZUpdateSnapshotSchema } from "./snapshot";

const base = {
  space: "team",
  application: "shop",
  name: "rc-1",
  displayName: "RC 1",
  components: [{ name: "web", containerImage: "quay.io/team/web:1" }],
};

describe("artifacts", () => {
  it("accepts a JSON object of any JSON values", () => {
    expect(
      artifactsProblem({ build: { id: 7, ok: true, tags: ["a", null], notes: "line\nline\tx" } }),
    ).toBeNull();
    expect(validateForm(ZCreateSnapshotSchema, base)).toMatchObject({
      ok: true,
      data: { artifacts: {}, description: "" },
    });
  });

  it.each([
    [[], 'Artifacts must be a JSON object, like {"build": "1234"}.'],
    ["text", 'Artifacts must be a JSON object, like {"build": "1234"}.'],
    [null, 'Artifacts must be a JSON object, like {"build": "1234"}.'],
    [{ a: "\u0000" }, "Artifacts must not contain control characters."],
    [{ "k\u001b": 1 }, "Artifacts must not contain control characters."],
    [{ a: [{ b: "\u007f" }] }, "Artifacts must not contain control characters."],
    [{ n: Number.NaN }, "Artifacts hold only finite numbers."],
    [
      { d: new Date() },
      "Artifacts hold only JSON: objects, arrays, strings, numbers, true, false and null.",
    ],
    [
      { u: undefined },
      "Artifacts hold only JSON: objects, arrays, strings, numbers, true, false and null.",
    ],
    [{ big: "x".repeat(70_000) }, "Artifacts are at most 64 KiB of JSON."],
  ])("refuses %j", (value, message) => {
    expect(artifactsProblem(value)).toBe(message);
    expect(validateForm(ZCreateSnapshotSchema, { ...base, artifacts: value })).toEqual({
      ok: false,
      fields: { artifacts: [message] },
    });
  });

  it("refuses nesting deeper than 10 levels", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 11; i += 1) deep = { d: deep };
    expect(artifactsProblem(deep)).toBe("Artifacts nest at most 10 levels deep.");
  });
});

describe("ZUpdateSnapshotSchema", () => {
  it("takes a new display name and description, and refuses components and artifacts", () => {
    const ref = { space: "team", application: "shop", snapshot: "rc-1", displayName: "Good" };
    expect(validateForm(ZUpdateSnapshotSchema, ref)).toMatchObject({ ok: true });
    const message =
      "A snapshot's components, images and artifacts never change: create a new snapshot instead.";
    expect(validateForm(ZUpdateSnapshotSchema, { ...ref, components: [], artifacts: {} })).toEqual({
      ok: false,
      fields: { components: [message], artifacts: [message] },
    });
  });
});
