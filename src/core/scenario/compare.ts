/**
 * Comparison of each option with the best one for the same workload, and the reasons for the
 * gap in the model's own terms: training days split by where the step time goes (compute,
 * interconnect, pipeline bubble), the plans the memory allowed, and the chip specs behind them;
 * serving cost per token split into the price per hour and the tokens per accelerator.
 */
import type { Chip } from '../catalog/schemas.js';
import type { Plan } from '../train/types.js';
import { USABLE } from './rules.js';
import type { Comparison, ScenarioRow, ServeOutcome, TimeSplit, TrainOutcome } from './types.js';

/** Labels of the time groups, for sentences and charts. */
export const SPLIT_LABELS: Readonly<Record<keyof TimeSplit, string>> = {
  computeS: 'compute',
  recomputeS: 'recompute',
  tpCpCommS: 'tensor/context-parallel comm',
  epCommS: 'expert all-to-all',
  dpPpCommS: 'data/pipeline comm',
  bubbleS: 'pipeline bubble',
  optimizerS: 'optimizer',
};

const f1 = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
const sign = (v: number) => (v >= 0 ? `+${f1(v)}` : f1(v));

/** Days spent in each time group (days × share of the step). */
export function daysBySplit(o: TrainOutcome): Record<keyof TimeSplit, number> | null {
  if (!o.split || !o.days || !o.stepTimeSeconds) return null;
  const out = {} as Record<keyof TimeSplit, number>;
  for (const k of Object.keys(SPLIT_LABELS) as (keyof TimeSplit)[]) out[k] = (o.days * o.split[k]) / o.stepTimeSeconds;
  return out;
}

/** Spec ratios that matter for training and serving, as one sentence. */
export function specSentence(a: Chip, b: Chip): string {
  const r = (x: number | null | undefined, y: number | null | undefined, unit: string, name: string) =>
    x != null && y != null ? `${name} ${fmtNum(x)} vs ${fmtNum(y)}${unit} (${Math.round((x / y) * 100)}%)` : null;
  const parts = [
    r(a.tflops.bf16, b.tflops.bf16, ' TFLOPS', 'BF16'),
    a.tflops.fp8 != null || b.tflops.fp8 != null ? (a.tflops.fp8 == null ? 'no FP8' : r(a.tflops.fp8, b.tflops.fp8, ' TFLOPS', 'FP8')) : null,
    r(a.memoryTBps, b.memoryTBps, ' TB/s', 'HBM'),
    r(a.memoryGB, b.memoryGB, ' GB', 'memory'),
    r(a.scaleUpGBps, b.scaleUpGBps, ' GB/s', 'scale-up'),
    r(a.scaleOutGbps, b.scaleOutGbps, ' Gb/s', 'scale-out'),
  ].filter((x): x is string => x !== null);
  return `${a.name} vs ${b.name}: ${parts.join('; ')}`;
}

function fmtNum(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : Number(v.toPrecision(4)).toLocaleString('en-US');
}

function planText(o: TrainOutcome): string {
  const p = o.plan;
  if (!p) return 'no plan';
  return `tp${p.tp} pp${p.pp} dp${p.dp}${p.cp > 1 ? ` cp${p.cp}` : ''}${p.ep > 1 ? ` ep${p.ep}` : ''} ${p.precision} ${p.schedule} recompute ${p.recompute} ZeRO-${p.zero}`;
}

/** The reference's plan evaluated on this row's chip and job (the hardware effect alone). */
export type CrossEval = (row: Omit<ScenarioRow, 'comparison'>, plan: Plan) => { fits: boolean; outcome: Pick<TrainOutcome, 'days' | 'stepTimeSeconds' | 'split'>; needGiB: number; haveGiB: number; note?: string } | null;

function termDiffs(o: Pick<TrainOutcome, 'days' | 'stepTimeSeconds' | 'split'>, ref: TrainOutcome): string | null {
  const a = daysBySplit(o as TrainOutcome);
  const b = daysBySplit(ref);
  if (!a || !b || o.days === null || ref.days === null) return null;
  const gap = Math.abs(o.days - ref.days);
  const diffs = (Object.keys(SPLIT_LABELS) as (keyof TimeSplit)[])
    .map((k) => ({ k, d: a[k] - b[k] }))
    .filter((x) => Math.abs(x.d) >= 0.05 * gap && Math.abs(x.d) >= 0.05)
    .sort((x, y) => Math.abs(y.d) - Math.abs(x.d));
  return diffs.map((x) => `${SPLIT_LABELS[x.k]} ${sign(x.d)} d`).join(', ') || 'no term differs by more than 0.05 days';
}

