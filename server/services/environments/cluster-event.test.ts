// What the environment page shows of a Kubernetes Event, whichever writer recorded it: core/v1
// writers set lastTimestamp and count; events.k8s.io writers set eventTime and a reporting
// component instead.
import { describe, expect, it } from "vitest";
import { clusterEventOf, newestFirst } from "./cluster-event";

const base = {
  metadata: { name: "e", namespace: "ns", uid: "u1" },
  involvedObject: { kind: "Pod", name: "web-1", namespace: "ns" },
};

describe("clusterEventOf", () => {
  it("keeps what happened, to what, how often and when (core/v1 writer)", () => {
    const event = clusterEventOf({
      ...base,
      type: "Warning",
      reason: "BackOff",
      message: "Back-off restarting failed container",
      count: 7,
      source: { component: "kubelet" },
      lastTimestamp: new Date("2026-11-25T07:00:00Z"),
    });
    expect(event).toEqual({
      uid: "u1",
      type: "Warning",
      reason: "BackOff",
      message: "Back-off restarting failed container",
      object: { kind: "Pod", name: "web-1", namespace: "ns" },
      count: 7,
      lastSeen: new Date("2026-11-25T07:00:00Z"),
      source: "kubelet",
    });
  });

  it("falls back to eventTime and the reporting component (events.k8s.io writer)", () => {
    const event = clusterEventOf({
      ...base,
      reason: "Scheduled",
      eventTime: new Date("2026-11-25T06:00:00Z"),
      reportingComponent: "default-scheduler",
    });
    expect(event).toMatchObject({
      type: "Normal",
      count: 1,
      lastSeen: new Date("2026-11-25T06:00:00Z"),
      source: "default-scheduler",
    });
  });

  it("orders newest first, events without a time last", () => {
    const at = (uid: string, iso?: string) =>
      clusterEventOf({
        ...base,
        metadata: { ...base.metadata, uid },
        ...(iso ? { lastTimestamp: new Date(iso) } : {}),
      });
    const sorted = [
      at("old", "2026-11-25T05:00:00Z"),
      at("none"),
      at("new", "2026-11-25T07:00:00Z"),
    ].sort(newestFirst);
    expect(sorted.map((e) => e.uid)).toEqual(["new", "old", "none"]);
  });
});
