import { describe, expect, it } from "vitest";
import { validateForm } from "../validate-form";
import { ZCreateApplicationSchema, ZSetPipelineMapSchema } from "./application";

const component = {
  name: "web",
  displayName: "Web",
  sourceUrl: "https://github.com/team/web.git",
  containerImage: "quay.io/team/web:1.0.0",
  gitopsSource: {
    repoUrl: "ssh://git@github.com/team/gitops.git",
    path: "components/web/overlays/dev",
    targetRevision: "main",
    type: "kustomize",
  },
};

describe("ZCreateApplicationSchema", () => {
  it("accepts an application with its components, trimming text", () => {
    const result = validateForm(ZCreateApplicationSchema, {
      space: "team",
      name: "shop",
      displayName: "  Shop ",
      components: [{ ...component, containerImage: " quay.io/team/web:1.0.0 " }],
    });
    expect(result).toMatchObject({
      ok: true,
      data: { displayName: "Shop", components: [{ containerImage: "quay.io/team/web:1.0.0" }] },
    });
  });

  it("puts each problem under its own field, per component", () => {
    const result = validateForm(ZCreateApplicationSchema, {
      space: "team",
      name: "new",
      displayName: "",
      components: [
        {
          ...component,
          name: "web_1",
          gitopsSource: {
            ...component.gitopsSource,
            path: "../up",
            type: "jsonnet",
            targetRevision: "",
          },
        },
      ],
    });
    expect(result).toEqual({
      ok: false,
      fields: {
        name: ["This name is reserved; choose another."],
        displayName: ["Display name is required."],
        "components.0.name": ["Use only lower-case letters, digits and hyphens."],
        "components.0.gitopsSource.path": ["The path must stay inside the repository (no ..)."],
        "components.0.gitopsSource.targetRevision": [
          "Enter a branch, tag or commit (HEAD for the default branch).",
        ],
        "components.0.gitopsSource.type": ["Choose kustomize, helm or directory."],
      },
    });
  });

  it("refuses more than 100 components", () => {
    const components = Array.from({ length: 101 }, (_, i) => ({ ...component, name: `c${i}` }));
    const result = validateForm(ZCreateApplicationSchema, {
      space: "team",
      name: "big",
      displayName: "Big",
      components,
    });
    expect(result).toEqual({
      ok: false,
      fields: { components: ["An application has at most 100 components."] },
    });
  });
});

describe("ZSetPipelineMapSchema", () => {
  it("takes stage names as DNS labels, each stage and environment once", () => {
    expect(
      validateForm(ZSetPipelineMapSchema, {
        space: "team",
        application: "shop",
        stages: [
          { name: "test_1", environment: "qa" },
          { name: "stage", environment: "qa" },
        ],
      }),
    ).toEqual({
      ok: false,
      fields: {
        "stages.0.name": ["Use only lower-case letters, digits and hyphens."],
        "stages.1.environment": ['Environment "qa" is already the target of another stage.'],
      },
    });
    expect(
      validateForm(ZSetPipelineMapSchema, { space: "team", application: "shop", stages: [] }),
    ).toMatchObject({ ok: true });
  });
});
