/**
 * Contradictions in a given (full or partial) training plan: a plan that cannot exist is bad
 * input, never a result or an empty search (docs/errors.md, docs/search.md). Pure; the train CLI
 * names the fields by their flags (`--tp`), scenario files by their plan fields (`tp`).
 *
 * Two parts: field checks that hold whatever the accelerator count (a dense model with ep, vpp
 * with 1F1B, a feature the framework lacks), and layout checks that depend on the count and the
 * chip's scale-up link (tp·pp·dp·cp against the accelerators, the batch split, tp without a link).
 */
import type { Plan } from './types.js';
import type { PreparedJob } from './prepare.js';
import { validatePlan } from './evaluate.js';
import { zeroStagesFor } from '../frameworks/capabilities.js';
import { formatPlan } from '../plan-notation.js';

/** A plan field as the checks name it. */
export type PlanField = keyof Plan | 'etp';

/** How the caller names what it was given. */
export interface PlanNames {
  /** A plan field: '--tp' (train flags) or 'tp' (a scenario plan). */
  readonly field: (k: PlanField) => string;
  /** The global batch: '--global-batch'. */
  readonly globalBatch: string;
  /** The framework: '--framework'. */
  readonly framework: string;
  /** The degrees given against the accelerator count: `equal` when all four are given, else they must divide it. */
  readonly layout: (given: readonly (readonly [PlanField, number])[], product: number, gpus: number, equal: boolean) => string;
}

const FLAGS: Record<PlanField, string> = {
  tp: '--tp', pp: '--pp', dp: '--dp', cp: '--cp', ep: '--ep', etp: '--etp', vpp: '--vpp', microBatch: '--micro-batch',
  recompute: '--recompute', zero: '--zero', precision: '--precision', schedule: '--schedule', sequenceParallel: '--sequence-parallel',
};

/** The train CLI's names (its flags). */
export const flagNames: PlanNames = {
  field: (k) => FLAGS[k],
  globalBatch: '--global-batch',
  framework: '--framework',
  layout: (given, product, gpus, equal) => `${given.map(([k]) => FLAGS[k]).join('·')} = ${product} ${equal ? 'must equal' : 'does not divide'} --gpus ${gpus}`,
};

/** The contradictions that hold whatever the accelerator count and the chip's links, or null. */
export function planFieldContradiction(prep: PreparedJob, fixed: Partial<Plan>, names: PlanNames = flagNames): string | null {
  const { tp, pp, cp, ep, vpp, schedule, precision, zero, recompute } = fixed;
  const f = names.field;
  const model = prep.model.id;
  if (vpp !== undefined && vpp > 1 && schedule !== undefined && schedule !== 'interleaved') return `${f('vpp')} ${vpp} needs ${f('schedule')} interleaved, got ${f('schedule')} ${schedule}`;
  if (schedule !== undefined && schedule !== '1f1b' && pp === 1) return `${f('schedule')} ${schedule} needs pipeline parallelism (${f('pp')} 2 or more), got ${f('pp')} 1`;
  if (fixed.microBatch !== undefined && fixed.microBatch > prep.globalBatch) return `${f('microBatch')} ${fixed.microBatch} exceeds ${names.globalBatch} ${prep.globalBatch} (a micro-batch is part of one step's batch)`;
  if (precision === 'fp8' && !prep.chip.tflops.fp8) return `${f('precision')} fp8: ${prep.chip.name} has no FP8 tensor cores (tflops.fp8 is not set)`;
  if (ep !== undefined && ep > 1 && prep.moeLayers === 0) return `${f('ep')} ${ep}: ${model} is a dense model (no experts); leave ${f('ep')} out`;
  if (ep !== undefined && ep > 1 && prep.experts % ep !== 0) return `${f('ep')} ${ep} must divide the ${prep.experts} experts of ${model}`;
  const etp = fixed.etp;
  if (etp !== undefined && etp > 1 && prep.moeLayers === 0) return `${f('etp')} ${etp}: ${model} is a dense model (no experts); leave ${f('etp')} out`;
  if (etp !== undefined && etp > 1 && prep.expertFfn % etp !== 0) return `${f('etp')} ${etp} must divide the expert FFN width (${prep.expertFfn}) of ${model}`;
  if (tp !== undefined && prep.heads % tp !== 0) return `${f('tp')} ${tp} must divide the ${prep.heads} attention heads of ${model}`;
  const p = prep.profile;
  if (p) {
    const id = `${names.framework} ${p.id}`;
    if (schedule !== undefined && (pp === undefined || pp > 1) && !p.schedules.includes(schedule)) return `${f('schedule')} ${schedule} is not available in ${id} (it offers ${p.schedules.join(', ')})`;
    if (zero !== undefined) {
      const stages = pp !== undefined ? zeroStagesFor(p, pp) : [...new Set([...p.zeroStages, ...p.zeroWithPp])];
      if (!stages.includes(zero)) {
        return pp !== undefined && pp > 1
          ? `${f('zero')} ${zero} with ${f('pp')} ${pp} is not available in ${id} (with pipeline parallelism it offers ZeRO ${p.zeroWithPp.join(', ') || 'none'})`
          : `${f('zero')} ${zero} is not available in ${id} (it offers ZeRO ${stages.join(', ')})`;
      }
    }
    if (recompute !== undefined && !p.recomputes.includes(recompute)) return `${f('recompute')} ${recompute} is not available in ${id} (it offers ${p.recomputes.join(', ')})`;
    if (cp !== undefined && cp > 1 && !p.contextParallel) return `${f('cp')} ${cp}: context parallelism is not available in ${id}`;
    if (ep !== undefined && ep > 1 && !p.expertParallel) return `${f('ep')} ${ep}: expert parallelism is not available in ${id}`;
    if (pp !== undefined && pp > 1 && p.zeroWithPp.length === 0) return `${f('pp')} ${pp}: pipeline parallelism is not available in ${id}`;
    if (fixed.sequenceParallel === true && tp !== undefined && tp > 1 && !p.sequenceParallel) return `${f('sequenceParallel')} on: sequence parallelism is not available in ${id} (with ${f('tp')} ${tp})`;
  }
  return null;
}

