import { describe, expect, it } from "vitest";
import { validateForm } from "../validate-form";
import { ZCreateBindingSchema } from "./binding";

const ref = { space: "team", application: "shop", environment: "dev", snapshot: "s1" };

describe("ZCreateBindingSchema", () => {
  it("fills in an empty configuration that syncs automatically", () => {
    expect(validateForm(ZCreateBindingSchema, { ...ref, components: [{ name: "web" }] })).toEqual({
      ok: true,
      data: {
        ...ref,
        components: [
          {
            name: "web",
            syncMode: "automated",
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

  it("takes a manual sync mode and refuses an unknown one", () => {
    expect(
      validateForm(ZCreateBindingSchema, {
        ...ref,
        components: [{ name: "web", syncMode: "manual" }],
      }),
    ).toMatchObject({ ok: true, data: { components: [{ name: "web", syncMode: "manual" }] } });
    expect(
      validateForm(ZCreateBindingSchema, {
        ...ref,
        components: [{ name: "web", syncMode: "sometimes" }],
      }),
    ).toMatchObject({
      ok: false,
      fields: { "components.0.syncMode": ['Sync mode must be "automated" or "manual".'] },
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
