import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip, getModel } from './catalog.js';
import { CHIP_ALIASES, MODEL_ALIASES, normalizeName } from './names.js';

describe('forgiving names', () => {
  it('resolves the short names, case-insensitively', () => {
    for (const [name, id] of [
      ['h100', 'nvidia-h100-sxm5-80gb'],
      ['H100', 'nvidia-h100-sxm5-80gb'],
      ['nvidia-h100', 'nvidia-h100-sxm5-80gb'],
      ['h20', 'nvidia-h20'],
      ['910b', 'huawei-ascend-910b'],
      ['ascend-910b', 'huawei-ascend-910b'],
      ['mi300x', 'amd-mi300x'],
      ['MI300X', 'amd-mi300x'],
      ['NVIDIA H100 SXM5 80GB', 'nvidia-h100-sxm5-80gb'],
      ['nvidia-h20-96gb', 'nvidia-h20'],
      ['gaudi3', 'intel-gaudi3-oam'],
    ]) expect(getChip(name).id, name).toBe(id);
    for (const [name, id] of [
      ['llama-3.1-405b', 'llama-3.1-405b'],
      ['Llama-3.1-8B', 'llama-3.1-8b'],
      ['meta-llama/Llama-3.1-8B', 'llama-3.1-8b'],
      ['meta-llama/Llama-3.1-405B', 'llama-3.1-405b'],
      ['deepseek-ai/DeepSeek-V3', 'deepseek-v3'],
      ['DeepSeek-V3', 'deepseek-v3'],
      ['Qwen/QwQ-32B', 'qwq-32b'],
      ['Llama 3.1 70B', 'llama-3.1-70b'],
    ]) expect(getModel(name).id, name).toBe(id);
  });

  it('matches a unique prefix and lists the candidates of an ambiguous one', () => {
    expect(getChip('nvidia-h800').id).toBe('nvidia-h800-sxm5-80gb');
    expect(getModel('qwen3').id).toBe('qwen3-235b-a22b');
    expect(() => getChip('nvidia-h10')).toThrow(/unknown chip 'nvidia-h10': ambiguous, it fits 3 entries \('nvidia-h100-pcie-80gb', 'nvidia-h100-sxm5-80gb', 'nvidia-h100-sxm5-96gb-hbm2e'\)/);
    expect(() => getModel('llama-3.1')).toThrow(/ambiguous.*'llama-3.1-405b'.*'llama-3.1-70b'.*'llama-3.1-8b'/);
    expect(() => getChip('nvidia-h1000')).toThrow(/unknown chip 'nvidia-h1000'/);
  });

  it('every documented alias points at a catalog entry and is written normalized', () => {
    const cat = builtinCatalog();
    for (const [a, id] of Object.entries(CHIP_ALIASES)) {
      expect(cat.chips.some((c) => c.id === id), `${a} -> ${id}`).toBe(true);
      expect(normalizeName(a)).toBe(a);
    }
    for (const [a, id] of Object.entries(MODEL_ALIASES)) {
      expect(cat.models.some((m) => m.id === id), `${a} -> ${id}`).toBe(true);
      expect(normalizeName(a)).toBe(a);
    }
  });

  it('every catalog id still resolves to itself, in any case', () => {
    const cat = builtinCatalog();
    for (const c of cat.chips) expect(getChip(c.id.toUpperCase()).id).toBe(c.id);
    for (const m of cat.models) expect(getModel(m.id.toUpperCase()).id).toBe(m.id);
  });
});
