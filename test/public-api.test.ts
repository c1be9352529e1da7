/** The library entry point exposes the core capabilities (and nothing that needs Node). */
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API (src/index.ts)', () => {
  it('classifies, evaluates, searches and serves through the named exports', () => {
    const h20 = api.getChip('nvidia-h20');
    expect(api.classifyChip(h20, { date: '2024-06-01', destination: 'CN' }).tpp).toBe(2368);
    const model = api.getModel('llama-3.1-8b');
    expect(api.paramCounts(model).total / 1e9).toBeCloseTo(8.03, 1);
    const job = { model, chip: api.getChip('nvidia-h100-sxm5-80gb'), gpus: 8, seq: 8192, globalBatch: 64 };
    const prep = api.prepareJob(job);
    const r = api.evaluatePlan(prep, api.defaultPlan(prep, { tp: 1, pp: 1, dp: 8 }));
    expect(r.stepTimeSeconds).toBeGreaterThan(0);
    const s = api.searchPlans(job, { pp: 1 }, { top: 1 });
    expect(s.best?.result.stepTimeSeconds ?? Infinity).toBeLessThanOrEqual(r.stepTimeSeconds * 1.0000001);
    const serve = api.evaluateServing({ model, chip: h20, gpus: 1, plan: { tp: 1, pp: 1, dp: 1, ep: 1 }, promptTokens: 1000, outputTokens: 1000 });
    expect(serve.kvCacheBytesPerToken).toBe(131072);
  });
});
