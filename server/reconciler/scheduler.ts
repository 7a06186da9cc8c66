// Time as the reconciler sees it. Injected so unit tests drive the queue with a fake clock instead
// of sleeping; production uses the real timers.

export interface TTimer {
  cancel(): void;
}

export interface TScheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` after `ms`; the returned timer cancels it. */
  after(ms: number, fn: () => void): TTimer;
}

export const realScheduler: TScheduler = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const handle = setTimeout(fn, Math.max(0, ms));
    // A pending retry must not keep a worker process alive on shutdown.
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
