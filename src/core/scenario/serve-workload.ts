/**
 * A serving workload on one pool: the cheapest deployment (infer/search.ts) of at most 64
 * accelerators that meets the latency bound, then as many copies as the traffic needs. Cost per
 * million output tokens is at the pool's rate (the chip passed in already carries it).
 */
import type { Chip, Model } from '../catalog/schemas.js';
import { searchServing, type ServingSearchInput, type ServingSearchResult } from '../infer/search.js';
import type { WeightPrecision } from '../infer/types.js';
import type { ServeWorkload } from './schema.js';
import type { ServeOutcome } from './types.js';

/** The deployment search as scenarios call it. */
export type ServeSearch = (s: ServingSearchInput) => ServingSearchResult;

/** Largest single deployment tried, accelerators. */
export const maxDeploymentGpus = 64;

/** Weight precision: the workload's, else FP8 where the chip has FP8 tensor cores, else BF16. */
export function servePrecision(w: ServeWorkload, chip: Chip): WeightPrecision {
  return w.precision ?? (chip.tflops.fp8 != null ? 'fp8' : 'bf16');
}

function floorPow2(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

/** Predicts serving `w` on `gpus` accelerators of `chip`. */
export function serveOutcome(w: ServeWorkload, model: Model, chip: Chip, gpus: number, search: ServeSearch = searchServing): ServeOutcome {
  const precision = servePrecision(w, chip);
  const none = (why: string): ServeOutcome => ({
    kind: 'serve', gpusPerDeployment: null, deployments: null, gpus: null, poolSuffices: null, plan: null, precision, batch: null, why,
    outputTokensPerSecondPerGpu: null, outputTokensPerSecond: null, tpotSeconds: null, ttftSeconds: null, usdPerMillionOutputTokens: null, joulesPerOutputToken: null,
  });
  if (gpus < 1) return none('no accelerators in the pool');
  const r = search({ model, chip, maxGpus: floorPow2(Math.min(gpus, maxDeploymentGpus)), promptTokens: w.promptTokens, outputTokens: w.outputTokens, precision, tpotSeconds: w.maxTpotSeconds, top: 1 });
  const best = r.candidates[0];
  if (!best) return none(r.fitting === 0 ? `the model does not fit on up to ${floorPow2(Math.min(gpus, maxDeploymentGpus))} accelerators at ${precision}` : `no deployment meets the latency bound (${r.fitting} fit in memory)`);
  const d = best.result;
  const perDeployment = d.outputTokensPerSecond;
  const deployments = w.outputTokensPerSecond !== undefined ? Math.ceil(w.outputTokensPerSecond / perDeployment) : Math.floor(gpus / d.gpus);
  const used = deployments * d.gpus;
  return {
    kind: 'serve',
    gpusPerDeployment: d.gpus,
    deployments,
    gpus: used,
    poolSuffices: used <= gpus,
    plan: d.plan,
    precision,
    batch: d.batch,
    why: null,
    outputTokensPerSecondPerGpu: d.outputTokensPerSecondPerGpu,
    outputTokensPerSecond: w.outputTokensPerSecond ?? perDeployment * deployments,
    tpotSeconds: d.tpotSeconds,
    ttftSeconds: d.ttftSeconds,
    // Whole accelerator time (prefill and decode) per output token: what a provider pays per token sold.
    usdPerMillionOutputTokens: d.usdPerGpuHour !== null ? best.score : null,
    joulesPerOutputToken: d.joulesPerOutputToken,
  };
}
