/**
 * The scenario file format (docs/scenarios/README.md): a buyer (who, where, when: selects the
 * export-control rules), fleet pools (which chips, how many, how acquired), workloads (train a
 * model on a token budget; serve a model at a traffic level), options (techniques on or off,
 * search settings) and sweeps over any field. Validation errors carry the field path
 * (`pools.1.chip: unknown chip 'h801'; did you mean ...`). Pure: chip and model ids are checked
 * against the built-in catalog; ids that look like file paths are left to the CLI loader.
 */
import { z } from 'zod';
import { frameworkIds } from '../frameworks/profiles.js';
import { builtinCatalog } from '../catalog/catalog.js';
import { planSchema, recomputeSchema, scheduleSchema, weightPrecisionSchema } from '../catalog/schemas.js';
import { editDistance, nearestIds } from '../catalog/nearest.js';
import { FORBIDDEN_KEYS, strictObject } from '../catalog/strict.js';
import { countryCodeError } from '../controls/iso-countries.js';
import { resolveName } from '../catalog/names.js';
import { parsePlan } from '../plan-notation.js';
import { RULE_IDS } from '../controls/types.js';
import { calendarDateError, LIMITS } from '../limits.js';
import { ranged } from '../limits-schema.js';

const count = z.number().int().positive().max(10_000_000);
/** A real calendar date (the same check as the --date flags: core/limits.ts calendarDateError). */
const isoDate = z.string().superRefine((s, ctx) => {
  const bad = calendarDateError(s);
  if (bad) ctx.addIssue({ code: 'custom', message: bad });
});
/** YAML turns an unquoted 2024-06-01 into a Date; accept it and write it back as text. */
const dateField = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate);
const countryCode = z
  .string()
  .superRefine((s, ctx) => {
    const bad = countryCodeError(s);
    if (bad) ctx.addIssue({ code: 'custom', message: bad });
  })
  .transform((s) => s.trim().toUpperCase());
/** Numbers may be written 14.8e12 or "14.8T". */
const bigNumber = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const m = /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([kKmMbBtT]?)\s*$/.exec(v);
  if (!m) return v;
  const mult = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'b' | 't'];
  const n = Number(m[1]) * mult;
  // 0.3T is 299999999999.99994 in floating point: a whole number, not a fraction of a token.
  return mult > 1 && Math.abs(n - Math.round(n)) <= n * 1e-12 ? Math.round(n) : n;
}, ranged('tokens').refine(Number.isInteger, { error: (iss) => `expected a whole number of tokens (e.g. 14.8T, 2e12), got ${String(iss.input)}` }));

/** Plan fields, or a plan in the one plan notation read into those fields (full or partial). */
const planFieldsOrText = z.preprocess((v, ctx) => {
  if (typeof v !== 'string') return v;
  try {
    return parsePlan(v, 'plan');
  } catch (e) {
    ctx.issues.push({ code: 'custom', message: e instanceof Error ? e.message.replace(/^plan: /, '') : String(e), input: v });
    return z.NEVER;
  }
}, planSchema);

/** A catalog id, or a path to a YAML/JSON file (resolved by the CLI relative to the scenario). */
function catalogRef(kind: 'chip' | 'model') {
  return z
    .string()
    .min(1)
    .superRefine((id, ctx) => {
      if (isFileRef(id)) return;
      const cat = builtinCatalog();
      const ids = (kind === 'chip' ? cat.chips : cat.models).map((e) => e.id);
      if (ids.includes(id)) return;
      // Forgiving names (catalog/names.ts): 'h100', 'H20', a unique prefix.
      if (resolvesName(kind, id)) return;
      const near = suggest(id, ids);
      ctx.addIssue({ code: 'custom', message: `unknown ${kind} '${id}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''}` });
    });
}

