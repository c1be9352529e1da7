import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChipboundError } from '../errors.js';
import { fixedLength, formatLengths, lengthsFromSamples, parseLengths } from './lengths.js';

describe('length distributions', () => {
  it('parses a number and mean/max/p99', () => {
    expect(parseLengths('870')).toEqual(fixedLength(870));
    expect(parseLengths('mean:870,max:1024')).toEqual({ mean: 870, p99: 1024, max: 1024 });
    expect(parseLengths('mean:300, p99:900, max:1024')).toEqual({ mean: 300, p99: 900, max: 1024 });
  });
  it('rejects malformed or inconsistent text with a usage error naming the flag', () => {
    for (const t of ['', 'mean:10', 'mean:2000,max:1024', 'avg:3,max:9', 'mean:5,mean:6,max:9', 'mean:5,p99:20,max:10', '0']) {
      expect(() => parseLengths(t, '--prompt-tokens'), t).toThrow(ChipboundError);
      try {
        parseLengths(t, '--prompt-tokens');
      } catch (e) {
        expect((e as ChipboundError).code).toBe('usage');
        expect((e as Error).message).toMatch(/^--prompt-tokens: /);
      }
    }
  });
  it('property: format then parse is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (mean, a, b) => {
        const p99 = mean + Math.min(a, b);
        const d = { mean, p99, max: mean + Math.max(a, b) };
        expect(parseLengths(formatLengths(d))).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });
  it('summarises a list of lengths (a file of lengths)', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(lengthsFromSamples(xs)).toEqual({ mean: 50.5, p99: 99, max: 100 });
    expect(() => lengthsFromSamples([])).toThrow(ChipboundError);
    expect(() => lengthsFromSamples([3, 0])).toThrow(ChipboundError);
  });
});
