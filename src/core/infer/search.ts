/**
 * Deployment search: the cheapest serving deployment that meets TTFT/TPOT targets. It walks
 * accelerator counts, layouts (tp, pp, dp, ep) and batches; for each layout it keeps the batch
 * with the lowest cost per output token (all accelerator time, prefill included: the same ranking as
 * cost per query) that meets the targets (cost falls as the batch grows
 * until latency or memory stops it, but not monotonically once prefill stalls dominate, so every
 * batch on the grid is evaluated; no plan is skipped on a guess). Ranking: cost per million
 * output tokens (accelerator-seconds per token when the chip has no price). Pure and synchronous.
 *
 * The training search kernel (search/kernel.ts) is specialised to training plans (micro-batch,
 * recompute, ZeRO) and memory pruning; serving layouts are few (hundreds), so a direct walk is used.
 */
import type { Chip, Model } from '../catalog/schemas.js';
import { ChipboundError } from '../errors.js';
import { hasNoScaleUpLink, scaleUpLinkIssue } from './comm.js';
import { evaluateServing, servingPlanContradiction } from './evaluate.js';
import type { ServingInput, ServingPlan, ServingResult } from './types.js';

/** What the search may vary and what it must meet (the workload fields as in ServingInput). */
export interface ServingSearchInput
  extends Pick<ServingInput, 'model' | 'chip' | 'promptTokens' | 'outputTokens' | 'phase' | 'precision' | 'kvPrecision' | 'speculative' | 'gpusPerNode'> {
  /** Fixed accelerator count; omitted = try 1, 2, 4, ... up to `maxGpus`. */
  readonly gpus?: number;
  /** Largest deployment to try when `gpus` is omitted; default 64. */
  readonly maxGpus?: number;
  /** Fixed plan degrees (any subset). */
  readonly fixed?: Partial<ServingPlan>;
  /** Fixed batch (sequences in flight, whole deployment); omitted = searched. */
  readonly batch?: number;
  /** Time-to-first-token target, seconds. */
  readonly ttftSeconds?: number;
  /** Time-per-output-token target, seconds. */
  readonly tpotSeconds?: number;
  /** Deployments to return; default 5. */
  readonly top?: number;
}

/** One deployment the search kept. */
export interface ServingCandidate {
  /** Objective: USD per million output tokens counting all accelerator time, prefill included (accelerator-seconds per million when unpriced). */
  readonly score: number;
  readonly result: ServingResult;
}

/** Search output. */
export interface ServingSearchResult {
  /** Best first; empty when nothing meets the targets. */
  readonly candidates: readonly ServingCandidate[];
  /** Deployments evaluated. */
  readonly evaluated: number;
  /** Deployments that fit in memory. */
  readonly fitting: number;
  /** Deployments that also met the targets. */
  readonly feasible: number;
}

function pow2UpTo(n: number): number[] {
  const out: number[] = [];
  for (let v = 1; v <= n; v *= 2) out.push(v);
  return out;
}

/** Batches tried: 1, then steps of about √2 (1, 2, 3, 4, 6, 8, 11, 16, 23, ...) up to and including the largest that fits. */
export function batchGrid(maxBatch: number): number[] {
  const out = new Set<number>();
  for (let k = 0; ; k++) {
    const v = Math.round(Math.SQRT2 ** k);
    if (v > maxBatch) break;
    out.add(v);
  }
  out.add(maxBatch);
  return [...out];
}

function score(r: ServingResult): number {
  if (r.outputTokensPerSecond <= 0) return Number.POSITIVE_INFINITY;
  if (r.phase === 'prefill') {
    const inTps = r.requestsPerSecond * r.promptTokens;
    return r.usdPerGpuHour !== null ? ((r.usdPerGpuHour * r.gpus) / 3600 / inTps) * 1e6 : (r.gpus / inTps) * 1e6;
  }
  return r.usdPerGpuHour !== null ? ((r.usdPerGpuHour * r.gpus) / 3600 / r.outputTokensPerSecond) * 1e6 : (r.gpus / r.outputTokensPerSecond) * 1e6;
}