function resolvesName(kind: 'chip' | 'model', id: string): boolean {
  const cat = builtinCatalog();
  try {
    resolveName(kind, id, kind === 'chip' ? cat.chips : cat.models);
    return true;
  } catch {
    return false;
  }
}

/** Nearest ids; also ids with a dash-separated part one edit from the query ('h801' -> '...-h800-...'). */
function suggest(id: string, ids: readonly string[]): string[] {
  const near = nearestIds(id, ids);
  if (near.length) return near;
  const q = id.toLowerCase();
  return ids.filter((c) => c.split('-').some((part) => editDistance(part, q) <= 1)).slice(0, 3);
}

/** Whether a chip/model reference is a file path rather than a catalog id. */
export function isFileRef(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(ya?ml|json)$/i.test(ref);
}

/** Kinds of end user the rules distinguish. */
export const END_USERS = ['commercial', 'entity-list', 'supercomputer'] as const;
/** How a pool's chips are obtained. */
export const ACQUISITIONS = ['owned', 'stockpiled', 'purchased', 'rented'] as const;

export const buyerSchema = strictObject({
  /** Where the chips go (ISO 3166 alpha-2). */
  destination: countryCode,
  /** Date of the purchase decision, YYYY-MM-DD: selects the rules in force. */
  date: dateField,
  /** commercial (default), entity-list (15 CFR 744.11) or supercomputer end use (15 CFR 744.23). */
  endUser: z.enum(END_USERS).default('commercial'),
  /** Headquarters country of the buyer or its parent (D:5/Macau triggers licences worldwide); default: destination. */
  headquarters: countryCode.optional(),
  /** Rules to apply as what-ifs even when not in force on the date (e.g. the rescinded us-2025-01 allowances). */
  assumeRules: z.array(z.enum(RULE_IDS)).default([]),
  /** Which us-2025-01 allowance caps purchases: lpp (26.9M TPP per consignee per year, no licence; default) or country (the Tier-2 allocation, 790M TPP 2025-2027, by licence). */
  allowance: z.enum(['lpp', 'country']).default('lpp'),
});

export const poolSchema = strictObject({
    /** Label used in reports (default: the chip id). */
    id: z.string().min(1).max(60).optional(),
    /** Catalog chip id or a chip file. */
    chip: catalogRef('chip'),
    /** Accelerators in the pool. */
    count: ranged('gpus', true),
    /** owned / stockpiled (already held: no export), purchased, or rented (cloud hours). */
    acquired: z.enum(ACQUISITIONS),
    /** Purchase price per accelerator, USD (default: the catalog price). */
    priceUsd: ranged('priceUsd').optional(),
    /** Rental price per accelerator-hour, USD (default: the catalog rental price). */
    usdPerHour: ranged('usdPerHour').optional(),
    /** Where rented or hosted chips sit (ISO code); default: the buyer's destination. */
    location: countryCode.optional(),
    /** First day the pool can be used, YYYY-MM-DD (default: the buyer's date). */
    availableFrom: dateField.optional(),
    /** For owned/stockpiled pools: when the chips were acquired (the rules of that day say whether that was lawful). */
    acquiredOn: dateField.optional(),
    /** 'no-controls': a counterfactual pool that ignores export controls (labelled as such in reports). */
    whatIf: z.enum(['no-controls']).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.acquired === 'purchased' && p.usdPerHour !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['usdPerHour'], message: 'usdPerHour applies to rented pools (or owned ones, as an internal rate); purchased pools take priceUsd' });
    }
    if (p.acquired === 'rented' && p.priceUsd !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['priceUsd'], message: 'priceUsd applies to purchased or owned pools; rented pools take usdPerHour' });
    }
    if (p.location !== undefined && p.acquired !== 'rented') {
      ctx.addIssue({ code: 'custom', path: ['location'], message: `location applies to rented pools (chips a cloud operator holds abroad); ${p.acquired} chips are tested at buyer.destination` });
    }
    if (p.acquiredOn !== undefined && p.acquired !== 'owned' && p.acquired !== 'stockpiled') {
      ctx.addIssue({ code: 'custom', path: ['acquiredOn'], message: 'acquiredOn applies to owned or stockpiled pools' });
    }
  });

