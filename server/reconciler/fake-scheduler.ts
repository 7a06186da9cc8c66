// A scheduler for unit tests: time moves only when the test calls advance().
import type { TScheduler, TTimer } from "./scheduler";

interface TPending {
  at: number;
  fn: () => void;
  cancelled: boolean;
}

export class FakeScheduler implements TScheduler {
  private time = 0;
  private pending: TPending[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): TTimer {
    const entry: TPending = { at: this.time + Math.max(0, ms), fn, cancelled: false };
    this.pending.push(entry);
    return { cancel: () => (entry.cancelled = true) };
  }

  /** Timers not yet fired or cancelled, soonest first. */
  scheduled(): number[] {
    return this.pending
      .filter((p) => !p.cancelled)
      .map((p) => p.at - this.time)
      .sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.pending
        .filter((p) => !p.cancelled && p.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = until;
  }
}