/** Layouts (tp, pp, dp, ep) of `gpus` accelerators that respect the fixed degrees. */
export function layouts(model: Model, chip: Chip, gpus: number, fixed: Partial<ServingPlan> = {}): ServingPlan[] {
  const domain = Math.max(1, Math.min(chip.scaleUpDomain ?? 8, 72));
  const out: ServingPlan[] = [];
  // No scale-up link (scaleUpGBps 0): tensor parallelism cannot run (comm.ts scaleUpLinkIssue).
  const tps = fixed.tp ? [fixed.tp] : hasNoScaleUpLink(chip) ? [1] : pow2UpTo(Math.min(gpus, domain * 2));
  const pps = fixed.pp ? [fixed.pp] : [1, 2, 4].filter((p) => p <= model.layers);
  for (const tp of tps) {
    for (const pp of pps) {
      const dps = fixed.dp ? [fixed.dp] : pow2UpTo(gpus / (tp * pp));
      for (const dp of dps) {
        if (gpus % (tp * dp * pp) !== 0) continue;
        if (!model.moe && dp > 1 && !fixed.dp) continue; // dense: replicas are separate instances already
        // MoE: experts tensor-parallel with attention (ep 1) or spread over all tp·dp chips of the stage
        // (ep = tp·dp, the DeepSeek/SGLang layout); mixed expert-TP × EP layouts are not searched.
        const eps = fixed.ep ? [fixed.ep] : model.moe ? [...new Set([1, Math.min(tp * dp, model.moe.experts)])] : [1];
        for (const ep of eps) {
          if (ep > 1 && (tp * dp) % ep !== 0) continue;
          if (ep > 1 && !model.moe) continue;
          out.push({ tp, pp, dp, ep });
        }
      }
    }
  }
  return out;
}

/** Finds the cheapest deployments meeting the targets. */
export function searchServing(s: ServingSearchInput): ServingSearchResult {
  const top = s.top ?? 5;
  if (!(Number.isInteger(top) && top >= 1)) throw new ChipboundError('usage', `top: expected a whole number >= 1, got ${top}`);
  const contradiction = servingPlanContradiction(s.model, s.fixed ?? {}, s.speculative);
  if (contradiction) throw new ChipboundError('usage', contradiction);
  const noLink = scaleUpLinkIssue(s.chip, { tp: s.fixed?.tp ?? 1 });
  if (noLink) throw new ChipboundError('usage', noLink);
  const gpuCounts = s.gpus ? [s.gpus] : pow2UpTo(s.maxGpus ?? 64);
  const kept: ServingCandidate[] = [];
  let evaluated = 0;
  let fitting = 0;
  let feasible = 0;
  for (const gpus of gpuCounts) {
    for (const plan of layouts(s.model, s.chip, gpus, s.fixed)) {
      const base = {
        model: s.model,
        chip: s.chip,
        gpus,
        plan,
        promptTokens: s.promptTokens,
        outputTokens: s.outputTokens,
        phase: s.phase,
        precision: s.precision,
        kvPrecision: s.kvPrecision,
        speculative: s.speculative,
        gpusPerNode: s.gpusPerNode,
      };
      let free: ServingResult;
      try {
        free = evaluateServing({ ...base, batch: s.batch });
      } catch (e) {
        if (e instanceof ChipboundError && e.code === 'usage') continue; // layout not valid for this model
        throw e;
      }
      evaluated++;
      if (free.maxBatch < 1) continue;
      const batches = s.batch ? [s.batch] : batchGrid(free.maxBatch);
      let best: ServingCandidate | null = null;
      for (const batch of batches) {
        const r = batch === free.batch ? free : evaluateServing({ ...base, batch });
        evaluated++;
        if (!r.fits) continue;
        fitting++;
        if (s.ttftSeconds !== undefined && r.ttftSeconds > s.ttftSeconds) continue;
        if (s.tpotSeconds !== undefined && s.phase !== 'prefill' && r.tpotSeconds > s.tpotSeconds) continue;
        feasible++;
        const c = { score: score(r), result: r };
        if (!best || c.score < best.score) best = c;
      }
      if (best) kept.push(best);
    }
  }
  kept.sort((a, b) => a.score - b.score || a.result.gpus - b.result.gpus);
  // More copies of the same instance at the same per-instance batch cost the same per token: keep the smallest.
  const seen = new Set<string>();
  const distinct = kept.filter((c) => {
    const r = c.result;
    const key = `${r.plan.tp}/${r.plan.pp}/${r.plan.dp}/${r.plan.ep}/${r.batch / r.instances}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { candidates: distinct.slice(0, top), evaluated, fitting, feasible };
}
