import { describe, expect, it } from "vitest";
import { validateForm } from "../validate-form";
import { ZCreateBindingSchema } from "./binding";

const ref = { space: "team", application: "shop", environment: "dev", snapshot: "s1" };

describe("ZCreateBindingSchema", () => {
  it("fills in an empty configuration", () => {
    expect(validateForm(ZCreateBindingSchema, { ...ref, components: [{ name: "web" }] })).toEqual({
      ok: true,
      data: {
        ...ref,
        components: [
          {
            name: "web",
            configuration: {
              replicas: null,
              env: [],
              resources: { requests: { cpu: "", memory: "" }, limits: { cpu: "", memory: "" } },
            },
          },
        ],
      },
    });
    expect(validateForm(ZCreateBindingSchema, ref)).toMatchObject({
      ok: true,
      data: { components: [] },
    });
  });

  it("checks replicas, variables and resources, with requests within limits", () => {
    const result = validateForm(ZCreateBindingSchema, {
      ...ref,
      components: [
        {
          name: "web",
          configuration: {
            replicas: 1.5,
            env: [
              { name: "A", value: "1" },
              { name: "A", value: "2" },
            ],
            resources: {
              requests: { cpu: "-1", memory: "2Gi" },
              limits: { cpu: "2", memory: "1Gi" },
            },
          },
        },
      ],
    });
    expect(result).toEqual({
      ok: false,
      fields: {
        "components.0.configuration.replicas": ["Replicas must be a whole number."],
        "components.0.configuration.env.1.name": ["A is already set above."],
        "components.0.configuration.resources.requests.cpu": [
          "CPU must be a Kubernetes quantity, like 500m, 2, 512Mi or 4Gi.",
        ],
        "components.0.configuration.resources.requests.memory": [
          "The memory request must not exceed its limit (1Gi).",
        ],
      },
    });
    expect(
      validateForm(ZCreateBindingSchema, {
        ...ref,
        components: [{ name: "web", configuration: { replicas: 1001 } }],
      }),
    ).toEqual({
      ok: false,
      fields: { "components.0.configuration.replicas": ["At most 1000 replicas."] },
    });
  });
});
