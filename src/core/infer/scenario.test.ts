import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import { evaluateServing } from './evaluate.js';
import { fixedLength } from './lengths.js';
import { runScenario, type ScenarioInput } from './scenario.js';
import { inflightStep, replicaContext } from './scheduling.js';

const h100 = getChip('nvidia-h100-sxm5-80gb');
const h800 = getChip('nvidia-h800-sxm5-80gb');
const h20 = getChip('nvidia-h20');
const l70 = getModel('llama-2-70b');
const dsv3 = getModel('deepseek-v3');

const base: ScenarioInput = {
  model: l70,
  chip: h100,
  gpus: 8,
  plan: { tp: 2, pp: 1, dp: 1, ep: 1 },
  precision: 'fp8',
  kvPrecision: 'fp8',
  promptTokens: { mean: 870, p99: 1024, max: 1024 },
  outputTokens: { mean: 294, p99: 1024, max: 1024 },
  scenario: 'offline',
  engine: 'trtllm-2024',
  sweepPoints: 6,
};

describe('scenarios', () => {
  it('in-flight batching with chunked prefill beats prefill in series (static) offline', () => {
    const inflight = runScenario({ ...base, scheduling: 'inflight' });
    const stat = runScenario({ ...base, scheduling: 'static' });
    expect(inflight.feasible && stat.feasible).toBe(true);
    expect(inflight.outputTokensPerSecondPerGpu).toBeGreaterThan(stat.outputTokensPerSecondPerGpu);
    expect(inflight.outputTokensPerSecondPerGpu).toBeCloseTo(inflight.outputTokensPerSecond / 8, 6);
  });

  it('server: the operating point meets the p99 targets, stays below offline, and the sweep rises in rate and latency', () => {
    const off = runScenario(base);
    const srv = runScenario({ ...base, scenario: 'server', ttftSeconds: 2, tpotSeconds: 0.2 });
    expect(srv.feasible).toBe(true);
    expect(srv.ttftP99Seconds).toBeLessThanOrEqual(2);
    expect(srv.tpotP99Seconds).toBeLessThanOrEqual(0.2);
    expect(srv.outputTokensPerSecond).toBeLessThanOrEqual(off.outputTokensPerSecond);
    expect(srv.sweep).toHaveLength(6);
    for (let i = 1; i < srv.sweep.length; i++) {
      expect(srv.sweep[i].requestsPerSecond).toBeGreaterThan(srv.sweep[i - 1].requestsPerSecond);
      expect(srv.sweep[i].tpotP99Seconds).toBeGreaterThanOrEqual(srv.sweep[i - 1].tpotP99Seconds);
    }
    // A tighter (interactive) limit never allows a higher rate.
    const inter = runScenario({ ...base, scenario: 'server', ttftSeconds: 0.45, tpotSeconds: 0.04 });
    expect(inter.requestsPerSecond).toBeLessThanOrEqual(srv.requestsPerSecond);
  });

  it('an impossible target is infeasible with the reason, not a silent zero', () => {
    const r = runScenario({ ...base, scenario: 'server', tpotSeconds: 0.001 });
    expect(r.feasible).toBe(false);
    expect(r.reason).toMatch(/p99 TPOT/);
  });

  it('disaggregated: the pools add up to the deployment and the KV transfer is charged', () => {
    const r = runScenario({ ...base, gpus: 16, scheduling: 'disaggregated', plan: { tp: 2, pp: 1, dp: 1, ep: 1 } });
    expect(r.pools).not.toBeNull();
    expect(r.pools!.prefillGpus + r.pools!.decodeGpus).toBe(16);
    expect(r.pools!.kvTransferSeconds).toBeGreaterThan(0);
    expect(r.outputTokensPerSecondPerGpu).toBeGreaterThan(0);
  });

  it('disaggregated without a layout gives each pool its own layout, and the prefill pool meets half the TTFT target unloaded', () => {
    const r = runScenario({ ...base, model: getModel('llama-3.1-70b'), chip: h20, plan: undefined, scheduling: 'disaggregated', scenario: 'server', ttftSeconds: 2, sweepPoints: 0, promptTokens: { mean: 2000, p99: 4000, max: 4096 }, outputTokens: { mean: 500, p99: 1500, max: 2000 } });
    const p = r.pools!;
    expect(p.prefillGpus + p.decodeGpus).toBeLessThanOrEqual(8);
    expect(p.prefillGpus % (p.prefillPlan.tp * p.prefillPlan.pp * p.prefillPlan.dp)).toBe(0);
    expect(p.decodeGpus % (p.decodePlan.tp * p.decodePlan.pp * p.decodePlan.dp)).toBe(0);
    expect(r.plan).toEqual(p.decodePlan);
    expect(r.feasible).toBe(true);
    expect(r.ttftP99Seconds).toBeLessThanOrEqual(2);
  });

  it('chooses a layout when none is given, and DeepSeek defaults to disaggregated', () => {
    const r = runScenario({ ...base, plan: undefined });
    expect(r.gpus % (r.plan.tp * r.plan.pp * r.plan.dp)).toBe(0);
    const d = runScenario({ ...base, model: dsv3, chip: h20, gpus: 32, plan: { tp: 1, pp: 1, dp: 16, ep: 16 }, engine: 'deepseek-infer-2025', promptTokens: fixedLength(2000), outputTokens: fixedLength(500) });
    expect(d.scheduling).toBe('disaggregated');
    expect(d.pools!.prefillGpus + d.pools!.decodeGpus).toBe(32);
  });

  it('the engine profile sets the host time per step', () => {
    const a = runScenario({ ...base, engine: 'trtllm-2024' });
    const b = runScenario({ ...base, engine: 'sglang-2025' });
    expect(a.breakdown.host).toBe(1e-3);
    expect(b.breakdown.host).toBe(0.3e-3);
  });
});

