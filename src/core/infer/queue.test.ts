import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { littleFixedPoint, p99InFlight, p99WaitSeconds } from './queue.js';

describe('queueing approximations', () => {
  it('p99 wait is 0 when idle, grows with load and is infinite at saturation', () => {
    expect(p99WaitSeconds(0, 1)).toBe(0);
    expect(p99WaitSeconds(1, 1)).toBe(Number.POSITIVE_INFINITY);
    fc.assert(
      fc.property(fc.double({ min: 0.02, max: 0.98, noNaN: true }), fc.double({ min: 0.02, max: 0.98, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(p99WaitSeconds(hi, 1)).toBeGreaterThanOrEqual(p99WaitSeconds(lo, 1));
      }),
    );
  });
  it('p99 in flight is above the mean', () => {
    expect(p99InFlight(100)).toBeCloseTo(100 + 2.326 * 10, 6);
  });
  it("Little's law fixed point: b = λ(a + k·b) settles at λa/(1 − λk), and overload returns null", () => {
    const b = littleFixedPoint(10, (x) => 0.5 + 0.01 * x, 1e6);
    expect(b).toBeCloseTo((10 * 0.5) / (1 - 10 * 0.01), 3);
    expect(littleFixedPoint(200, (x) => 0.5 + 0.01 * x, 1e6)).toBeNull();
  });
});
