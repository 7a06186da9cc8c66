import { describe, expect, it } from "vitest";
import { FakeScheduler } from "./fake-scheduler";
import { WorkQueue, type TQueueOutcome } from "./work-queue";

/** A handler whose runs the test finishes by hand, so it controls what overlaps. */
function manualHandler() {
  const runs: { key: string; finish: (outcome?: TQueueOutcome) => void }[] = [];
  const started: string[] = [];
  const handler = (key: string) =>
    new Promise<TQueueOutcome>((resolve) => {
      started.push(key);
      runs.push({ key, finish: (outcome = { kind: "done" }) => resolve(outcome) });
    });
  const finish = async (key: string, outcome?: TQueueOutcome) => {
    const index = runs.findIndex((r) => r.key === key);
    if (index < 0) throw new Error(`${key} is not running`);
    runs.splice(index, 1)[0]!.finish(outcome);
    // Let the queue react to the settled promise.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { handler, started, finish, running: () => runs.map((r) => r.key) };
}

function queueWith(workers: number, scheduler = new FakeScheduler()) {
  const manual = manualHandler();
  const queue = new WorkQueue({
    workers,
    handler: manual.handler,
    scheduler,
    backoff: { baseMs: 200, capMs: 5 * 60_000, random: () => 1 },
  });
  return { queue, scheduler, ...manual };
}

describe("WorkQueue", () => {
  it("coalesces a key added many times while it waits", async () => {
    const { queue, started, finish } = queueWith(1);
    queue.add("a");
    queue.add("b");
    queue.add("b");
    queue.add("b");
    expect(started).toEqual(["a"]);
    await finish("a");
    await finish("b");
    await queue.idle();
    expect(started).toEqual(["a", "b"]);
  });

  it("never runs one key twice at once, and re-runs it once when added while running", async () => {
    const { queue, started, finish, running } = queueWith(4);
    queue.add("a");
    queue.add("a");
    queue.add("a");
    expect(running()).toEqual(["a"]);
    await finish("a");
    // Added twice while running: exactly one more run.
    expect(running()).toEqual(["a"]);
    await finish("a");
    await queue.idle();
    expect(started).toEqual(["a", "a"]);
  });

  it("runs up to N keys in parallel", () => {
    const { queue, running } = queueWith(2);
    for (const key of ["a", "b", "c"]) queue.add(key);
    expect(running()).toEqual(["a", "b"]);
    expect(queue.length).toBe(1);
  });

  it("backs off exponentially per key up to the cap, and forgets after a success", async () => {
    const { queue, scheduler, started, finish } = queueWith(1);
    queue.add("a");
    const delays: number[] = [];
    for (let attempt = 0; attempt < 14; attempt++) {
      await finish("a", { kind: "error" });
      const [delay] = scheduler.scheduled();
      delays.push(delay!);
      scheduler.advance(delay!);
    }
    expect(delays.slice(0, 4)).toEqual([200, 400, 800, 1600]);
    expect(delays.at(-1)).toBe(5 * 60_000);
    await finish("a");
    queue.add("a");
    await finish("a", { kind: "error" });
    expect(scheduler.scheduled()).toEqual([200]);
    expect(started.length).toBe(16);
  });

  it("spreads retries with jitter between half and all of the step", async () => {
    const scheduler = new FakeScheduler();
    const manual = manualHandler();
    const queue = new WorkQueue({
      workers: 1,
      handler: manual.handler,
      scheduler,
      backoff: { baseMs: 1000, capMs: 60_000, random: () => 0 },
    });
    queue.add("a");
    await manual.finish("a", { kind: "error" });
    expect(scheduler.scheduled()).toEqual([500]);
  });

  it("honours a minimum delay (Retry-After) and the delay promised while running", async () => {
    const { queue, scheduler, finish } = queueWith(1);
    queue.add("a");
    expect(queue.retryDelay("a")).toBe(200);
    expect(queue.retryDelay("a")).toBe(200);
    await finish("a", { kind: "error", minimumMs: 3000 });
    expect(scheduler.scheduled()).toEqual([3000]);
  });

  it("requeues after a given time and keeps the earliest of several", async () => {
    const { queue, scheduler, started, finish } = queueWith(1);
    queue.addAfter("a", 5000);
    queue.addAfter("a", 1000);
    queue.addAfter("a", 8000);
    expect(scheduler.scheduled()).toEqual([1000]);
    scheduler.advance(1000);
    expect(started).toEqual(["a"]);
    await finish("a", { kind: "requeueAfter", ms: 60_000 });
    expect(scheduler.scheduled()).toEqual([60_000]);
  });

  it("is idle only when nothing is ready or running", async () => {
    const { queue, finish } = queueWith(1);
    let idle = false;
    queue.add("a");
    const waiting = queue.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    await finish("a", { kind: "requeueAfter", ms: 10_000 });
    await waiting;
    expect(idle).toBe(true);
  });

  it("retries a key whose handler throws", async () => {
    const scheduler = new FakeScheduler();
    const errors: string[] = [];
    let calls = 0;
    const queue = new WorkQueue({
      workers: 1,
      scheduler,
      backoff: { baseMs: 200, capMs: 1000, random: () => 1 },
      handler: () => {
        calls++;
        return calls === 1 ? Promise.reject(new Error("boom")) : Promise.resolve({ kind: "done" });
      },
      onHandlerError: (key) => errors.push(key),
    });
    queue.add("a");
    await queue.idle();
    expect(errors).toEqual(["a"]);
    scheduler.advance(200);
    await queue.idle();
    expect(calls).toBe(2);
  });

  it("drains on shutdown: running work finishes, waiting and scheduled work is dropped", async () => {
    const { queue, scheduler, started, finish } = queueWith(1);
    queue.add("a");
    queue.add("b");
    queue.addAfter("c", 1000);
    let stopped = false;
    const stopping = queue.shutdown().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    await finish("a");
    await stopping;
    queue.add("d");
    scheduler.advance(5000);
    expect(started).toEqual(["a"]);
  });
});