export const trainWorkloadSchema = strictObject({
  kind: z.literal('train'),
  /** Label used in reports (default: the model id). */
  id: z.string().min(1).max(60).optional(),
  /** Catalog model id or a model file. */
  model: catalogRef('model'),
  /** Tokens to train (14.8e12 or "14.8T"). */
  tokens: bigNumber,
  /** Finish within this many days (reported as met or not). */
  deadlineDays: ranged('days').optional(),
  /** Sequence length, tokens (default: the model's context length, else 4096). */
  seq: ranged('seq', true).optional(),
  /** Global batch, sequences (default: about 16M tokens per step, rounded to the chip count's needs). */
  globalBatch: count.optional(),
  /**
   * Plan fields fixed instead of searched (tp, pp, ep, microBatch, ...), as fields or as the one
   * plan notation that every command prints ("tp1 pp16 ep64 fp8 dualpipe"; core/plan-notation.ts).
   */
  plan: planFieldsOrText.optional(),
  /** Software profile that runs the job (chipbound frameworks); default: generic behaviours, every plan. */
  framework: z.enum(frameworkIds).optional(),
}).superRefine((w, ctx) => {
  // A global batch counted in tokens instead of sequences (the largest published: ~6·10^7 tokens per step).
  if (w.globalBatch !== undefined && w.seq !== undefined && w.globalBatch * w.seq > LIMITS.batchTokens.max) {
    ctx.addIssue({ code: 'custom', path: ['globalBatch'], message: `globalBatch ${w.globalBatch.toLocaleString('en-US')} sequences × seq ${w.seq.toLocaleString('en-US')} = ${(w.globalBatch * w.seq).toExponential(2)} tokens per step; the largest published batches are ~60,000,000 tokens (globalBatch counts sequences, not tokens)` });
  }
});

export const serveWorkloadSchema = strictObject({
  kind: z.literal('serve'),
  /** Label used in reports (default: the model id). */
  id: z.string().min(1).max(60).optional(),
  model: catalogRef('model'),
  /** Prompt tokens per request. */
  promptTokens: ranged('seq', true),
  /** Output tokens per request (reasoning models: thousands). */
  outputTokens: ranged('seq', true),
  /** Traffic: output tokens per second to sustain, whole service. */
  outputTokensPerSecond: ranged('tokensPerSecond').optional(),
  /** Weight precision (default: fp8 where the chip supports it, else bf16). */
  precision: weightPrecisionSchema.optional(),
  /** Longest acceptable time per output token, seconds (a user-facing latency bound). */
  maxTpotSeconds: ranged('tpotSeconds').optional(),
});

export const workloadSchema = z.discriminatedUnion('kind', [trainWorkloadSchema, serveWorkloadSchema]);

export const optionsSchema = strictObject({
    /** FP8 GEMMs: true (use where the chip has FP8), false (BF16 only), auto (search both). */
    fp8: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    /** Pipeline schedule, or auto (searched). */
    schedule: z.union([scheduleSchema, z.literal('auto')]).default('auto'),
    /** Activation recomputation, or auto (searched). */
    recompute: z.union([recomputeSchema, z.literal('auto')]).default('auto'),
    /** Search settings. */
    search: strictObject({
        /** Memory kept free, fraction of accelerator memory. */
        memoryHeadroom: z.number().min(0).lt(1).default(0.1),
        /** Plans kept per search. */
        top: z.number().int().min(1).max(20).default(3),
      })
      .prefault({}),
    /** Compare only pools the buyer may obtain (default true): others are still predicted and listed. */
    fastestAmongEligible: z.boolean().default(true),
  })
  .prefault({});

