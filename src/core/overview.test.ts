import { describe, expect, it } from 'vitest';
import { overview } from './overview.js';
import { getChip, getModel } from './catalog/catalog.js';
import { prepareJob, validatePlan } from './train/evaluate.js';

describe('overview (the main job)', () => {
  const o = overview({ date: '2026-11-28' });

  it('classifies each default chip under the rules in force for a buyer in China', () => {
    const byChip = new Map(o.rows.map((r) => [r.chip, r]));
    expect(byChip.get('nvidia-h800-sxm5-80gb')?.verdict).toMatch(/3A090\.a\.1/);
    expect(byChip.get('nvidia-h20')?.verdict).toMatch(/licence required/);
    expect(byChip.get('nvidia-h20')?.verdict).not.toMatch(/3A090/);
    expect(byChip.get('huawei-ascend-910b')?.verdict).toMatch(/not a U\.S\. export/);
  });

  it('trains DeepSeek-V3 on H800 with the published plan near the published 180K GPU-hours per trillion tokens', () => {
    const h800 = o.rows.find((r) => r.chip === 'nvidia-h800-sxm5-80gb');
    expect(h800?.train.planSource).toBe('published');
    const gpuHoursPerT = (h800?.train.result?.cost?.gpuHours ?? 0) / 14.8;
    expect(gpuHoursPerT).toBeGreaterThan(180_000 * 0.85);
    expect(gpuHoursPerT).toBeLessThan(180_000 * 1.15);
  });

  it('searches only plans the published run\'s software (HAI-LLM) runs, unless another is named', () => {
    expect(o.framework).toBe('hai-llm-2024');
    const searched = o.rows.filter((r) => r.train.planSource === 'searched' && r.train.result);
    expect(searched.length).toBeGreaterThan(0);
    for (const r of searched) {
      const chip = getChip(r.chip);
      const prep = prepareJob({ model: getModel('deepseek-v3'), chip, gpus: o.gpus, seq: o.seq, globalBatch: o.globalBatch, framework: 'hai-llm-2024' });
      expect(validatePlan(prep, r.train.result!.plan), r.chip).toBeNull();
      // HAI-LLM offers ZeRO-1 at most and no context parallelism.
      expect(r.train.result!.plan.zero).toBeLessThanOrEqual(1);
      expect(r.train.result!.plan.cp).toBe(1);
    }
    const megatron = overview({ date: '2026-11-28', chips: ['nvidia-a100-sxm4-80gb'], framework: 'megatron-lm-2024' });
    expect(megatron.framework).toBe('megatron-lm-2024');
    expect(megatron.rows[0].train.result!.plan.schedule).not.toBe('dualpipe');
  });

  it('never runs FP8 on a chip without FP8, and the H20 is slower than the H800', () => {
    const a100 = o.rows.find((r) => r.chip === 'nvidia-a100-sxm4-80gb');
    expect(a100?.train.result?.plan.precision).toBe('bf16');
    const days = (id: string) => o.rows.find((r) => r.chip === id)?.train.result?.cost?.days ?? 0;
    expect(days('nvidia-h20')).toBeGreaterThan(2 * days('nvidia-h800-sxm5-80gb'));
  });

  it('serves on H20 and H100 and explains where nothing fits', () => {
    expect(o.rows.find((r) => r.chip === 'nvidia-h20')?.serve?.costPerMillionOutputTokensUsd).toBeGreaterThan(0);
    const a100 = o.rows.find((r) => r.chip === 'nvidia-a100-sxm4-80gb');
    if (!a100?.serve) expect(a100?.serveNote).toMatch(/GB|ms/);
  });
});
