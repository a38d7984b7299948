import { describe, expect, it, vi } from "vitest";
import { MemoryRateLimiter } from "./rate-limit.ts";

describe("memory rate limiter", () => {
  it("refuses a client past its limit, leaves others alone, and forgives after the window", () => {
    vi.useFakeTimers();
    try {
      const limiter = new MemoryRateLimiter(2, 60_000);
      expect(limiter.hit("a")).toBe(true);
      expect(limiter.hit("a")).toBe(true);
      expect(limiter.hit("a")).toBe(false);
      expect(limiter.allowed("a")).toBe(false);
      expect(limiter.hit("b")).toBe(true);
      vi.advanceTimersByTime(60_001);
      expect(limiter.hit("a")).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
