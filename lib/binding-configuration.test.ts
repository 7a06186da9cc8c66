import { describe, expect, it } from "vitest";
import { errorsByFormRow, toComponentsInput, toConfigValues } from "./binding-configuration";
import { ZUpdateBindingSchema } from "./validators/binding";
import { fieldMessagesOf } from "./validators/field-messages";

const components = [
  { name: "api", displayName: "API" },
  { name: "web", displayName: "Web" },
  { name: "worker", displayName: "Worker" },
];

describe("binding configuration form values", () => {
  it("starts from the binding's settings and leaves unconfigured components at the defaults", () => {
    const values = toConfigValues(components, [
      {
        name: "web",
        syncMode: "manual",
        configuration: {
          replicas: 2,
          env: [{ name: "A", value: "1" }],
          resources: { requests: { cpu: "100m", memory: "" }, limits: { cpu: "", memory: "" } },
        },
      },
    ]);
    expect(values[0]).toMatchObject({ name: "api", syncMode: "automated", replicas: "", env: [] });
    expect(values[1]).toMatchObject({ name: "web", syncMode: "manual", replicas: "2" });
    expect(values[1]!.resources.requests.cpu).toBe("100m");
  });

  it("sends only changed components, so unchanged ones stay unconfigured", () => {
    const values = toConfigValues(components, []);
    values[2] = { ...values[2]!, replicas: "3", env: [{ name: "LOG", value: "debug" }] };
    const { components: sent, rows } = toComponentsInput(values);
    expect(rows).toEqual([2]);
    expect(sent).toEqual([
      {
        name: "worker",
        syncMode: "automated",
        configuration: {
          replicas: 3,
          env: [{ name: "LOG", value: "debug" }],
          resources: values[2].resources,
        },
      },
    ]);
  });

  it("maps the schema's messages back to the form row they belong to", () => {
    const values = toConfigValues(components, []);
    values[1] = { ...values[1]!, replicas: "two" };
    values[2] = {
      ...values[2]!,
      resources: { requests: { cpu: "lots", memory: "" }, limits: { cpu: "", memory: "" } },
    };
    const { components: sent, rows } = toComponentsInput(values);
    const result = ZUpdateBindingSchema.safeParse({
      space: "team",
      application: "shop",
      environment: "prod",
      snapshot: "s1",
      components: sent,
    });
    expect(result.success).toBe(false);
    const errors = errorsByFormRow(fieldMessagesOf(result.error!.issues), rows);
    expect(errors["components.1.configuration.replicas"]).toEqual([
      "Replicas must be a whole number.",
    ]);
    expect(errors["components.2.configuration.resources.requests.cpu"]?.[0]).toMatch(
      /CPU must be a Kubernetes quantity/,
    );
  });
});
