/** Money and tick formatting (issue #17: no "$1.50e+3M", no SI-prefix ticks). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sig, tick, usd } from './format.js';

describe('usd', () => {
  it('writes thousands, millions and billions readably', () => {
    expect(usd(1.5)).toBe('$1.50');
    expect(usd(1234.4)).toBe('$1,234');
    expect(usd(2_500_000)).toBe('$2.5M');
    expect(usd(1.5e9)).toBe('$1.5B');
    expect(usd(null)).toBe('—');
  });
  it('never prints an exponent', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e15, noNaN: true }), (v) => !/e[+-]/.test(usd(v))));
  });
});

describe('tick', () => {
  it('uses plain numbers or exponents, never SI prefixes', () => {
    expect(tick(1e24)).toBe('1e24');
    expect(tick(0.5)).toBe('0.5');
    expect(tick(2000)).toBe('2,000');
    expect(tick(1.5e25)).toBe('1.5e25');
    expect(tick(3.0000000000000003e23)).toBe('3e23');
    expect(sig(0.0001234, ' s')).toBe('0.000123 s');
  });
});
