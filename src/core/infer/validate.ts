/**
 * Re-predicts published serving measurements (data/serving) and reports the error per point,
 * with the median and maximum absolute error over the points not excluded. Pure: the caller
 * passes the points and a chip/model lookup.
 *
 * Load: `offline` points run the largest batch that fits (or the published concurrency, if
 * smaller); `online` points run the published concurrency, capped by what fits (the rest queue);
 * `latency` points run the published batch.
 */
import type { Chip, Model, ServingPoint } from '../catalog/schemas.js';
import { isEngineId } from './engines.js';
import { evaluateServing } from './evaluate.js';
import { runScenario, type ScenarioResult } from './scenario.js';
import type { ServingInput, ServingResult } from './types.js';

/** One re-predicted point. */
export interface ServingValidationRow {
  readonly id: string;
  readonly name: string;
  /** Source record the point comes from. */
  readonly group: string | null;
  readonly model: string;
  readonly chip: string;
  readonly gpus: number;
  /** What was measured (the point's `measured.kind`). */
  readonly kind: ServingPoint['measured']['kind'];
  /** Scenario kind the point counts under: offline, server, online, latency, prefill or decode. */
  readonly scenario: string;
  /** Published value. */
  readonly measured: number;
  /** Predicted value, same unit. */
  readonly predicted: number;
  /** predicted / measured − 1. */
  readonly error: number;
  /** Accepted |error| for this point (from its trust). */
  readonly band: number;
  /** |error| <= band. */
  readonly withinBand: boolean;
  /** Batch the prediction ran at (sequences in flight, whole deployment). */
  readonly batch: number;
  /** Excluded from the summary (the reason is in the point's notes). */
  readonly excluded: boolean;
  /** The published value itself is an estimate or not yet checked against its source (`measured.value` in the point's `estimated`); still counted unless excluded. */
  readonly measuredUnchecked: boolean;
}

/** Accuracy over the included points. */
export interface ServingValidationSummary {
  /** Points re-predicted. */
  readonly points: number;
  /** Points counted in the summary. */
  readonly included: number;
  /** Median |error| over included points, fraction. */
  readonly medianAbsError: number;
  /** Maximum |error| over included points, fraction. */
  readonly maxAbsError: number;
  /** Mean |error|, fraction. */
  readonly meanAbsError: number;
  /** Included points inside their band. */
  readonly withinBand: number;
}

/** Validation output. */
export interface ServingValidation {
  readonly rows: readonly ServingValidationRow[];
  readonly summary: ServingValidationSummary;
  /** The same summary per scenario kind (offline, server, online, latency, prefill, decode). */
  readonly byScenario: Readonly<Record<string, ServingValidationSummary>>;
}

/** The scenario kind a point counts under. */
export function scenarioKindOf(p: ServingPoint): string {
  if (p.scenario) return p.scenario;
  if (p.phase !== 'both') return p.phase;
  return p.mode ?? (p.batch ? 'online' : 'offline');
}

/**
 * Predicts a scenario point (MLPerf offline/server) with infer/scenario.ts: the point's engine
 * profile, its length distribution (mean, max) and p99 limits; the layout is the point's when it
 * gives tp, else the best one the model finds.
 */
export function predictScenarioPoint(p: ServingPoint, model: Model, chip: Chip): ScenarioResult {
  const i = servingInputOf(p, model, chip);
  const engine = p.engineProfile && isEngineId(p.engineProfile) ? p.engineProfile : undefined;
  return runScenario({
    model,
    chip: i.chip,
    gpus: p.gpus,
    plan: p.plan.tp !== undefined ? i.plan : undefined,
    precision: i.precision,
    kvPrecision: i.kvPrecision,
    speculative: i.speculative,
    gpusPerNode: i.gpusPerNode,
    kvMemoryFraction: i.kvMemoryFraction,
    maxBatchPerReplica: i.maxBatchPerReplica,
    overlap: i.overlap,
    promptTokens: { mean: p.promptTokens, p99: p.promptTokensMax ?? p.promptTokens, max: p.promptTokensMax ?? p.promptTokens },
    outputTokens: { mean: p.outputTokens, p99: p.outputTokensMax ?? p.outputTokens, max: p.outputTokensMax ?? p.outputTokens },
    scenario: p.scenario ?? 'offline',
    engine,
    chunkTokens: p.maxNumTokens,
    ttftSeconds: p.ttftMs !== undefined ? p.ttftMs / 1000 : undefined,
    tpotSeconds: p.tpotMs !== undefined ? p.tpotMs / 1000 : undefined,
    sweepPoints: 0,
  });
}

function scenarioValue(kind: ServingPoint['measured']['kind'], r: ScenarioResult): number {
  switch (kind) {
    case 'output_tokens_per_sec':
      return r.outputTokensPerSecond;
    case 'output_tokens_per_sec_per_gpu':
      return r.outputTokensPerSecondPerGpu;
    case 'total_tokens_per_sec':
      return r.requestsPerSecond * (r.promptTokens.mean + r.outputTokens.mean);
    case 'total_tokens_per_sec_per_gpu':
      return (r.requestsPerSecond * (r.promptTokens.mean + r.outputTokens.mean)) / r.gpus;
    case 'input_tokens_per_sec_per_gpu':
      return (r.requestsPerSecond * r.promptTokens.mean) / r.gpus;
    case 'ttft_s':
      return r.ttftP99Seconds;
    case 'tpot_s':
      return r.tpotP99Seconds;
  }
}

