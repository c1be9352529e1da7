import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip, getModel } from '../catalog/catalog.js';
import { compareWithPublished } from '../search/published.js';
import { defaultPlan, evaluatePlan, prepareJob } from './evaluate.js';
import { speedRatio, uncertaintyBand, untestedFeatures } from './uncertainty.js';
import { validateCatalog } from './validate.js';
import { generatedResiduals } from './residuals.generated.js';
import { residualsModuleText } from './residuals.js';
import { readFileSync } from 'node:fs';

const report = validateCatalog(builtinCatalog());

describe('uncertainty from validation residuals', () => {
  it('speed ratios invert time-like measures', () => {
    for (const r of report.runs) {
      const timeLike = r.measure === 'step_time_s' || r.measure === 'gpu_hours_per_trillion_tokens';
      expect(speedRatio(r)).toBeCloseTo(timeLike ? 1 / (1 + r.error) : 1 + r.error, 9);
    }
  });

  it('a band brackets the prediction in ascending order, from the family runs', () => {
    const prep = prepareJob({ model: getModel('gpt3-175b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 1024, seq: 2048, globalBatch: 2048 });
    const r = evaluatePlan(prep, defaultPlan(prep, { tp: 8, pp: 8, dp: 16 }));
    const b = uncertaintyBand('hopper', r)!;
    expect(b.runs).toBe(report.runs.filter((x) => x.inSummary && x.family === 'hopper').length);
    expect(b.basis).toMatch(/leave-one-source-out/);
    expect(b.stepTimeSeconds[0]).toBeLessThanOrEqual(b.stepTimeSeconds[1]);
    expect(b.mfu[0]).toBeLessThanOrEqual(b.mfu[1]);
    expect(b.speedRatio[0]).toBeLessThanOrEqual(b.speedRatio[1]);
    expect(b.stepTimeSeconds[0] / r.stepTimeSeconds).toBeCloseTo(b.speedRatio[0], 9);
  });

  it('the band is drawn from the leave-one-source-out residuals, at least as wide as the in-sample ones', () => {
    const prep = prepareJob({ model: getModel('gpt3-175b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 1024, seq: 2048, globalBatch: 2048 });
    const r = evaluatePlan(prep, defaultPlan(prep, { tp: 8, pp: 8, dp: 16 }));
    for (const fam of ['ampere', 'hopper']) {
      const loso = uncertaintyBand(fam, r)!;
      const own = generatedResiduals[fam];
      const inSample = uncertaintyBand(fam, r, { [fam]: { ...own, leaveOneSourceOut: own.inSample } })!;
      expect(loso.speedRatio[1] - loso.speedRatio[0]).toBeGreaterThanOrEqual(inSample.speedRatio[1] - inSample.speedRatio[0] - 1e-9);
    }
    // A family without validated runs borrows every family's residuals and says so.
    expect(uncertaintyBand('h20', r)!.family).toMatch(/all families/);
  });

  it('residuals.generated.ts is up to date (npm run residuals)', () => {
    expect(residualsModuleText(builtinCatalog()) === readFileSync(new URL('./residuals.generated.ts', import.meta.url), 'utf8'), 'src/core/train/residuals.generated.ts is stale: run npm run residuals').toBe(true);
  }, 120_000);

  it('names DualPipe on a dense model as a feature no validating run used', () => {
    const prep = prepareJob({ model: getModel('llama-3.1-405b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 16384, seq: 8192, globalBatch: 2048 });
    const plan = defaultPlan(prep, { tp: 8, pp: 16, dp: 128, schedule: 'dualpipe' });
    expect(untestedFeatures(report, prep, plan)).toContain('dualpipe schedule on a dense model');
  });

  it('compares a plan with the published plan of the same job, term by term', () => {
    const job = { model: getModel('llama-3.1-405b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 16384, seq: 8192, globalBatch: 2048, framework: 'nemo-2024' as const };
    const prep = prepareJob(job);
    const r = evaluatePlan(prep, defaultPlan(prep, { tp: 8, pp: 16, dp: 128, vpp: 2, recompute: 'none' }));
    const c = compareWithPublished(builtinCatalog(), job, r, uncertaintyBand('hopper', r));
    expect(c.length).toBeGreaterThan(0);
    for (const x of c) {
      expect(x.gain).toBeCloseTo(1 - r.stepTimeSeconds / x.stepTimeSeconds, 9);
      expect(x.exceedsBand).toBe(x.gain > x.bandHalfWidth!);
    }
  });

  it('without a run of the same job, compares with the nearest published layouts of the same model and chip on this job', () => {
    const job = { model: getModel('gpt3-175b'), chip: getChip('nvidia-a100-sxm4-80gb'), gpus: 1024, seq: 2048, globalBatch: 1536, framework: 'megatron-lm-2023' as const };
    const prep = prepareJob(job);
    const r = evaluatePlan(prep, defaultPlan(prep, { tp: 8, pp: 8, dp: 16, recompute: 'selective' }));
    const c = compareWithPublished(builtinCatalog(), job, r, uncertaintyBand('ampere', r));
    expect(c.length).toBeGreaterThan(0);
    expect(c.length).toBeLessThanOrEqual(2);
    for (const x of c) {
      expect(x.scope).toBe('same-model-chip');
      expect(x.publishedGpus).not.toBe(1024);
      expect(x.plan.tp * x.plan.pp * x.plan.dp * x.plan.cp).toBe(1024);
      expect(x.plan.dp * x.plan.microBatch).toBeLessThanOrEqual(1536);
    }
    expect(new Set(c.map((x) => JSON.stringify(x.plan))).size).toBe(c.length);
  });
});
