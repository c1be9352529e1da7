/**
 * classifyChip: a chip's TPP and PD from its specs, and its verdict under every rule in force on
 * a date for a destination, with the deciding tests and their margins. The JSON shape
 * `{ id, tpp, pd, classifications: [{ rule, eccn, licenseExceptions, reasons, ... }] }` is what the
 * CLI, scenarios, the race and the web app consume.
 */
import type { Chip } from '../catalog/schemas.js';
import { ChipboundError } from '../errors.js';
import { country } from './countries.js';
import { chipMetrics, DEFAULT_TPP_SETTINGS } from './metrics.js';
import { allRules, ruleStatus, RULES } from './rules.js';
import type { ChipMetrics, RuleClassification, RuleContext, RuleId, TppSettings } from './types.js';

/** Options for classifyChip. */
export interface ClassifyOptions {
  /** Date, YYYY-MM-DD (default: today, UTC). */
  readonly date?: string;
  /** Destination, ISO alpha-2 (default 'CN'). */
  readonly destination?: string;
  /** Headquarters of the ultimate consignee or its parent, ISO alpha-2 (D:5/Macau HQ triggers licences worldwide). */
  readonly headquarters?: string;
  /** TPP settings (default DEFAULT_TPP_SETTINGS). */
  readonly settings?: Partial<TppSettings>;
  /** Only these rules (default: all in force on the date, plus us-2025-01 marked rescinded). */
  readonly rules?: readonly RuleId[];
}

/** A chip's classification. */
export interface ChipClassification {
  /** Chip id. */
  readonly id: string;
  /** Chip name. */
  readonly name: string;
  /** TPP, or null if no throughput is public. */
  readonly tpp: number | null;
  /** How TPP was obtained. */
  readonly tppBasis: string;
  /** Performance density (TPP / mm²), or null. */
  readonly pd: number | null;
  /** 2022 I/O sum, GB/s, or null. */
  readonly io2022GBps: number | null;
  /** Date used. */
  readonly date: string;
  /** Destination used (ISO code). */
  readonly destination: string;
  /** TPP settings used. */
  readonly settings: TppSettings;
  /** One verdict per rule, oldest first. */
  readonly classifications: readonly RuleClassification[];
  /** Caveats that apply to every verdict (foreign-produced or rent-only parts). */
  readonly notes: readonly string[];
}

/**
 * Caveats by vendor (reference controls.md §4 notes): for foreign-produced parts and for parts
 * that are rented rather than sold, the verdicts are parameter tests only.
 */
const VENDOR_NOTES: Readonly<Record<string, string>> = {
  huawei: 'foreign-produced: the verdicts are parameter tests; BIS GP10 guidance (May 13 2025) names Ascend 910B/910C/910D as "PRC 3A090 ICs"',
  cambricon: 'foreign-produced: the verdicts are parameter tests; EAR jurisdiction depends on the foreign direct product rules',
  google: 'rented as a cloud service, not sold: the verdicts are parameter tests only',
  aws: 'rented as a cloud service, not sold: the verdicts are parameter tests only',
};

function vendorNotes(vendor: string): string[] {
  const key = vendor.toLowerCase().split(/[\s(]/)[0];
  return VENDOR_NOTES[key] ? [VENDOR_NOTES[key]] : [];
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Builds the evaluation context (validates the date and country codes). */
export function ruleContext(opts: Pick<ClassifyOptions, 'date' | 'destination' | 'headquarters'>): RuleContext {
  const date = opts.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new ChipboundError('usage', `date: expected YYYY-MM-DD, got '${date}'`);
  return { date, destination: country(opts.destination ?? 'CN'), headquarters: opts.headquarters ? country(opts.headquarters, 'headquarters') : null };
}

/** Evaluates the selected rules on precomputed metrics (used by headroom and the monotonicity tests). */
export function classifyMetrics(m: ChipMetrics, ctx: RuleContext, rules?: readonly RuleId[]): RuleClassification[] {
  const selected = rules ? rules.map((id) => RULES[id]) : allRules().filter((r) => ['in force', 'rescinded'].includes(ruleStatus(r, ctx.date)));
  return selected.map((r) => {
    const s = ruleStatus(r, ctx.date);
    return { rule: r.id, status: s, ...r.evaluate(m, ctx) };
  });
}

/** Classifies a chip under every rule in force on `date` for `destination`. */
export function classifyChip(chip: Chip, opts: ClassifyOptions = {}): ChipClassification {
  const ctx = ruleContext(opts);
  const settings: TppSettings = { ...DEFAULT_TPP_SETTINGS, ...opts.settings };
  const m = chipMetrics(chip, settings);
  return {
    id: m.id,
    name: m.name,
    tpp: m.tpp,
    tppBasis: m.tppBasis,
    pd: m.pd,
    io2022GBps: m.io2022GBps,
    date: ctx.date,
    destination: ctx.destination.code,
    settings,
    classifications: classifyMetrics(m, ctx, opts.rules),
    notes: vendorNotes(chip.vendor),
  };
}