function explainTrain(o: TrainOutcome, ref: TrainOutcome, chip: Chip, refChip: Chip, refLabel: string, cross: ReturnType<CrossEval>): string[] {
  if (o.days === null || ref.days === null) return [];
  const gap = o.days - ref.days;
  const head = Math.abs(gap) < 0.05 ? `the same time as ${refLabel} (within 0.05 days)` : `${sign(gap)} days vs ${refLabel}: ${termDiffs(o, ref)}`;
  const out = [head];
  if (cross && ref.plan) {
    if (!cross.fits) out.push(`${refLabel}'s plan${cross.note ?? ''} does not fit on ${chip.name} (${cross.needGiB.toFixed(0)} of ${cross.haveGiB.toFixed(0)} GiB), so the search must use another`);
    else if (cross.outcome.days !== null) {
      const recovered = cross.outcome.days - o.days;
      out.push(`On ${refLabel}'s own plan${cross.note ?? ''} the hardware alone costs ${sign(cross.outcome.days - ref.days)} days (${termDiffs(cross.outcome, ref)})${recovered > 0.05 ? `; re-planning for this chip wins back ${f1(recovered)} days` : ''}`);
    }
  }
  if (chip.id !== refChip.id) out.push(specSentence(chip, refChip));
  if (o.gpus !== ref.gpus) out.push(`${o.gpus.toLocaleString('en-US')} accelerators vs ${ref.gpus.toLocaleString('en-US')}`);
  if (o.plan && ref.plan && planText(o) !== planText(ref)) {
    const mem = o.memory ? ` (peak ${o.memory.peakGiB.toFixed(0)} of ${o.memory.capacityGiB.toFixed(0)} GiB)` : '';
    out.push(`best plan here: ${planText(o)}${mem}; there: ${planText(ref)}`);
  }
  return out;
}

function explainServe(o: ServeOutcome, ref: ServeOutcome, row: ScenarioRow, refRow: ScenarioRow, chip: Chip, refChip: Chip): string[] {
  if (o.outputTokensPerSecondPerGpu === null || ref.outputTokensPerSecondPerGpu === null) return [];
  const tput = o.outputTokensPerSecondPerGpu / ref.outputTokensPerSecondPerGpu;
  const out = [`${Math.round(tput * 100)}% of ${refRow.pool}'s output tokens per accelerator (${f1(o.outputTokensPerSecondPerGpu)} vs ${f1(ref.outputTokensPerSecondPerGpu)} tok/s)`];
  const ra = row.rate.usdPerGpuHour;
  const rb = refRow.rate.usdPerGpuHour;
  if (ra !== null && rb !== null) out.push(`at ${Math.round((ra / rb) * 100)}% of its price per accelerator-hour ($${ra.toFixed(2)} vs $${rb.toFixed(2)})`);
  if (chip.id !== refChip.id) out.push(specSentence(chip, refChip));
  return out;
}

function usable(r: ScenarioRow): boolean {
  return USABLE.includes(r.eligibility.status);
}

/** Fills in each row's comparison (rows of the same workload are compared with each other). */
export function compareRows(rows: readonly Omit<ScenarioRow, 'comparison'>[], chips: ReadonlyMap<string, Chip>, eligibleOnly: boolean, crossEval?: CrossEval): ScenarioRow[] {
  const byWorkload = new Map<string, Omit<ScenarioRow, 'comparison'>[]>();
  for (const r of rows) byWorkload.set(r.workload, [...(byWorkload.get(r.workload) ?? []), r]);
  const refs = new Map<string, Omit<ScenarioRow, 'comparison'> | null>();
  for (const [w, rs] of byWorkload) {
    const valid = rs.filter((r) => (r.outcome.kind === 'train' ? r.outcome.days !== null : r.outcome.usdPerMillionOutputTokens !== null || r.outcome.outputTokensPerSecondPerGpu !== null));
    const pool = eligibleOnly && valid.some((r) => usable(r as ScenarioRow)) ? valid.filter((r) => usable(r as ScenarioRow)) : valid;
    const key = (r: Omit<ScenarioRow, 'comparison'>) =>
      r.outcome.kind === 'train' ? `${r.outcome.finishDate}|${String(r.outcome.days!.toFixed(6)).padStart(20, '0')}` : String((r.outcome.usdPerMillionOutputTokens ?? 1e12).toFixed(6)).padStart(24, '0');
    refs.set(w, [...pool].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))[0] ?? null);
  }
  return rows.map((r) => {
    const ref = refs.get(r.workload) ?? null;
    const none: Comparison = { reference: ref?.pool ?? null, ratio: null, extraDays: null, extraCostUsd: null, explanation: [] };
    if (!ref) return { ...r, comparison: none };
    const chip = chips.get(r.pool)!;
    const refChip = chips.get(ref.pool)!;
    if (r.outcome.kind === 'train' && ref.outcome.kind === 'train') {
      const o = r.outcome;
      const b = ref.outcome;
      if (o.days === null || b.days === null) return { ...r, comparison: none };
      const cross = ref !== r && b.plan && o.gpus === b.gpus && crossEval ? crossEval(r, b.plan) : null;
      const explanation = ref === r ? [] : explainTrain(o, b, chip, refChip, ref.pool, cross);
      return { ...r, comparison: { reference: ref.pool, ratio: o.days / b.days, extraDays: o.days - b.days, extraCostUsd: o.costUsd !== null && b.costUsd !== null ? o.costUsd - b.costUsd : null, explanation } };
    }
    if (r.outcome.kind === 'serve' && ref.outcome.kind === 'serve') {
      const o = r.outcome;
      const b = ref.outcome;
      const ratio = o.usdPerMillionOutputTokens !== null && b.usdPerMillionOutputTokens ? o.usdPerMillionOutputTokens / b.usdPerMillionOutputTokens : null;
      const explanation = ref === r ? [] : explainServe(o, b, r as ScenarioRow, ref as ScenarioRow, chip, refChip);
      return { ...r, comparison: { reference: ref.pool, ratio, extraDays: null, extraCostUsd: o.usdPerMillionOutputTokens !== null && b.usdPerMillionOutputTokens !== null ? o.usdPerMillionOutputTokens - b.usdPerMillionOutputTokens : null, explanation } };
    }
    return { ...r, comparison: none };
  });
}
