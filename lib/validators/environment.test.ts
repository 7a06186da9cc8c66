import { describe, expect, it } from "vitest";
import { DEFAULT_QUOTA } from "../environment-defaults";
import { quotaOverCeilings } from "../quota-ceilings";
import { validateForm } from "../validate-form";
import { expiryProblem, ZCreateEnvironmentSchema } from "./environment";

const valid = {
  space: "team",
  name: "dev",
  displayName: "Dev",
  type: "dev",
  clusterId: "00000000-0000-4000-8000-000000000001",
  quota: DEFAULT_QUOTA.dev,
};

describe("ZCreateEnvironmentSchema", () => {
  it("fills in defaults", () => {
    const result = validateForm(ZCreateEnvironmentSchema, valid);
    expect(result).toMatchObject({
      ok: true,
      data: {
        namespace: "",
        parentId: null,
        claimId: null,
        variables: [],
        tags: [],
        deploymentStrategy: "Manual",
      },
    });
  });

  it("refuses duplicate tags and a bad environment name", () => {
    const result = validateForm(ZCreateEnvironmentSchema, {
      ...valid,
      name: "-dev",
      tags: ["a", "a"],
    });
    expect(result).toEqual({
      ok: false,
      fields: {
        name: ["Name must start with a letter or digit."],
        tags: ["Each tag only once."],
      },
    });
  });
});

describe("expiryProblem", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  it("takes the next 30 days only", () => {
    expect(expiryProblem(new Date("2030-01-01T01:00:00Z"), now)).toBeNull();
    expect(expiryProblem(now, now)).toBe("The expiry time must be in the future.");
    expect(expiryProblem(new Date("2030-02-01T00:00:00Z"), now)).toBe(
      "The expiry time must be within 30 days.",
    );
  });
});

describe("quotaOverCeilings", () => {
  it("names each value above its ceiling, comparing across units", () => {
    const quota = { ...DEFAULT_QUOTA.run, requestsMemory: "1025Mi", limitsCpu: "500m" };
    expect(
      quotaOverCeilings(quota, { "requests.memory": "1Gi", "limits.cpu": "1", pods: "50" }),
    ).toEqual({
      "quota.requestsMemory": ["At most 1Gi on this cluster."],
    });
  });
});
