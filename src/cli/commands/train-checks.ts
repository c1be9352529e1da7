/**
 * Contradictions in the plan flags of `chipbound train`: a fully or partly specified plan that
 * cannot exist is bad input (exit 2, one line naming the flags), never a result or an empty
 * search (docs/errors.md, docs/search.md).
 */
import type { Plan } from '../../core/train/types.js';
import type { PreparedJob } from '../../core/train/prepare.js';
import { validatePlan } from '../../core/train/evaluate.js';
import { zeroStagesFor } from '../../core/frameworks/capabilities.js';

/** The first contradiction among the given plan fields (and, for an evaluated plan, the complete plan), or null. */
export function planContradiction(prep: PreparedJob, fixed: Partial<Plan>, full?: Plan): string | null {
  const { tp, pp, dp, cp, ep, vpp, microBatch: mb, schedule, precision, zero, recompute } = fixed;
  const model = prep.model.id;
  if (vpp !== undefined && vpp > 1 && schedule !== undefined && schedule !== 'interleaved') return `--vpp ${vpp} needs --schedule interleaved, got --schedule ${schedule}`;
  if (precision === 'fp8' && !prep.chip.tflops.fp8) return `--precision fp8: ${prep.chip.name} has no FP8 tensor cores (tflops.fp8 is not set)`;
  if (ep !== undefined && ep > 1 && prep.moeLayers === 0) return `--ep ${ep}: ${model} is a dense model (no experts); leave --ep out`;
  if (ep !== undefined && ep > 1 && prep.experts % ep !== 0) return `--ep ${ep} must divide the ${prep.experts} experts of ${model}`;
  if (fixed.etp !== undefined && fixed.etp > 1 && prep.moeLayers === 0) return `--etp ${fixed.etp}: ${model} is a dense model (no experts); leave --etp out`;
  const given = ([['--tp', tp], ['--pp', pp], ['--dp', dp], ['--cp', cp]] as const).filter(([, v]) => v !== undefined) as readonly (readonly [string, number])[];
  const product = given.reduce((a, [, v]) => a * v, 1);
  if (given.length === 4 && product !== prep.gpus) return `${given.map(([k]) => k).join('·')} = ${product} must equal --gpus ${prep.gpus}`;
  if (given.length > 0 && prep.gpus % product !== 0) return `${given.map(([k]) => k).join('·')} = ${product} does not divide --gpus ${prep.gpus}`;
  const derived = tp !== undefined && pp !== undefined && cp !== undefined ? prep.gpus / (tp * pp * cp) : undefined;
  const d = full?.dp ?? dp ?? derived;
  const b = full?.microBatch ?? mb;
  if (d !== undefined && b === undefined && prep.globalBatch % d !== 0) return `--global-batch ${prep.globalBatch} is not divisible by ${dp !== undefined ? '--dp' : 'dp'} ${d}`;
  if (d !== undefined && b !== undefined) {
    const what = `${mb !== undefined ? '--micro-batch' : 'micro-batch'} ${b} × ${dp !== undefined ? '--dp' : 'dp'} ${d}`;
    if (d * b > prep.globalBatch) return `${what} = ${d * b} exceeds --global-batch ${prep.globalBatch}`;
    if (prep.globalBatch % (d * b) !== 0) return `--global-batch ${prep.globalBatch} is not divisible by ${what} = ${d * b}`;
  }
  const p = prep.profile;
  if (p) {
    const id = p.id;
    if (schedule !== undefined && (pp === undefined || pp > 1) && !p.schedules.includes(schedule)) return `--schedule ${schedule} is not available in --framework ${id} (it offers ${p.schedules.join(', ')})`;
    if (zero !== undefined) {
      const stages = pp !== undefined ? zeroStagesFor(p, pp) : [...new Set([...p.zeroStages, ...p.zeroWithPp])];
      if (!stages.includes(zero)) {
        return pp !== undefined && pp > 1
          ? `--zero ${zero} with --pp ${pp} is not available in --framework ${id} (with pipeline parallelism it offers ZeRO ${p.zeroWithPp.join(', ') || 'none'})`
          : `--zero ${zero} is not available in --framework ${id} (it offers ZeRO ${stages.join(', ')})`;
      }
    }
    if (recompute !== undefined && !p.recomputes.includes(recompute)) return `--recompute ${recompute} is not available in --framework ${id} (it offers ${p.recomputes.join(', ')})`;
    if (cp !== undefined && cp > 1 && !p.contextParallel) return `--cp ${cp}: context parallelism is not available in --framework ${id}`;
    if (ep !== undefined && ep > 1 && !p.expertParallel) return `--ep ${ep}: expert parallelism is not available in --framework ${id}`;
    if (pp !== undefined && pp > 1 && p.zeroWithPp.length === 0) return `--pp ${pp}: pipeline parallelism is not available in --framework ${id}`;
  }
  if (full) {
    const bad = validatePlan(prep, full);
    if (bad) return `plan ${fullPlanText(full)}: ${bad}`;
  }
  return null;
}

function fullPlanText(p: Plan): string {
  return `tp${p.tp} pp${p.pp} dp${p.dp} cp${p.cp} ep${p.ep}${(p.etp ?? 1) > 1 ? ` etp${p.etp}` : ''}${p.vpp > 1 ? ` vpp${p.vpp}` : ''} mb${p.microBatch} ${p.recompute} zero${p.zero} ${p.precision} ${p.schedule}`;
}
