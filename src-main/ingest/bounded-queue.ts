/**
 * Readings waiting to be stored, oldest first, at most `limit` of them.
 *
 * Drop policy (the service applies it; README › Plant connection): a full queue never drops a
 * reading the broker would redeliver. QoS 1 messages are not acknowledged until stored, so when
 * the queue is full the client stops reading from the connection (mqtt.js's handleMessage
 * callback is held) and the broker keeps the rest — backpressure, nothing lost. Only QoS 0
 * messages, which carry no delivery promise, are dropped when the queue is full: the newest one,
 * counted as `queue-full`, so the readings already waiting keep their order.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit > 0)) throw new Error(`queue limit must be a positive integer (got ${limit})`);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  get full(): boolean {
    return this.size >= this.limit;
  }

  /** Adds at the end; false (and nothing added) when full. */
  offer(item: T): boolean {
    if (this.full) return false;
    this.items.push(item);
    return true;
  }

  /**
   * Adds at the end even when full: for a reading whose message the broker would redeliver (QoS 1),
   * taken before the service stopped reading. The queue then exceeds its limit by at most one
   * message's readings, because nothing more is read until it is below the limit again.
   */
  push(item: T): void {
    this.items.push(item);
  }

  /** Takes up to `max` of the oldest. */
  take(max: number): T[] {
    const end = Math.min(this.items.length, this.head + max);
    const out = this.items.slice(this.head, end);
    this.head = end;
    // Compacts once the taken part dominates, so memory follows the queue's size, not its history.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return out;
  }
}
