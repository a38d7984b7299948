import crypto from "node:crypto";

/**
 * A fixed-window counter per client kept in memory only. Clients are keyed by an HMAC of their address
 * under a salt made fresh at every start, so no address, nor anything that can be reversed into one, is
 * stored or survives a restart.
 */
export class MemoryRateLimiter {
  readonly #salt = crypto.randomBytes(32);
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  #lastSweep = Date.now();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  #key(client: string): string {
    return crypto.createHmac("sha256", this.#salt).update(client).digest("base64url");
  }

  /** True when the client is still under its limit (without counting this call). */
  allowed(client: string): boolean {
    const w = this.#windows.get(this.#key(client));
    return !w || w.resetAt <= Date.now() || w.count < this.limit;
  }

  /** Counts one event for the client; returns whether it was within the limit. */
  hit(client: string): boolean {
    const at = Date.now();
    this.#sweep(at);
    const key = this.#key(client);
    const w = this.#windows.get(key);
    if (!w || w.resetAt <= at) {
      this.#windows.set(key, { count: 1, resetAt: at + this.windowMs });
      return true;
    }
    w.count += 1;
    return w.count <= this.limit;
  }

  #sweep(at: number): void {
    if (at - this.#lastSweep < this.windowMs) return;
    this.#lastSweep = at;
    for (const [key, w] of this.#windows) if (w.resetAt <= at) this.#windows.delete(key);
  }
}
