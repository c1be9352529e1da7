/**
 * Number formatting never throws and never prints NaN, for any number a computation can give
 * (the fuzzer found a scenario with 1e-150 tokens whose report formatting threw).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmt, pct, toJson } from '../../src/cli/table.js';
import { num as marginNum } from '../../src/core/controls/margin.js';
import { num as reportNum, usd } from '../../src/core/scenario/report.js';

const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1e-300, -1e-300, 5e-324, 1e-150, 1e300, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, Number.NaN),
  fc.integer(),
);

describe('number formatting', () => {
  it.each([
    ['table fmt', (v: number) => fmt(v)],
    ['table pct', (v: number) => pct(v)],
    ['scenario report num', (v: number) => reportNum(v)],
    ['scenario report usd', (v: number) => usd(v)],
    ['controls margin num', (v: number) => (Number.isFinite(v) ? marginNum(v) : '—')],
    ['toJson', (v: number) => toJson({ v })],
  ] as const)('%s: any number formats without throwing', (_name, f) => {
    fc.assert(
      fc.property(anyNumber, (v) => {
        const s = f(v);
        return typeof s === 'string' && s.length > 0 && s.length <= 600 && !s.includes('NaN');
      }),
      { numRuns: 3000, seed: 4245 },
    );
  });
  it('non-finite numbers print as null in --json', () => {
    expect(JSON.parse(toJson({ a: Infinity, b: Number.NaN }))).toEqual({ a: null, b: null });
  });
});
