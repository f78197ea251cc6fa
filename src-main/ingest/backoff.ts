/**
 * Reconnect delays: capped exponential with jitter. The n-th consecutive failure waits a delay
 * drawn uniformly from [0.7·d, d] with d = min(max, base·2^n) — 1 s, 2 s, 4 s … 60 s by default.
 * Never longer than the cap, never shorter than 70 % of the step; the jitter keeps many clients
 * that lost the same broker from coming back in the same instant. `random` is injected (tests).
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60_000 };
/** The share of a step the jitter may take off. */
export const JITTER = 0.3;

export class Backoff {
  private failures = 0;

  constructor(
    private readonly random: () => number,
    private readonly opts: BackoffOptions = DEFAULT_BACKOFF,
  ) {
    if (!(opts.baseMs > 0) || !(opts.maxMs >= opts.baseMs)) throw new Error(`backoff: baseMs must be > 0 and maxMs ≥ baseMs (got ${opts.baseMs}, ${opts.maxMs})`);
  }

  /** The delay before the next attempt; counts one more failure. */
  next(): number {
    const step = Math.min(this.opts.maxMs, this.opts.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return Math.round(step * (1 - JITTER * this.random()));
  }

  /** A connection succeeded: the next failure starts again from the base. */
  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
