/**
 * Train view inputs: URL parameters -> a TrainJob and the fixed part of a plan, with one
 * message per invalid field. Pure (no DOM), so the browser tests rebuild the same job in Node
 * and compare numbers. Omitted plan fields are searched, as with `chipbound train`.
 */
import { getChip, getModel } from '../../core/catalog/catalog.js';
import type { Chip, Model } from '../../core/catalog/schemas.js';
import { ChipboundError } from '../../core/errors.js';
import type { Plan, TrainJob } from '../../core/train/types.js';
import type { Objective } from '../../core/search/types.js';
import { defaultFrameworkId, frameworkIds } from '../../core/frameworks/profiles.js';

/** Defaults shown in the form (a Llama-3.1-70B-class job on 1,024 H100). */
export const TRAIN_DEFAULTS = { model: 'llama-3.1-70b', chip: 'nvidia-h100-sxm5-80gb', gpus: '1024', seq: '8192', gb: '512', tokens: '15e12', objective: 'time' } as const;

/** Plan fields settable from the URL, with their parameter names. */
export const PLAN_PARAMS = ['tp', 'pp', 'dp', 'cp', 'ep', 'vpp', 'mb', 'recompute', 'zero', 'precision', 'schedule'] as const;
/** One plan parameter name. */
export type PlanParam = (typeof PLAN_PARAMS)[number];

export const RECOMPUTES = ['none', 'selective', 'full'] as const;
export const SCHEDULES = ['1f1b', 'interleaved', 'zb', 'dualpipe'] as const;
export const PRECISIONS = ['bf16', 'fp8'] as const;

/** Parsed inputs. */
export interface TrainInputs {
  /** The job, or null when an input is invalid. */
  readonly job: TrainJob | null;
  /** Plan fields fixed by the user (the rest are searched). */
  readonly fixed: Partial<Plan>;
  readonly objective: Objective;
  /** Error message per parameter name. */
  readonly errors: Readonly<Record<string, string>>;
}

function int(errors: Record<string, string>, key: string, label: string, text: string | undefined, max = 1e7): number | undefined {
  if (text === undefined || text === '') return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1 || v > max) {
    errors[key] = `${label}: expected a whole number from 1 to ${max.toLocaleString('en-US')}, got '${text}'`;
    return undefined;
  }
  return v;
}

function choice<T extends string>(errors: Record<string, string>, key: string, text: string | undefined, all: readonly T[]): T | undefined {
  if (text === undefined || text === '') return undefined;
  if ((all as readonly string[]).includes(text)) return text as T;
  errors[key] = `${key}: expected one of ${all.join(', ')}, got '${text}'`;
  return undefined;
}

function lookup<T>(errors: Record<string, string>, key: string, f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    errors[key] = e instanceof ChipboundError ? e.message : String(e);
    return null;
  }
}

/** Parses the Train view's URL parameters. `customModel` / `customChip` replace the catalog entries when given. */
export function parseTrainInputs(p: Readonly<Record<string, string | undefined>>, customModel: Model | null = null, customChip: Chip | null = null): TrainInputs {
  const errors: Record<string, string> = {};
  const get = (k: keyof typeof TRAIN_DEFAULTS) => p[k] ?? TRAIN_DEFAULTS[k];
  const model = customModel ?? lookup(errors, 'model', () => getModel(get('model')));
  const chip: Chip | null = customChip ?? lookup(errors, 'chip', () => getChip(get('chip')));
  const gpus = int(errors, 'gpus', 'Accelerators', get('gpus'), 1_000_000);
  const seq = int(errors, 'seq', 'Sequence length', get('seq'), 10_000_000);
  const gb = int(errors, 'gb', 'Global batch', get('gb'), 100_000_000);
  let tokens: number | undefined;
  const tt = get('tokens');
  if (tt !== '' && tt !== 'none') {
    const v = Number(tt);
    if (!Number.isFinite(v) || v <= 0) errors.tokens = `Tokens: expected a positive number such as 15e12 (or none), got '${tt}'`;
    else tokens = v;
  }
  const objective = choice(errors, 'objective', get('objective'), ['time', 'cost'] as const) ?? 'time';
  if (objective === 'cost' && tokens === undefined && !errors.tokens) errors.objective = 'objective cost needs a token count';
  const fixed: { -readonly [K in keyof Plan]?: Plan[K] } = {};
  const set = <K extends keyof Plan>(k: K, v: Plan[K] | undefined) => {
    if (v !== undefined) fixed[k] = v;
  };
  for (const k of ['tp', 'pp', 'dp', 'cp', 'ep', 'vpp'] as const) set(k, int(errors, k, k, p[k], 1_000_000));
  // Expert TP (chipbound train --etp): not a form field; kept in the URL when a searched plan is clicked.
  set('etp', int(errors, 'etp', 'etp', p.etp, 1_000_000));
  set('microBatch', int(errors, 'mb', 'Micro-batch', p.mb, 100_000));
  set('recompute', choice(errors, 'recompute', p.recompute, RECOMPUTES));
  const z = choice(errors, 'zero', p.zero, ['0', '1', '2', '3'] as const);
  if (z !== undefined) fixed.zero = Number(z) as 0 | 1 | 2 | 3;
  set('precision', choice(errors, 'precision', p.precision, PRECISIONS));
  set('schedule', choice(errors, 'schedule', p.schedule, SCHEDULES));
  // The software profile, as `chipbound train --framework` (same default).
  const framework = choice(errors, 'framework', p.framework, frameworkIds) ?? defaultFrameworkId;
  const ok = model && chip && gpus && seq && gb && Object.keys(errors).length === 0;
  const job: TrainJob | null = ok ? { model, chip, gpus, seq, globalBatch: gb, framework, ...(tokens !== undefined ? { tokens } : {}) } : null;
  return { job, fixed, objective, errors };
}

