/**
 * A token bucket: `ratePerSecond` tokens flow in continuously up to `burst`; each request takes
 * one. Sustained traffic above the rate is refused, short bursts up to `burst` are absorbed. The
 * clock (ms) is injected, so tests step time instead of sleeping.
 */
/** Refills add fractions (0.1 token per ms at 100/s): their rounding must not cost a whole token. */
const ALMOST_ONE = 1 - 1e-9;

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new Error(`token bucket needs a positive rate and a burst of at least 1 (got ${ratePerSecond}, ${burst})`);
    this.tokens = burst;
    this.last = now();
  }

  /** Takes a token if one is there. */
  take(): boolean {
    this.refill();
    if (this.tokens < ALMOST_ONE) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token (for Retry-After), 0 when one is there. */
  waitSeconds(): number {
    this.refill();
    return this.tokens >= ALMOST_ONE ? 0 : (1 - this.tokens) / this.ratePerSecond;
  }

  private refill(): void {
    const t = this.now();
    // A clock that steps back (an adjusted wall clock) adds nothing rather than draining the bucket.
    if (t > this.last) this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }
}