/** The contradictions with the job's accelerator count, global batch and the chip's scale-up link, or null. */
export function planLayoutContradiction(prep: PreparedJob, fixed: Partial<Plan>, names: PlanNames = flagNames, full?: Plan): string | null {
  const { tp, pp, dp, cp, ep, microBatch: mb } = fixed;
  const f = names.field;
  const given = ([['tp', tp], ['pp', pp], ['dp', dp], ['cp', cp]] as const).filter(([, v]) => v !== undefined) as readonly (readonly [PlanField, number])[];
  const product = given.reduce((a, [, v]) => a * v, 1);
  if (given.length === 4 && product !== prep.gpus) return names.layout(given, product, prep.gpus, true);
  if (given.length > 0 && prep.gpus % product !== 0) return names.layout(given, product, prep.gpus, false);
  if (tp !== undefined && tp > 1 && prep.chip.scaleUpGBps === 0) return `${f('tp')} ${tp}: tp (${tp}) needs a scale-up link; ${prep.chip.name} has scaleUpGBps 0 (no link), so tp must be 1`;
  const etp = fixed.etp;
  if (etp !== undefined && etp > prep.gpusPerNode) return `${f('etp')} ${etp} must fit in one scale-up domain (${prep.gpusPerNode} accelerators of ${prep.chip.name})`;
  const derived = tp !== undefined && pp !== undefined && cp !== undefined ? prep.gpus / (tp * pp * cp) : undefined;
  const d = full?.dp ?? dp ?? derived;
  if (etp !== undefined && etp > 1 && tp !== undefined && cp !== undefined && d !== undefined && (d * cp * tp) % ((ep ?? 1) * etp) !== 0) {
    return `${f('ep')}·${f('etp')} = ${(ep ?? 1) * etp} must divide the dp·cp·tp = ${d * cp * tp} ranks of one pipeline stage`;
  }
  const b = full?.microBatch ?? mb;
  const gb = names.globalBatch;
  if (d !== undefined && b === undefined && prep.globalBatch % d !== 0) return `${gb} ${prep.globalBatch} is not divisible by ${dp !== undefined ? f('dp') : 'dp'} ${d}`;
  if (d !== undefined && b !== undefined) {
    const what = `${mb !== undefined ? f('microBatch') : 'micro-batch'} ${b} × ${dp !== undefined ? f('dp') : 'dp'} ${d}`;
    if (d * b > prep.globalBatch) return `${what} = ${d * b} exceeds ${gb} ${prep.globalBatch}`;
    if (prep.globalBatch % (d * b) !== 0) return `${gb} ${prep.globalBatch} is not divisible by ${what} = ${d * b}`;
  }
  return null;
}

/** The first contradiction among the given plan fields (and, for an evaluated plan, the complete plan), or null. */
export function planContradiction(prep: PreparedJob, fixed: Partial<Plan>, full?: Plan, names: PlanNames = flagNames): string | null {
  const bad = planFieldContradiction(prep, fixed, names) ?? planLayoutContradiction(prep, fixed, names, full);
  if (bad) return bad;
  if (full) {
    const why = validatePlan(prep, full);
    if (why) return `plan ${formatPlan(full)}: ${why}`;
  }
  return null;
}

/** The given fields as the caller names them, with their values ("--tp 2, --etp 3"). */
export function givenFields(fixed: Partial<Plan>, names: PlanNames = flagNames): string {
  return (Object.entries(fixed) as [PlanField, unknown][])
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${names.field(k)} ${typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v)}`)
    .join(', ');
}
