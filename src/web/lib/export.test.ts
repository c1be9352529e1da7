/** CSV export (RFC 4180 quoting, union of columns). */
import { describe, expect, it } from 'vitest';
import { toCsv } from './export.js';

describe('toCsv', () => {
  it('quotes what needs quoting and unions the columns', () => {
    const csv = toCsv([{ a: 1, b: 'x,y' }, { a: null, c: 'say "hi"', b: ['p', 'q'] }]);
    expect(csv).toBe('a,b,c\n1,"x,y",\n,p; q,"say ""hi"""\n');
  });
  it('writes numbers unrounded', () => {
    expect(toCsv([{ v: 0.1 + 0.2 }])).toBe('v\n0.30000000000000004\n');
  });
});

describe('flat CSV columns', () => {
  it('spreads nested objects into dotted columns and drops functions', () => {
    const csv = toCsv([{ plan: { tp: 2, pp: 1 }, cost: { days: 3.5 }, f: () => 1 }, { plan: { tp: 4 }, extra: true }]);
    expect(csv).toBe('plan.tp,plan.pp,cost.days,extra\n2,1,3.5,\n4,,,true\n');
  });
  it('spreads arrays of records into indexed dotted columns (no JSON in a cell)', () => {
    const csv = toCsv([{ id: 'a', parts: [{ name: 'gemm', s: 1 }, { name: 'tp', s: 0.5 }], tags: ['x', 'y'] }]);
    expect(csv).toBe('id,parts.0.name,parts.0.s,parts.1.name,parts.1.s,tags\na,gemm,1,tp,0.5,x; y\n');
    expect(csv).not.toMatch(/[{}]/);
  });
});
