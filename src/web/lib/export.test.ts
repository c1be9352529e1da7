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
