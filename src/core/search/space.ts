/**
 * The search space: every canonical plan for a job and a fixed partial plan. Plans are
 * grouped into layouts (tp, pp, cp, dp, ep, schedule, vpp, precision); inside a layout the
 * kernel walks recompute × ZeRO × micro-batch, the three fields along which memory is
 * monotone. Fixed fields are taken as given (even where canonicalization would drop them);
 * the evaluator's validatePlan has the last word on validity.
 */
import type { Recompute, Schedule, TrainPrecision } from '../catalog/schemas.js';
import { ChipboundError } from '../errors.js';
import type { Plan, TrainJob } from '../train/types.js';
import { frameworkProfiles } from '../frameworks/profiles.js';
import { maxPipelineSlots, zeroStagesFor } from '../frameworks/capabilities.js';

/** The outer part of a plan: everything except recompute, ZeRO stage and micro-batch. */
export interface Layout extends Omit<Plan, 'recompute' | 'zero' | 'microBatch'> {
  /** Micro-batch sizes to try, sequences, ascending (memory grows with each). */
  readonly microBatches: readonly number[];
  /** ZeRO stages to try, most memory-saving first. */
  readonly zeros: readonly (0 | 1 | 2 | 3)[];
}

/** The enumerated space. */
export interface Space {
  /** Layouts in a deterministic order. */
  readonly layouts: readonly Layout[];
  /** Recompute modes to try, most memory-saving first (full, selective, none). */
  readonly recomputes: readonly Recompute[];
  /** Number of canonical plans (Σ layouts × recomputes × zeros × micro-batches). */
  readonly size: number;
}

/** Space options. */
export interface SpaceOptions {
  /** Precisions to try when `fixed.precision` is unset; default ['bf16']. */
  readonly precisions?: readonly TrainPrecision[];
}

/** Precisions to search: the fixed one, else those asked for that the chip has (FP8 needs FP8 tensor units). */
export function searchPrecisions(job: TrainJob, fixed: Partial<Plan>, asked: readonly TrainPrecision[] = ['bf16']): readonly TrainPrecision[] {
  if (fixed.precision !== undefined) return [fixed.precision];
  const have = asked.filter((p) => p !== 'fp8' || Boolean(job.chip.tflops.fp8));
  return have.length ? have : ['bf16'];
}

/** Divisors of n, ascending. */
export function divisors(n: number): number[] {
  const lo: number[] = [];
  const hi: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d === 0) {
      lo.push(d);
      if (d * d !== n) hi.push(n / d);
    }
  }
  return lo.concat(hi.reverse());
}

/** Accelerators in one scale-up domain (TP must stay inside it). */
export function scaleUpDomain(job: TrainJob): number {
  return job.chip.scaleUpDomain ?? job.gpusPerNode ?? 8;
}

/** Memory-saving order: more recompute uses less activation memory. */
const recomputeOrder: readonly Recompute[] = ['full', 'selective', 'none'];
/** Memory-saving order: a higher ZeRO stage shards more state. */
const zeroOrder: readonly (0 | 1 | 2 | 3)[] = [3, 2, 1, 0];
const pipelineSchedules: readonly Schedule[] = ['1f1b', 'interleaved', 'zb', 'dualpipe'];

function pick<T>(fixed: T | undefined, all: readonly T[]): readonly T[] {
  return fixed === undefined ? all : [fixed];
}

/**
 * Enumerates the canonical space. Canonicalization (equivalent plans kept once):
 * - pp = 1: no pipeline, so the schedule is '1f1b' and vpp = 1;
 * - vpp > 1 only with 'interleaved', which needs vpp ≥ 2 dividing the layers per stage
 *   (Megatron-LM: every virtual chunk holds the same number of layers);
 * - dense models: ep = 1;
 * - sequence parallelism on exactly when tp > 1 (Megatron default).
 * With a framework profile (job.framework) only what that release can run is enumerated:
 * its schedules, recompute policies, ZeRO stages (with and without PP), CP, EP and SP
 * (src/core/frameworks/capabilities.ts; the evaluator rejects the rest anyway).
 */
