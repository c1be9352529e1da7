/**
 * History checks (docs/design.md "History checks"): the design game of 2022-2024 replayed.
 * The 2022 rule + DeepSeek-V3 training must give an H800-like optimum; the 2023 rule + QwQ-32B
 * long-output serving an H20-like one; the real chips' distances are asserted within bands.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import { ruleContext } from '../controls/classify.js';
import { chipMetrics } from '../controls/metrics.js';
import { builtinEnvelope } from './builtin.js';
import { designSearch, type DesignOutcome, type DesignResult } from './search.js';

const env = builtinEnvelope();

describe('history check: us-2022-10, DeepSeek-V3 training on 2048 accelerators', () => {
  let r: DesignResult;
  let best: DesignOutcome;
  // One full anchor plan search of DeepSeek-V3 at 2048 accelerators plus refinements: seconds, more on a loaded machine.
  beforeAll(() => {
    r = designSearch({
      envelope: env,
      ruleSet: { rules: ['us-2022-10'], ctx: ruleContext({ date: '2023-06-01', destination: 'CN' }), overrides: [] },
      workloads: [{ kind: 'train', model: getModel('deepseek-v3'), gpus: 2048, seq: 4096, globalBatch: 15360, tokens: 14.8e12 }],
      compare: [getChip('nvidia-h800-sxm5-80gb')],
      refine: 2,
    });
    best = r.designs[0];
  }, 300_000);
  it('the best design is H800-like: full Hopper compute, interconnect just below the 2022 line', () => {
    const m = chipMetrics(best.chip);
    expect(best.spec.bf16Tflops).toBeGreaterThanOrEqual(989);
    expect(m.tpp).toBeGreaterThanOrEqual(4800);
    expect(m.io2022GBps).toBeLessThan(600);
    // The last NVLink step below the line (9 links = 450 GB/s; 10 links would cross 600 with the 128 GB/s host link).
    expect(best.chip.scaleUpGBps).toBe(450);
    expect(best.binding.some((b) => b.kind === 'rule' && b.spec === 'scaleUp' && b.constraint.includes('io2022GBps >= 600'))).toBe(true);
  });
  it('the real H800 is compliant and within 10% of the optimum (5%: 80 GB on 5 stacks, 8 of 9 allowed links)', () => {
    const h800 = r.references[0];
    expect(h800.compliant).toBe(true);
    expect(h800.distancePct).not.toBeNull();
    expect(h800.distancePct!).toBeGreaterThanOrEqual(0);
    expect(h800.distancePct!).toBeLessThan(10);
  });
  it('counts what it evaluated', () => {
    expect(r.counts.grid).toBeGreaterThan(r.counts.compliant);
    expect(r.counts.plansEvaluated).toBeGreaterThan(0);
  });
});

describe('history check: us-2023-10, QwQ-32B serving 1000 in / 8000 out at TPOT 50 ms on 8', () => {
  let r: DesignResult;
  let best: DesignOutcome;
  beforeAll(() => {
    r = designSearch({
      envelope: env,
      ruleSet: { rules: ['us-2023-10'], ctx: ruleContext({ date: '2024-06-01', destination: 'CN' }), overrides: [] },
      workloads: [{ kind: 'serve', model: getModel('qwq-32b'), gpus: 8, promptTokens: 1000, outputTokens: 8000, tpotSeconds: 0.05 }],
      compare: [getChip('nvidia-h20'), getChip('nvidia-h20-141gb')],
    });
    best = r.designs[0];
  }, 120_000);
  it('the best design is H20-like: TPP just below 2400, PD below 3.2, the most HBM the envelope allows', () => {
    const m = chipMetrics(best.chip);
    expect(m.tpp!).toBeLessThan(2400);
    expect(m.tpp!).toBeGreaterThan(2300);
    expect(m.pd!).toBeLessThan(3.2);
    expect(best.chip.memoryTBps).toBeGreaterThanOrEqual(4.0);
    expect(best.chip.memoryGB).toBeGreaterThanOrEqual(96);
    expect(best.binding.filter((b) => b.spec === 'compute').map((b) => b.constraint).join(' ')).toContain('tpp >= 2400');
  });
  it('the real H20s are compliant; spec for spec they are within 5% of the optimum', () => {
    for (const x of r.references) {
      expect(x.compliant, x.id).toBe(true);
      expect(x.specDistancePct!, x.id).toBeGreaterThanOrEqual(0);
      expect(x.specDistancePct!, x.id).toBeLessThan(5);
    }
  });
  it('with its own measured calibration the H20 predicts better than a Hopper-class design of the same specs (the assumption that differs)', () => {
    const h20 = r.references[0];
    expect(h20.distancePct!).toBeLessThan(h20.specDistancePct!);
  });
});
