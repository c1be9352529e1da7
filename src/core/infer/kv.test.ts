import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog/catalog.js';
import { kvBytesPerToken, kvBytesPerTokenPerChip } from './kv.js';

describe('KV cache bytes per token (every attention kind)', () => {
  it('MLA: DeepSeek-V3 (512 latent + 64 RoPE key) × 61 layers × 2 bytes = 70,272', () => {
    expect(kvBytesPerToken(getModel('deepseek-v3'), 'bf16')).toBe(70_272);
  });
  it('GQA: Llama 3.1 405B 2 × 8 × 128 × 126 × 2 = 516,096', () => {
    expect(kvBytesPerToken(getModel('llama-3.1-405b'), 'bf16')).toBe(516_096);
  });
  it('GQA: Qwen2.5-72B 2 × 8 × 128 × 80 × 2 = 327,680', () => {
    expect(kvBytesPerToken(getModel('qwen2.5-72b'), 'bf16')).toBe(327_680);
  });
  it('MHA: Llama 2 7B 2 × 32 × 128 × 32 × 2 = 524,288; FP8 halves every kind', () => {
    expect(kvBytesPerToken(getModel('llama-2-7b'), 'bf16')).toBe(524_288);
    expect(kvBytesPerToken(getModel('llama-2-7b'), 'fp8')).toBe(262_144);
    expect(kvBytesPerToken(getModel('deepseek-v3'), 'fp8')).toBe(35_136);
  });
  it('per chip: GQA splits by KV head up to kvHeads, MLA is replicated across TP', () => {
    const l = getModel('llama-3.1-70b');
    const full = kvBytesPerToken(l, 'bf16');
    expect(kvBytesPerTokenPerChip(l, { tp: 8, pp: 1, ep: 1, dp: 1 }, 'bf16')).toBe(full / 8);
    expect(kvBytesPerTokenPerChip(l, { tp: 16, pp: 1, ep: 1, dp: 1 }, 'bf16')).toBe(full / 8);
    expect(kvBytesPerTokenPerChip(l, { tp: 8, pp: 2, ep: 1, dp: 1 }, 'bf16')).toBe(full / 16);
    const d = getModel('deepseek-v3');
    expect(kvBytesPerTokenPerChip(d, { tp: 8, pp: 1, ep: 8, dp: 1 }, 'bf16')).toBe(70_272);
  });
});
