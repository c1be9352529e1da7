/**
 * Design-search speed (issue 19): wall time of the two history-check searches of docs/design.md
 * and of the TPP sweep, with the designs and plans each evaluated. Median of 3 runs (1 for the
 * sweep). Targets: the serving search < 2 s; the DeepSeek-V3 training search < 15 s on 2 cores
 * (one full anchor plan search dominates); each further sweep point < 3 s.
 */
import { availableParallelism, loadavg } from 'node:os';
import { getChip, getModel } from '../src/core/catalog/catalog.js';
import { ruleContext } from '../src/core/controls/classify.js';
import { builtinEnvelope } from '../src/core/design/builtin.js';
import { designSearch, type DesignInput } from '../src/core/design/search.js';
import { parseSweep, sweepThreshold } from '../src/core/design/sweep.js';

const env = builtinEnvelope();
const n = (x: number) => Math.round(x).toLocaleString('en-US');

const train: DesignInput = {
  envelope: env,
  ruleSet: { rules: ['us-2022-10'], ctx: ruleContext({ date: '2023-06-01', destination: 'CN' }), overrides: [] },
  workloads: [{ kind: 'train', model: getModel('deepseek-v3'), gpus: 2048, seq: 4096, globalBatch: 15360, tokens: 14.8e12 }],
  compare: [getChip('nvidia-h800-sxm5-80gb')],
};
const serve: DesignInput = {
  envelope: env,
  ruleSet: { rules: ['us-2023-10'], ctx: ruleContext({ date: '2024-06-01', destination: 'CN' }), overrides: [] },
  workloads: [{ kind: 'serve', model: getModel('qwq-32b'), gpus: 8, promptTokens: 1000, outputTokens: 8000, tpotSeconds: 0.05 }],
  compare: [getChip('nvidia-h20')],
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function run(): void {
  const cores = availableParallelism();
  console.log(`targets: serving design search < 2 s; DeepSeek-V3 training design search < 15 s; sweep point < 3 s (this machine: ${cores} cores)`);
  console.log(`load average at start: ${loadavg()[0].toFixed(2)} (1 min); numbers are comparable only when this is well below the core count`);
  for (const [label, input, reps] of [
    ['serve QwQ-32B, us-2023-10', serve, 3],
    ['train DeepSeek-V3 on 2,048, us-2022-10', train, 1],
  ] as const) {
    const ts: number[] = [];
    let c = undefined as unknown as ReturnType<typeof designSearch>['counts'];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      c = designSearch(input).counts;
      ts.push((performance.now() - t0) / 1000);
    }
    console.log(`  ${label}: ${median(ts).toFixed(2)} s (median of ${reps}); ${n(c.grid)} designs, ${n(c.compliant)} compliant, ${c.candidates} scored, ${c.refined} refined; ${n(c.plansEvaluated)} plans, ${n(c.deploymentsEvaluated)} deployments`);
  }
  const t0 = performance.now();
  const sw = sweepThreshold(serve, parseSweep('rules.us-2023-10.tpp=1600..9600', serve.ruleSet));
  const s = (performance.now() - t0) / 1000;
  console.log(`  sweep us-2023-10 tpp 1600..9600 (${sw.points.length} points, serving): ${s.toFixed(2)} s, ${(s / sw.points.length).toFixed(2)} s per point; ${n(sw.deploymentsEvaluated)} deployments`);
}
