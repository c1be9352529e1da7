import { describe, expect, it } from 'vitest';
import { getModel } from '../core/catalog/catalog.js';
import { ChipboundError } from '../core/errors.js';
import { checkGpus, checkLimit, checkModel, checkTokens, MAX_GPUS, MAX_TOKENS } from './limits.js';

const code = (f: () => void) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof ChipboundError ? e.code : 'other';
  }
};

describe('limits', () => {
  it('accepts the bounds and refuses beyond them with a limit error', () => {
    expect(code(() => checkGpus(MAX_GPUS))).toBe('ok');
    expect(code(() => checkGpus(MAX_GPUS + 1))).toBe('limit');
    expect(code(() => checkTokens(MAX_TOKENS))).toBe('ok');
    expect(code(() => checkTokens(1e17))).toBe('limit');
    expect(code(() => checkLimit('--x', Number.NaN, 1, 'things'))).toBe('limit');
    expect(code(() => checkLimit('--x', Infinity, 1, 'things'))).toBe('limit');
  });
  it('names the flag and the bound', () => {
    expect(() => checkGpus(1e10)).toThrow('--gpus 10,000,000,000 is more than the 10,000,000 chips supported');
  });
  it('a catalog model passes; a 10^16-parameter shape is refused', () => {
    const m = getModel('llama-3.1-405b');
    expect(code(() => checkModel(m))).toBe('ok');
    expect(() => checkModel({ ...m, id: 'huge', layers: 10_000, hidden: 1_000_000, ffnHidden: 4_000_000 })).toThrow(/model huge: .* trillion parameters; at most 1000 trillion/);
  });
});