/** URL parameters that fix every field of `plan` (clicking a plan in the table). */
export function planToParams(plan: Plan): Record<PlanParam | 'etp', string> {
  return {
    etp: (plan.etp ?? 1) > 1 ? String(plan.etp) : '',
    tp: String(plan.tp),
    pp: String(plan.pp),
    dp: String(plan.dp),
    cp: String(plan.cp),
    ep: String(plan.ep),
    vpp: String(plan.vpp),
    mb: String(plan.microBatch),
    recompute: plan.recompute,
    zero: String(plan.zero),
    precision: plan.precision,
    schedule: plan.schedule,
  };
}

/** Compact plan text, as the CLI prints it ("tp8 pp4 dp32 ..."). */
export function planText(p: Plan): string {
  const parts = [`tp${p.tp}`, `pp${p.pp}`, `dp${p.dp}`];
  if (p.cp > 1) parts.push(`cp${p.cp}`);
  if (p.ep > 1) parts.push(`ep${p.ep}`);
  if ((p.etp ?? 1) > 1) parts.push(`etp${p.etp}`);
  if (p.vpp > 1) parts.push(`vpp${p.vpp}`);
  parts.push(`mb${p.microBatch}`, p.recompute, `zero${p.zero}`, p.precision, p.schedule);
  return parts.join(' ');
}

/** Chip counts of the scaling curve: the job's count with ÷4, ÷2, ×2 and ×4 around it. */
export function scalingCounts(gpus: number): number[] {
  return [...new Set([gpus / 4, gpus / 2, gpus, gpus * 2, gpus * 4].map((g) => Math.round(g)).filter((g) => g >= 1))].sort((a, b) => a - b);
}

/** The `chipbound train` command that evaluates exactly `plan` for `job` (every plan flag given, so no search and no defaults); `modelRef`/`chipRef` are file paths for user-defined entries. */
export function trainCommand(job: TrainJob, plan: Plan, modelRef: string = job.model.id, chipRef: string = job.chip.id): string {
  const f = [`--model ${modelRef}`, `--chip ${chipRef}`, `--gpus ${job.gpus}`, `--seq ${job.seq}`, `--global-batch ${job.globalBatch}`];
  if (job.tokens !== undefined) f.push(`--tokens ${job.tokens}`);
  if (job.framework !== undefined) f.push(`--framework ${job.framework}`);
  f.push(`--tp ${plan.tp}`, `--pp ${plan.pp}`, `--dp ${plan.dp}`, `--cp ${plan.cp}`, `--ep ${plan.ep}`, `--vpp ${plan.vpp}`, `--micro-batch ${plan.microBatch}`);
  if ((plan.etp ?? 1) > 1) f.push(`--etp ${plan.etp}`);
  f.push(`--recompute ${plan.recompute}`, `--zero ${plan.zero}`, `--precision ${plan.precision}`, `--schedule ${plan.schedule}`, `--sequence-parallel ${plan.sequenceParallel ? 'on' : 'off'}`);
  return `chipbound train ${f.join(' ')} --json`;
}
