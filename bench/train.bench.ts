/**
 * Time to evaluate one training plan (the plan search calls evaluatePlan millions of times).
 * Target: under 50 µs median per evaluation.
 */
import { getChip, getModel } from '../src/core/catalog/catalog.js';
import { evaluatePlan, prepareJob } from '../src/core/train/evaluate.js';
import type { Plan } from '../src/core/train/types.js';

function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.floor(a.length / 2)];
}

export function run(): void {
  const cases: { name: string; job: Parameters<typeof prepareJob>[0]; plan: Plan }[] = [
    {
      name: 'GPT-3 175B, 1024× H100, tp4 pp8 interleaved',
      job: { model: getModel('gpt3-175b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 1024, seq: 2048, globalBatch: 2048 },
      plan: { tp: 4, pp: 8, dp: 32, cp: 1, ep: 1, vpp: 6, microBatch: 1, recompute: 'none', zero: 1, precision: 'bf16', schedule: 'interleaved', sequenceParallel: true },
    },
    {
      name: 'DeepSeek-V3, 2048× H800, pp16 ep64 dualpipe fp8',
      job: { model: getModel('deepseek-v3'), chip: getChip('nvidia-h800-sxm5-80gb'), gpus: 2048, seq: 4096, globalBatch: 15360 },
      plan: { tp: 1, pp: 16, dp: 128, cp: 1, ep: 64, vpp: 1, microBatch: 1, recompute: 'selective', zero: 1, precision: 'fp8', schedule: 'dualpipe', sequenceParallel: false },
    },
  ];
  for (const c of cases) {
    const prep = prepareJob(c.job);
    let sink = 0;
    for (let i = 0; i < 20000; i++) sink += evaluatePlan(prep, { ...c.plan, microBatch: 1 + (i & 1) }).stepTimeSeconds;
    const batch = 2000;
    const samples: number[] = [];
    for (let r = 0; r < 30; r++) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) sink += evaluatePlan(prep, c.plan).stepTimeSeconds;
      samples.push(((performance.now() - t0) * 1000) / batch);
    }
    const med = median(samples);
    console.log(`evaluatePlan, ${c.name}: median ${med.toFixed(2)} µs per plan (target < 50 µs) ${med < 50 ? 'OK' : 'SLOW'}${sink === 0 ? '' : ''}`);
  }
}
