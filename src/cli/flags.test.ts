import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choiceFlag, intFlag, numFlag, parseNumber, planFlag, tokensFlag } from './flags.js';

describe('number flags', () => {
  it('accept suffixes and exponents on every count', () => {
    expect(intFlag(1, 1e9)('1K')).toBe(1000);
    expect(intFlag(1, 1e9)('8k')).toBe(8000);
    expect(intFlag(1, 1e9)('8Ki')).toBe(8192);
    expect(intFlag(1, 1e9)('4M')).toBe(4_000_000);
    expect(intFlag(1, 1e9)('1,024')).toBe(1024);
    expect(numFlag(1, 1e16)('14.8T')).toBeCloseTo(14.8e12, -3);
    expect(numFlag(1, 1e16)('2e12')).toBe(2e12);
    expect(parseNumber('405B')).toBe(405e9);
    expect(parseNumber('12x')).toBeNull();
  });

  it('refuse fractions, out-of-range values and junk with a one-line reason', () => {
    for (const bad of ['1.5', '0', 'abc', '2e99', '1Q', '']) expect(() => intFlag(1, 1e9)(bad)).toThrow(InvalidArgumentError);
    expect(() => intFlag(1, 10)('1K')).toThrow(/from 1 to 10/);
  });

  it('any whole number written plainly or with a suffix parses back (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), fc.constantFrom(['', 1], ['K', 1e3], ['M', 1e6], ['Ki', 1024]), (n, [s, mult]) => intFlag(1, 1e12)(`${n}${s}`) === n * (mult as number)));
  });
});

describe('choices and plans', () => {
  it('match enum values case-insensitively and return the canonical spelling', () => {
    expect(choiceFlag(['bf16', 'fp8', 'auto'] as const)('FP8')).toBe('fp8');
    expect(choiceFlag(['MMLU', 'GPQA'] as const)('mmlu')).toBe('MMLU');
    expect(() => choiceFlag(['a', 'b'] as const)('c')).toThrow(/expected one of a, b/);
  });

  it('parse --plan text into plan fields', () => {
    expect(planFlag('tp8 pp16 zero1 fp8')).toEqual({ tp: 8, pp: 16, zero: 1, precision: 'fp8' });
    expect(() => planFlag('tp8 nonsense')).toThrow(/unknown plan token 'nonsense'/);
  });
});

// Adversarial finding #5: a fractional token count is refused, a suffixed one that floats a hair off is not.
describe('tokensFlag', () => {
  it('takes whole token counts with suffixes, refuses fractions and out-of-range counts', () => {
    expect(tokensFlag('14.8T')).toBe(14_800_000_000_000);
    expect(tokensFlag('0.3T')).toBe(300_000_000_000);
    expect(tokensFlag('2e12')).toBe(2e12);
    expect(() => tokensFlag('14.8')).toThrow(/expected a whole number of tokens/);
    expect(() => tokensFlag('0')).toThrow(/not a plausible token count in tokens/);
    expect(() => tokensFlag('1e30')).toThrow(/not a plausible token count/);
  });
});
