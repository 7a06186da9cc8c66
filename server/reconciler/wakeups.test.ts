import pino from "pino";
import { describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { FakeScheduler } from "./fake-scheduler";
import { startWakeups } from "./wakeups";

/** A handle whose LISTEN the test drives: deliver payloads, or break the connection. */
function fakeHandle() {
  const listeners: { onPayload: (p: string) => void; onError?: (e: Error) => void }[] = [];
  const handle = {
    listen: (_channel: string, onPayload: (p: string) => void, onError?: (e: Error) => void) => {
      listeners.push({ onPayload, onError });
      return Promise.resolve(() => Promise.resolve());
    },
  } as unknown as DatabaseHandle;
  return { handle, listeners };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("startWakeups", () => {
  it("enqueues notified keys, resyncs at start and on every tick", async () => {
    const scheduler = new FakeScheduler();
    const { handle, listeners } = fakeHandle();
    const keys: string[] = [];
    let resyncs = 0;
    await startWakeups({
      handle,
      scheduler,
      log: pino({ level: "silent" }),
      onKey: (key) => keys.push(key),
      onResync: () => Promise.resolve(void resyncs++),
      resyncEveryMs: 60_000,
    });
    expect(resyncs).toBe(1);
    listeners[0]!.onPayload("environment/1");
    listeners[0]!.onPayload("not a key");
    expect(keys).toEqual(["environment/1"]);
    scheduler.advance(60_000);
    await settle();
    expect(resyncs).toBe(2);
  });

  it("listens again after a lost connection and catches up on what it missed", async () => {
    const scheduler = new FakeScheduler();
    const { handle, listeners } = fakeHandle();
    let resyncs = 0;
    await startWakeups({
      handle,
      scheduler,
      log: pino({ level: "silent" }),
      onKey: () => undefined,
      onResync: () => Promise.resolve(void resyncs++),
      resyncEveryMs: 600_000,
    });
    listeners[0]!.onError?.(new Error("connection terminated"));
    scheduler.advance(scheduler.scheduled()[0]!);
    await settle();
    expect(listeners).toHaveLength(2);
    expect(resyncs).toBe(2);
  });
});