/** Default band when a point does not set one. */
export const defaultBand = 0.5;

/** The serving input a published point describes (batch resolved by `predictPoint`). */
export function servingInputOf(p: ServingPoint, model: Model, chip: Chip): ServingInput {
  const pp = p.plan.pp ?? 1;
  const dp = p.plan.dp ?? 1;
  const ep = p.plan.ep ?? 1;
  const tp = p.plan.tp ?? Math.max(1, Math.floor(p.gpus / (pp * dp)));
  const c = p.chipOverride ? { ...chip, ...Object.fromEntries(Object.entries(p.chipOverride).filter(([, v]) => v !== undefined)) } : chip;
  return {
    model,
    chip: c as Chip,
    gpus: p.gpus,
    plan: { tp, pp, ep, dp },
    batch: p.batch,
    promptTokens: p.promptTokens,
    outputTokens: p.outputTokens,
    phase: p.phase,
    precision: p.precision,
    kvPrecision: p.kvPrecision,
    speculative: p.speculative,
    maxBatchPerReplica: p.maxBatchPerReplica,
    maxNumTokens: p.maxNumTokens,
    kvMemoryFraction: p.kvMemoryFraction,
    gpusPerNode: p.gpusPerNode,
    overlap: p.overlap,
    dpPrefill: p.dpPrefill,
  };
}

/** The measured quantity read from a prediction. */
export function predictedValue(kind: ServingPoint['measured']['kind'], r: ServingResult): number {
  switch (kind) {
    case 'output_tokens_per_sec':
      return r.outputTokensPerSecond;
    case 'output_tokens_per_sec_per_gpu':
      return r.outputTokensPerSecondPerGpu;
    case 'total_tokens_per_sec':
      return r.totalTokensPerSecond;
    case 'total_tokens_per_sec_per_gpu':
      return r.totalTokensPerSecond / r.gpus;
    case 'input_tokens_per_sec_per_gpu':
      return r.phase === 'prefill' ? r.prefill.tokensPerSecondPerGpu : (r.requestsPerSecond * r.promptTokens) / r.gpus;
    case 'ttft_s':
      return r.ttftSeconds;
    case 'tpot_s':
      return r.tpotSeconds;
  }
}

/** Predicts one point at the batch its load implies. */
export function predictPoint(p: ServingPoint, model: Model, chip: Chip): ServingResult {
  const input = servingInputOf(p, model, chip);
  const mode = p.mode ?? (p.batch ? 'online' : 'offline');
  if (mode === 'latency' && p.batch) return evaluateServing(input);
  const free = evaluateServing({ ...input, batch: undefined });
  const cap = Math.max(1, free.maxBatch);
  const batch = p.batch ? Math.min(p.batch, cap) : cap;
  return evaluateServing({ ...input, batch });
}

function median(xs: readonly number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Re-predicts every point. */
export function validateServing(
  points: readonly ServingPoint[],
  lookup: { model(id: string): Model; chip(id: string): Chip },
): ServingValidation {
  const rows: ServingValidationRow[] = points.map((p) => {
    let predicted: number;
    let batch: number;
    if (p.scenario) {
      const r = predictScenarioPoint(p, lookup.model(p.model), lookup.chip(p.chip));
      predicted = scenarioValue(p.measured.kind, r);
      batch = Math.round(r.batch);
    } else {
      const r = predictPoint(p, lookup.model(p.model), lookup.chip(p.chip));
      predicted = predictedValue(p.measured.kind, r);
      batch = r.batch;
    }
    const error = predicted / p.measured.value - 1;
    const band = p.band ?? defaultBand;
    return {
      id: p.id,
      name: p.name,
      group: typeof p.group === 'string' ? p.group : null,
      model: p.model,
      chip: p.chip,
      gpus: p.gpus,
      kind: p.measured.kind,
      scenario: scenarioKindOf(p),
      measured: p.measured.value,
      predicted,
      error,
      band,
      withinBand: Math.abs(error) <= band,
      batch,
      excluded: p.excludeFromSummary,
      measuredUnchecked: (p.estimated ?? []).includes('measured.value'),
    };
  });
  const byScenario: Record<string, ServingValidationSummary> = {};
  for (const k of [...new Set(rows.map((r) => r.scenario))].sort()) byScenario[k] = summarize(rows.filter((r) => r.scenario === k));
  return { rows, summary: summarize(rows), byScenario };
}

function summarize(rows: readonly ServingValidationRow[]): ServingValidationSummary {
  const inc = rows.filter((r) => !r.excluded);
  const abs = inc.map((r) => Math.abs(r.error));
  return {
    points: rows.length,
    included: inc.length,
    medianAbsError: median(abs),
    maxAbsError: abs.length ? Math.max(...abs) : Number.NaN,
    meanAbsError: abs.length ? abs.reduce((a, b) => a + b, 0) / abs.length : Number.NaN,
    withinBand: inc.filter((r) => r.withinBand).length,
  };
}