export function enumerateSpace(job: TrainJob, fixed: Partial<Plan>, opts: SpaceOptions = {}): Space {
  const m = job.model;
  const gpus = job.gpus;
  if (!Number.isInteger(gpus) || gpus < 1) throw new ChipboundError('usage', `gpus: expected a whole number >= 1, got ${gpus}`);
  const domain = scaleUpDomain(job);
  const precisions = searchPrecisions(job, fixed, opts.precisions);
  const experts = m.moe?.experts ?? 1;
  const profile = job.framework ? frameworkProfiles[job.framework] : null;
  const slots = maxPipelineSlots(profile, m.layers);
  const layouts: Layout[] = [];
  let size = 0;
  const tps = fixed.tp !== undefined ? [fixed.tp] : divisors(gpus).filter((t) => t <= domain && domain % t === 0 && m.heads % t === 0 && m.kvHeads % t === 0);
  for (const tp of tps) {
    if (gpus % tp) continue;
    const pps = fixed.pp !== undefined ? [fixed.pp] : divisors(gpus / tp).filter((p) => p <= m.layers);
    for (const pp of pps) {
      if ((gpus / tp) % pp) continue;
      const cps = fixed.cp !== undefined ? [fixed.cp] : divisors(gpus / tp / pp).filter((c) => job.seq % c === 0 && (c === 1 || !profile || profile.contextParallel));
      for (const cp of cps) {
        if ((gpus / tp / pp) % cp) continue;
        const dp = gpus / tp / pp / cp;
        if (fixed.dp !== undefined && fixed.dp !== dp) continue;
        if (job.globalBatch % dp) continue;
        const microBatches = fixed.microBatch !== undefined ? [fixed.microBatch] : divisors(job.globalBatch / dp);
        const eps = fixed.ep !== undefined ? [fixed.ep] : m.moe ? divisors(experts).filter((e) => (dp * cp * tp) % e === 0 && (e === 1 || !profile || profile.expertParallel)) : [1];
        for (const ep of eps) {
          // Expert TP (Megatron-Core --expert-tensor-parallel-size): 1, or TP (its default), where
          // the profile has expert parallelism; ep·etp must divide the stage's ranks.
          const etps =
            fixed.etp !== undefined
              ? [fixed.etp]
              : m.moe && tp > 1 && (!profile || profile.expertParallel)
                ? [1, tp].filter((e) => (dp * cp * tp) % (ep * e) === 0 && m.moe!.expertFfnHidden % e === 0)
                : [1];
          // All four stages even without data parallelism: ZeRO-2/3 also change the gradient
          // format (BF16 instead of FP32 main grads) in the training model, so they are not no-ops.
          const zeros = fixed.zero !== undefined ? [fixed.zero] : profile ? zeroOrder.filter((z) => zeroStagesFor(profile, pp).includes(z)) : zeroOrder;
          if (zeros.length === 0) continue;
          const schedules =
            fixed.schedule !== undefined
              ? [fixed.schedule]
              : pp === 1
                ? (['1f1b'] as const)
                : fixed.vpp !== undefined && fixed.vpp > 1
                  ? (['interleaved'] as const)
                  : pipelineSchedules.filter((x) => !profile || profile.schedules.includes(x));
          for (const schedule of schedules) {
            const vpps =
              fixed.vpp !== undefined
                ? [fixed.vpp]
                : schedule === 'interleaved'
                  ? divisors(Math.ceil(m.layers / pp)).filter((v) => v >= 2 && pp * v <= slots)
                  : [1];
            for (const vpp of vpps) {
              for (const precision of precisions) {
                const sequenceParallel = fixed.sequenceParallel ?? (tp > 1 && (!profile || profile.sequenceParallel));
                for (const etp of etps) {
                  layouts.push({ tp, pp, dp, cp, ep, ...(etp > 1 ? { etp } : {}), vpp, schedule, precision, sequenceParallel, microBatches, zeros });
                  size += microBatches.length * zeros.length;
                }
              }
            }
          }
        }
      }
    }
  }
  const recomputes = pick(fixed.recompute, profile ? recomputeOrder.filter((r) => profile.recomputes.includes(r)) : recomputeOrder);
  return { layouts, recomputes, size: size * recomputes.length };
}

/** A stable text key of a plan (for deterministic tie-breaks and deduplication). */
export function planKey(p: Plan): string {
  return `tp${p.tp}.pp${p.pp}.dp${p.dp}.cp${p.cp}.ep${p.ep}${(p.etp ?? 1) > 1 ? `.et${p.etp}` : ''}.v${p.vpp}.mb${p.microBatch}.${p.recompute}.z${p.zero}.${p.precision}.${p.schedule}.${p.sequenceParallel ? 'sp' : 'nosp'}`;
}

/** Key of a plan's layout (top-K keeps one plan per layout); without a pipeline the schedule does not count. */
export function layoutKey(p: Plan | Layout): string {
  const sched = p.pp === 1 ? '-' : `${p.schedule}.v${p.vpp}`;
  return `tp${p.tp}.pp${p.pp}.dp${p.dp}.cp${p.cp}.ep${p.ep}${(p.etp ?? 1) > 1 ? `.et${p.etp}` : ''}.${sched}.${p.precision}`;
}
