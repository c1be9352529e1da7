/** Human view of a training-plan evaluation (shared by `chipbound train` and the plan search). */
import type { TrainResult } from '../../core/train/types.js';
import { fmt, pct, table } from '../table.js';
import { formatPlan } from '../../core/plan-notation.js';

const sec = (s: number) => (Number.isFinite(s) ? (s >= 1 ? `${fmt(s, 4)} s` : `${fmt(s * 1000, 3)} ms`) : '—');
const gib = (g: number) => `${fmt(g, 3)} GiB`;

/** Renders a TrainResult as text tables: plan, results, memory and step-time breakdowns, cost. */
export function renderTrainResult(r: TrainResult): string {
  const p = r.plan;
  const out: string[] = [];
  out.push(
    `plan: ${formatPlan(p)}`,
  );
  if (r.infeasible?.code === 'invalid_plan') {
    out.push(`invalid plan: ${r.infeasible.message}`);
    return out.join('\n');
  }
  out.push(r.fits ? 'fits: yes' : `fits: NO — ${r.infeasible?.message ?? ''}`);
  out.push('');
  out.push(
    table(
      ['result', 'value'],
      [
        ['step time', sec(r.stepTimeSeconds)],
        ['micro-batches per step', fmt(r.microbatches, 6)],
        ['tokens/s', fmt(r.tokensPerSecond)],
        ['tokens/s per accelerator', fmt(r.tokensPerSecondPerGpu)],
        ['MFU (dense BF16 peak)', pct(r.mfu)],
        ...(r.plan.precision === 'fp8' ? [['MFU (dense FP8 peak, the GEMM precision)', pct(r.mfuPrecisionPeak)]] : []),
        ['HFU (with recompute)', pct(r.hfu)],
        ['model FLOPs per step', fmt(r.flopsPerStep)],
      ],
    ),
  );
  out.push('');
  const m = r.memory;
  out.push(
    table(
      ['memory per accelerator (most loaded stage)', 'GiB'],
      [
        ['weights', gib(m.weightsGiB)],
        ['gradients', gib(m.gradientsGiB)],
        ['optimizer states', gib(m.optimizerGiB)],
        ['activations', gib(m.activationsGiB)],
        ['buffers + runtime reserve', gib(m.buffersGiB)],
        ['peak', gib(m.peakGiB)],
        ['capacity', gib(m.capacityGiB)],
        ['headroom', gib(m.headroomGiB)],
      ],
    ),
  );
  out.push('');
  const b = r.breakdown;
  const share = (x: number) => (r.stepTimeSeconds > 0 && Number.isFinite(r.stepTimeSeconds) ? pct(x / r.stepTimeSeconds) : '—');
  const row = (name: string, x: number): [string, string, string] => [name, sec(x), share(x)];
  out.push(
    table(
      ['step time part', 'time', 'share'],
      [
        row('compute (slowest stage)', b.computeS),
        row('  GEMMs', b.gemmS),
        row('  attention', b.attentionS),
        row('  element-wise / casts', b.elementwiseS),
        row('  recomputation', b.recomputeS),
        row('TP/SP collectives', b.tpCommS),
        row('CP ring exchange (exposed)', b.cpCommS),
        row(`EP all-to-all (exposed; total ${sec(b.epCommTotalS)})`, b.epCommS),
        row('PP point-to-point', b.ppCommS),
        row('pipeline bubble', b.bubbleS),
        row(`DP reduce/gather (exposed; total ${sec(b.dpCommTotalS)})`, b.dpCommS),
        row(`ZeRO-3 gathers (exposed; total ${sec(b.zero3CommTotalS)})`, b.zero3CommS),
        row('optimizer step', b.optimizerS),
        row('step', r.stepTimeSeconds),
      ],
    ),
  );
  if (r.cost) {
    const c = r.cost;
    out.push('');
    out.push(
      table(
        [`to train ${fmt(c.tokens)} tokens`, 'value'],
        [
          ['days', fmt(c.days)],
          ['accelerator-hours', fmt(c.gpuHours)],
          ['cost', c.costUsd === null ? '—' : `$${fmt(c.costUsd)} (${c.costBasis})`],
          ['energy', c.energyMWh === null ? '—' : `${fmt(c.energyMWh)} MWh`],
        ],
      ),
    );
    for (const a of c.assumptions) out.push(`  assumes ${a}`);
  }
  return out.join('\n');
}
