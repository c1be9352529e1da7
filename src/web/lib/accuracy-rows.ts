/**
 * Accuracy rows: every published training run (validateCatalog, as `chipbound validate --json`)
 * and serving point (validateServing, as `chipbound validate --inference --json`) re-predicted,
 * flattened into one row shape with the record's sources, plus the filter the view applies.
 */
import { builtinCatalog, getChip, getModel } from '../../core/catalog/catalog.js';
import { validateServing } from '../../core/infer/validate.js';
import { validateCatalog, errorStats, type ErrorStats } from '../../core/train/validate.js';

/** One re-predicted record. */
export interface AccuracyRow {
  readonly id: string;
  readonly name: string;
  /** Training run or serving point. */
  readonly set: 'training' | 'serving';
  readonly model: string;
  readonly chip: string;
  readonly gpus: number;
  /** What the source measured (step_time_s, mfu, ttft_ms, ...). */
  readonly measure: string;
  readonly measured: number;
  readonly predicted: number;
  /** predicted / measured − 1. */
  readonly error: number;
  /** Accepted |error| (serving points), or null. */
  readonly band: number | null;
  /** Counted in the summary. */
  readonly inSummary: boolean;
  /** Plan fields the catalog did not give (training), joined. */
  readonly assumed: string;
  readonly sources: readonly string[];
}

let cached: AccuracyRow[] | null = null;

/** All rows (computed once; ~0.2 s). */
export function accuracyRows(): AccuracyRow[] {
  if (cached) return cached;
  const cat = builtinCatalog();
  const src = new Map<string, readonly string[]>([...cat.runs.map((r) => [r.id, r.sources] as const), ...cat.serving.map((p) => [p.id, p.sources] as const)]);
  const train = validateCatalog(cat).runs.map<AccuracyRow>((r) => ({
    id: r.id, name: r.name, set: 'training', model: r.model, chip: r.chip, gpus: r.gpus, measure: r.measure, measured: r.measured, predicted: r.predicted, error: r.error, band: null, inSummary: r.inSummary, assumed: r.assumed.join('; '), sources: src.get(r.id) ?? [],
  }));
  const serve = validateServing(cat.serving, { model: (id) => getModel(id, cat), chip: (id) => getChip(id, cat) }).rows.map<AccuracyRow>((r) => ({
    id: r.id, name: r.name, set: 'serving', model: r.model, chip: r.chip, gpus: r.gpus, measure: r.kind, measured: r.measured, predicted: r.predicted, error: r.error, band: r.band, inSummary: !r.excluded, assumed: '', sources: src.get(r.id) ?? [],
  }));
  cached = [...train, ...serve];
  return cached;
}

/** The view's filters (URL parameters). */
export interface AccuracyFilter {
  readonly set: 'all' | 'training' | 'serving';
  readonly measure: string;
  readonly chip: string;
  readonly model: string;
  readonly summaryOnly: boolean;
}

export function filterRows(rows: readonly AccuracyRow[], f: AccuracyFilter): AccuracyRow[] {
  return rows.filter((r) => (f.set === 'all' || r.set === f.set) && (!f.measure || r.measure === f.measure) && (!f.chip || r.chip === f.chip) && (!f.model || r.model === f.model) && (!f.summaryOnly || r.inSummary));
}

/** The core's error statistics over the rows shown (summary rows only). */
export function statsOf(rows: readonly AccuracyRow[]): ErrorStats {
  return errorStats(rows.filter((r) => r.inSummary).map((r) => r.error));
}

/** Human names of the measured quantities (data/runs `measured.kind`, data/serving `measured.kind`). */
const MEASURE_LABELS: Readonly<Record<string, string>> = {
  step_time_s: 'step time, s',
  tokens_per_sec_per_gpu: 'training tokens/s per accelerator',
  mfu: 'MFU',
  hfu: 'HFU',
  tflops_per_gpu: 'TFLOPS per accelerator',
  gpu_hours_per_trillion_tokens: 'accelerator-hours per trillion tokens',
  output_tokens_per_sec: 'output tokens/s',
  output_tokens_per_sec_per_gpu: 'output tokens/s per accelerator',
  total_tokens_per_sec: 'total tokens/s',
  total_tokens_per_sec_per_gpu: 'total tokens/s per accelerator',
  input_tokens_per_sec_per_gpu: 'input tokens/s per accelerator',
  ttft_s: 'TTFT, s',
  tpot_s: 'TPOT, s',
};

/** "step_time_s" -> "step time, s" (unknown ids: underscores become spaces). */
export function measureLabel(id: string): string {
  return MEASURE_LABELS[id] ?? id.replace(/_/g, ' ');
}
