import { describe, expect, it } from "vitest";
import { applicationStages, graphOrder } from "./application-stages";

const env = (id: string, parentId: string | null = null) => ({
  id,
  name: id,
  displayName: id.toUpperCase(),
  parentId,
});
// Created in this order: prod before stage, so the graph, not creation, must decide.
const environments = [env("dev"), env("prod", "stage"), env("stage", "dev"), env("other")];

describe("graphOrder", () => {
  it("puts each parent before its children and keeps separate trees", () => {
    expect(graphOrder(environments).map((e) => e.name)).toEqual(["dev", "stage", "prod", "other"]);
  });
});

describe("applicationStages", () => {
  const components = [
    { component: "api", syncStatus: "Synced", healthStatus: "Healthy" },
    { component: "web", syncStatus: "Synced", healthStatus: "Progressing" },
  ];
  const rows = environments.map((environment) =>
    environment.name === "dev"
      ? {
          environment,
          snapshot: { name: "s1", displayName: "S1" },
          deployedAt: new Date("2026-01-01T00:00:00Z"),
          components,
        }
      : { environment, snapshot: null, deployedAt: null, components: [] },
  );

  it("follows the graph without a pipeline map: snapshot, parent and rolled-up status", () => {
    const stages = applicationStages({ rows, pipeline: [] });
    expect(stages.map((s) => [s.stage, s.environment.name, s.parent?.name ?? null])).toEqual([
      [null, "dev", null],
      [null, "stage", "dev"],
      [null, "prod", "stage"],
      [null, "other", null],
    ]);
    expect(stages[0]).toMatchObject({
      snapshot: { name: "s1" },
      status: { sync: "Synced", health: "Progressing", settled: false },
    });
    expect(stages[0]?.components.map((c) => c.component)).toEqual(["api", "web"]);
    expect(stages[1]).toMatchObject({ snapshot: null, deployedAt: null, components: [] });
  });

  it("follows the pipeline environment map when the application has one", () => {
    const pipeline = [
      { stage: "test", environment: { id: "stage" } },
      { stage: "run", environment: { id: "prod" } },
    ];
    const stages = applicationStages({ rows, pipeline });
    expect(stages.map((s) => [s.stage, s.environment.name])).toEqual([
      ["test", "stage"],
      ["run", "prod"],
    ]);
  });
});