describe('properties', () => {
  it('a prompt chunk never makes an in-flight step faster, and a bigger batch never makes it faster', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 4000 }), fc.integer({ min: 20, max: 2000 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (isl, osl, b1, b2) => {
        const c = replicaContext({ model: l70, chip: h100, plan: { tp: 2, pp: 1, dp: 1, ep: 1 }, precision: 'fp8', kvPrecision: 'fp8', isl, osl, kvLen: isl + osl, chunkTokens: 8192 });
        const [lo, hi] = b1 <= b2 ? [b1, b2] : [b2, b1];
        expect(inflightStep(c, lo).stepSeconds).toBeGreaterThanOrEqual(inflightStep(c, lo, 0, true).stepSeconds);
        expect(inflightStep(c, hi).stepSeconds).toBeGreaterThanOrEqual(inflightStep(c, lo).stepSeconds);
      }),
      { numRuns: 60 },
    );
  });
  it('server throughput never exceeds offline throughput', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 3000 }), fc.integer({ min: 50, max: 1500 }), fc.constantFrom<'static' | 'inflight'>('static', 'inflight'), (isl, osl, scheduling) => {
        const s = { ...base, promptTokens: fixedLength(isl), outputTokens: fixedLength(osl), scheduling, sweepPoints: 0 };
        const off = runScenario(s);
        const srv = runScenario({ ...s, scenario: 'server', ttftSeconds: 2, tpotSeconds: 0.2 });
        expect(srv.outputTokensPerSecond).toBeLessThanOrEqual(off.outputTokensPerSecond * (1 + 1e-9));
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});

describe('DeepSeek-V3 prefill: EP all-to-all and two-micro-batch overlap', () => {
  const prefill = (chip: typeof h100, ep: number) =>
    evaluateServing({ model: dsv3, chip, gpus: ep, plan: { tp: 1, pp: 1, dp: ep, ep }, promptTokens: 4096, outputTokens: 1, precision: 'fp8', phase: 'prefill' });
  it('H800 and H100 differ where NVLink binds (EP8 inside a node); at EP32 both wait on the same NIC', () => {
    const a = prefill(h800, 8);
    const b = prefill(h100, 8);
    expect(b.prefill.tokensPerSecondPerGpu).toBeGreaterThan(a.prefill.tokensPerSecondPerGpu * 1.1);
    expect(a.prefill.breakdown.epComm).toBeGreaterThan(b.prefill.breakdown.epComm * 1.5);
    const c = prefill(h800, 32);
    const d = prefill(h100, 32);
    expect(c.prefill.breakdown.epComm).toBeCloseTo(d.prefill.breakdown.epComm, 9);
  });
  it('the breakdown shows compute, attention, exposed and hidden all-to-all, and host time', () => {
    const r = prefill(h800, 32).prefill.breakdown;
    expect(r.experts).toBeGreaterThan(0);
    expect(r.attention).toBeGreaterThan(0);
    expect(r.epExposed).toBeGreaterThan(0);
    expect(r.epExposed).toBeLessThan(r.epComm); // part hidden under the other micro-batch
    expect(r.host).toBeGreaterThan(0);
    const sum = r.denseGemm + r.experts + r.attention + r.overhead + r.epExposed + r.tpComm + r.ppComm + r.host;
    expect(sum).toBeCloseTo(r.total, 9);
  });
  it('without overlap the whole all-to-all is exposed', () => {
    const r = evaluateServing({ model: dsv3, chip: h800, gpus: 32, plan: { tp: 1, pp: 1, dp: 32, ep: 32 }, promptTokens: 4096, outputTokens: 1, precision: 'fp8', phase: 'prefill', overlap: false });
    expect(r.prefill.breakdown.epExposed).toBe(r.prefill.breakdown.epComm);
  });
});
