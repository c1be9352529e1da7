import { describe, expect, it } from 'vitest';
import type { Chip, Model } from '../catalog/schemas.js';
import type { TrainJob } from '../train/types.js';
import { searchPlansWith } from './search-with.js';
import { standInEvaluator as ev } from './stand-in-evaluator.js';
import { parseGpuCounts, sweepPlans } from './sweep.js';

const job: TrainJob = {
  model: { id: 'm', name: 'm', layers: 16, hidden: 2048, ffnHidden: 8192, heads: 16, kvHeads: 4, vocab: 32000, gatedFfn: true, tiedEmbeddings: false, sources: [] } as Model,
  chip: { id: 'c', name: 'c', vendor: 'v', datacenter: true, tflops: { bf16: 400 }, memoryGB: 40, scaleUpDomain: 8, rentalUsdPerHour: 2, estimated: [], sources: [] } as Chip,
  gpus: 8,
  seq: 2048,
  globalBatch: 256,
  tokens: 1e11,
};

describe('parseGpuCounts', () => {
  it('expands ranges to powers of two and sorts lists', () => {
    expect(parseGpuCounts('256..2048')).toEqual([256, 512, 1024, 2048]);
    expect(parseGpuCounts('24..100')).toEqual([24, 32, 64, 100]);
    expect(parseGpuCounts('512')).toEqual([512]);
    expect(parseGpuCounts('1024, 512,3072')).toEqual([512, 1024, 3072]);
  });
  it('rejects bad input with a usage error', () => {
    for (const bad of ['', 'x', '8..4', '1.5', '0', '4..']) expect(() => parseGpuCounts(bad)).toThrow(/--gpus/);
  });
});

describe('sweepPlans', () => {
  const at = (gpus: number) => searchPlansWith(ev, { ...job, gpus }, {}, { objective: 'time' });

  it('gives the best plan per count and scaling efficiency relative to the first count', () => {
    const sw = sweepPlans([8, 16, 32, 64], at);
    expect(sw.rows.map((r) => r.gpus)).toEqual([8, 16, 32, 64]);
    expect(sw.rows[0].scalingEfficiency).toBe(1);
    for (const r of sw.rows) {
      expect(r.best).not.toBeNull();
      expect(r.best!.plan.tp * r.best!.plan.pp * r.best!.plan.dp * r.best!.plan.cp).toBe(r.gpus);
      expect(r.scalingEfficiency).toBeCloseTo(r.tokensPerSecondPerChip! / sw.rows[0].tokensPerSecondPerChip!, 12);
    }
  });

  it('deadline: picks the fewest chips that meet it and does not search larger counts', () => {
    const full = sweepPlans([8, 16, 32, 64, 128], at);
    const days = full.rows.map((r) => r.days!);
    const deadline = (days[1] + days[2]) / 2; // met from 32 chips on (days fall with chips here)
    expect(days[2]).toBeLessThan(days[1]);
    const sw = sweepPlans([8, 16, 32, 64, 128], at, { deadlineDays: deadline });
    expect(sw.chosen?.gpus).toBe(32);
    expect(sw.notSearched).toEqual([64, 128]);
    // Same answer as the brute choice over the whole range.
    expect(full.rows.find((r) => r.days! <= deadline)?.gpus).toBe(32);
  });
});