/** Sweeps: a field path (`pools.0.count`, `buyer.date`; `gpus` = every pool's count) -> values. */
export const sweepSchema = z.record(z.string().min(1), z.array(z.unknown()).min(1).max(64)).superRefine((sweep, ctx) => {
  for (const path of Object.keys(sweep)) {
    const bad = path.split('.').find((part) => FORBIDDEN_KEYS.includes(part) || part === '');
    if (bad !== undefined) ctx.addIssue({ code: 'custom', path: [path], message: bad === '' ? 'a field path has an empty part' : `'${bad}' is not allowed in a field path` });
    // Two sweeps that set the same value would label a variant with a number it does not run.
    const other = Object.keys(sweep).find((o) => o !== path && (o.startsWith(`${path}.`) || (path === 'gpus' && /^pools\.\d+(\.count)?$/.test(o))));
    if (other !== undefined) ctx.addIssue({ code: 'custom', path: [path], message: `sweeps the same value as sweep.${other}; sweep one of them` });
    const seen = new Set<string>();
    sweep[path].forEach((v, i) => {
      const key = JSON.stringify(v);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [path, i], message: `${key} is repeated; each swept value gives one variant` });
      seen.add(key);
    });
  }
});

/** Reports every item whose label repeats an earlier item's label (labels key the report rows). */
function distinctLabels<T>(items: readonly T[], labelOf: (item: T) => string, key: 'pools' | 'workloads', noun: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const label = labelOf(item);
    const j = seen.get(label);
    if (j !== undefined) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `label '${label}' is already used by ${key}.${j}; give each ${noun} a distinct id` });
    else seen.set(label, i);
  });
}

export const scenarioSchema = strictObject({
  /** Title used in reports. */
  name: z.string().min(1),
  /** The question this scenario answers, one paragraph (quoted in reports). */
  question: z.string().optional(),
  /** Assumptions the author wants stated in the report, one sentence each. */
  assumptions: z.array(z.string()).default([]),
  buyer: buyerSchema,
  pools: z.array(poolSchema).min(1).max(64),
  workloads: z.array(workloadSchema).min(1).max(32),
  options: optionsSchema,
  sweep: sweepSchema.optional(),
  })
  .superRefine((s, ctx) => {
    distinctLabels(s.pools, poolLabel, 'pools', 'pool', ctx);
    distinctLabels(s.workloads, workloadLabel, 'workloads', 'workload', ctx);
    // Chips acquired after the decision date cannot be held on it (ISO dates compare as strings).
    s.pools.forEach((p, i) => {
      if (p.acquiredOn !== undefined && p.acquiredOn > s.buyer.date) {
        ctx.addIssue({ code: 'custom', path: ['pools', i, 'acquiredOn'], message: `${p.acquiredOn} is after buyer.date ${s.buyer.date}: chips acquired later cannot be held on the decision date (use acquired: purchased, or an earlier acquiredOn)` });
      }
    });
  });

/** A validated scenario (defaults filled in). */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Buyer = z.infer<typeof buyerSchema>;
export type Pool = z.infer<typeof poolSchema>;
export type Workload = z.infer<typeof workloadSchema>;
export type TrainWorkload = z.infer<typeof trainWorkloadSchema>;
export type ServeWorkload = z.infer<typeof serveWorkloadSchema>;
export type ScenarioOptions = z.infer<typeof optionsSchema>;
export type EndUser = (typeof END_USERS)[number];
export type Acquisition = (typeof ACQUISITIONS)[number];

/** The label of a chip or model reference: a catalog id as is, a file as its name without folder and extension. */
function refLabel(ref: string): string {
  return ref.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
}

/** A pool's label in reports. */
export function poolLabel(p: Pick<Pool, 'id' | 'chip'>): string {
  return p.id ?? refLabel(p.chip);
}

/** A workload's label in reports. */
export function workloadLabel(w: Pick<Workload, 'id' | 'model'>): string {
  return w.id ?? refLabel(w.model);
}
