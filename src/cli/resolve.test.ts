import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFileRef } from '../core/scenario/schema.js';
import { argvNamesFiles, isFileRefForm } from './resolve.js';

describe('resolve', () => {
  it('recognizes file references exactly as scenarios do', () => {
    for (const s of ['h100', 'a/b', 'x.yaml', 'X.YML', 'c.json', 'a\\b', 'nvidia-h100-sxm5-80gb', 'meta-llama/Llama-3.1-8B']) expect(isFileRefForm(s)).toBe(isFileRef(s));
    fc.assert(fc.property(fc.string(), (s) => isFileRefForm(s) === isFileRef(s)));
  });

  it('notices a path given as --flag=value', () => {
    expect(argvNamesFiles(['chip', '--json', 'nvidia-h20'])).toBe(false);
    expect(argvNamesFiles(['train', '--chip=my/chip.yaml'])).toBe(true);
    expect(argvNamesFiles(['classify', 'chip.json'])).toBe(true);
  });
});
