/**
 * Serve view inputs: URL parameters -> a ServingInput (as `chipbound infer` with plan flags
 * builds it), one message per invalid field, the batch sweep behind the trade-off charts, and
 * the equivalent CLI command. Pure (no DOM).
 */
import { getChip, getModel } from '../../core/catalog/catalog.js';
import { ChipboundError } from '../../core/errors.js';
import { checkServingInput, evaluateServing } from '../../core/infer/evaluate.js';
import type { KvPrecision, Phase, ServingInput, ServingResult, WeightPrecision } from '../../core/infer/types.js';

/** Defaults: Llama 3.1 70B on one 8×H100 node. */
export const SERVE_DEFAULTS = { model: 'llama-3.1-70b', chip: 'nvidia-h100-sxm5-80gb', gpus: '8', tp: '8', pp: '1', dp: '1', ep: '1', prompt: '1024', output: '256', phase: 'both', precision: 'bf16', kv: 'bf16' } as const;
export const PHASES = ['both', 'prefill', 'decode'] as const;
export const WEIGHT_PRECISIONS = ['bf16', 'fp16', 'fp8', 'int8', 'int4', 'fp4'] as const;
export const KV_PRECISIONS = ['bf16', 'fp8'] as const;

export interface ServeInputs {
  readonly input: ServingInput | null;
  readonly errors: Readonly<Record<string, string>>;
}

export function parseServeInputs(p: Readonly<Record<string, string | undefined>>): ServeInputs {
  const errors: Record<string, string> = {};
  const get = (k: keyof typeof SERVE_DEFAULTS) => p[k] ?? SERVE_DEFAULTS[k];
  const int = (k: string, label: string, text: string | undefined, max = 1e9) => {
    if (text === undefined || text === '') return undefined;
    const v = Number(text);
    if (!Number.isInteger(v) || v < 1 || v > max) {
      errors[k] = `${label}: expected a whole number from 1 to ${max.toLocaleString('en-US')}, got '${text}'`;
      return undefined;
    }
    return v;
  };
  const choice = <T extends string>(k: string, text: string, all: readonly T[]): T | undefined => {
    if ((all as readonly string[]).includes(text)) return text as T;
    errors[k] = `${k}: expected one of ${all.join(', ')}, got '${text}'`;
    return undefined;
  };
  const find = <T,>(k: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      errors[k] = e instanceof ChipboundError ? e.message : String(e);
      return undefined;
    }
  };
  const model = find('model', () => getModel(get('model')));
  const chip = find('chip', () => getChip(get('chip')));
  const gpus = int('gpus', 'Accelerators', get('gpus'), 1_000_000);
  const tp = int('tp', 'tp', get('tp'), 4096);
  const pp = int('pp', 'pp', get('pp'), 4096);
  const dp = int('dp', 'dp', get('dp'), 1_000_000);
  const ep = int('ep', 'ep', get('ep'), 4096);
  const batch = int('batch', 'Batch', p.batch);
  const promptTokens = int('prompt', 'Prompt tokens', get('prompt'), 1e8);
  const outputTokens = int('output', 'Output tokens', get('output'), 1e8);
  const phase = choice<Phase>('phase', get('phase'), PHASES);
  const precision = choice<WeightPrecision>('precision', get('precision'), WEIGHT_PRECISIONS);
  const kvPrecision = choice<KvPrecision>('kv', get('kv'), KV_PRECISIONS);
  if (Object.keys(errors).length || !model || !chip || !gpus || !tp || !pp || !dp || !ep || !promptTokens || !outputTokens) return { input: null, errors };
  const input: ServingInput = { model, chip, gpus, plan: { tp, pp, dp, ep }, ...(batch ? { batch } : {}), promptTokens, outputTokens, phase, precision, kvPrecision };
  // The core's own input check names the field (e.g. gpus not a multiple of tp·dp·pp).
  try {
    checkServingInput(input);
  } catch (e) {
    const msg = e instanceof ChipboundError ? e.message : String(e);
    const field = /^(\w+):/.exec(msg)?.[1] ?? 'gpus';
    return { input: null, errors: { [field]: msg } };
  }
  return { input, errors };
}

/** The batch sweep of the trade-off charts: powers of two up to the largest batch that fits, and that batch. */
export function batchSweep(input: ServingInput, maxBatch: number): ServingResult[] {
  const batches: number[] = [];
  for (let b = 1; b <= maxBatch; b *= 2) batches.push(b);
  if (maxBatch >= 1 && batches[batches.length - 1] !== maxBatch) batches.push(maxBatch);
  return batches.map((batch) => evaluateServing({ ...input, batch }));
}

/** The `chipbound infer` command that prints the same result with --json. */
export function inferCommand(i: ServingInput): string {
  const f = [`--model ${i.model.id}`, `--chip ${i.chip.id}`, `--gpus ${i.gpus}`, `--tp ${i.plan.tp}`, `--pp ${i.plan.pp}`, `--dp ${i.plan.dp}`, `--ep ${i.plan.ep}`];
  if (i.batch) f.push(`--batch ${i.batch}`);
  f.push(`--prompt-tokens ${i.promptTokens}`, `--output-tokens ${i.outputTokens}`, `--phase ${i.phase ?? 'both'}`, `--precision ${i.precision ?? 'bf16'}`, `--kv-precision ${i.kvPrecision ?? 'bf16'}`);
  return `chipbound infer ${f.join(' ')} --json`;
}
