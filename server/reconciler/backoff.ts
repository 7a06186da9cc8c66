// Per-key exponential backoff with jitter, as client-go's ItemExponentialFailureRateLimiter plus
// jitter: failures of one key never slow down another, and a success forgets the key's count.

export interface TBackoffOptions {
  baseMs: number;
  capMs: number;
  /** 0..1, injectable so tests are deterministic. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: TBackoffOptions = { baseMs: 200, capMs: 5 * 60_000 };

export class KeyBackoff {
  private readonly failures = new Map<string, number>();
  private readonly random: () => number;

  constructor(private readonly options: TBackoffOptions = DEFAULT_BACKOFF) {
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next retry of `key`, counting this failure. */
  next(key: string): number {
    const count = this.failures.get(key) ?? 0;
    this.failures.set(key, count + 1);
    const exponential = Math.min(this.options.capMs, this.options.baseMs * 2 ** count);
    // "Equal jitter": half fixed, half random, so retries of many keys failing together spread out
    // while each still waits at least half its step.
    return Math.round(exponential / 2 + (this.random() * exponential) / 2);
  }

  failureCount(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}
