/**
 * Compute efficiency (issue #10 item 2): each model's score against its training compute, and
 * the efficiency frontier (the models no other model beats with less or equal compute).
 * Benchmark-imputed compute estimates are kept off the frontier: they are derived from the
 * score axis itself (Epoch AI labels such closed-model estimates as imputed from benchmark scores:
 * https://epoch.ai/data/notable-ai-models). Lower-bound
 * compute figures (post-training updates of a base model) are listed, never plotted as points.
 */
import type { RaceEntry, RaceMetric } from './schema.js';

/** One model on the score-vs-compute plane. */
export interface EfficiencyPoint {
  /** Race entry id. */
  readonly id: string;
  /** Lab country, ISO-2. */
  readonly country: string;
  /** Release date. */
  readonly date: string;
  /** Score on the metric (percent, or Elo). */
  readonly score: number;
  /** Training compute, FLOP (catalog figure). */
  readonly flop: number;
  /** log10 of `flop`. */
  readonly log10Flop: number;
  /** Range of the compute figure, FLOP. */
  readonly low: number;
  readonly high: number;
  /** Published or estimated compute. */
  readonly computeKind: 'published' | 'estimated';
  /** Compute imputed from benchmark scores (plotted, but not eligible for the frontier). */
  readonly imputed: boolean;
  /** Score per 1e24 FLOP (crude: favors small models; race.md). */
  readonly scorePer1e24: number;
  /** On the efficiency frontier. */
  readonly onFrontier: boolean;
}

/**
 * The efficiency frontier: sort by compute ascending (ties: higher score first) and keep each
 * point whose score is strictly above every cheaper point's. Returns the kept ids, cheapest first.
 */
export function efficiencyFrontier(points: readonly { id: string; flop: number; score: number }[]): string[] {
  const sorted = [...points].sort((a, b) => a.flop - b.flop || b.score - a.score || (a.id < b.id ? -1 : 1));
  const out: string[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.score > best) {
      out.push(p.id);
      best = p.score;
    }
  }
  return out;
}

/** A model whose compute figure is only a lower bound: listed as ">= flop", never plotted as a point. */
export interface ComputeLowerBound {
  /** Race entry id. */
  readonly id: string;
  /** Lab country, ISO-2. */
  readonly country: string;
  /** Score on the metric. */
  readonly score: number;
  /** The bound, FLOP (total compute is at least this). */
  readonly atLeastFlop: number;
  /** What the bound counts. */
  readonly method: string;
}

/** Entries with a score on `metric` whose compute is a lower bound (kept off the efficiency points). */
export function computeLowerBounds(entries: readonly RaceEntry[], metric: RaceMetric): ComputeLowerBound[] {
  return entries
    .flatMap((e) => {
      const b = e.benchmarks[metric];
      const c = e.trainingCompute;
      return b && c && c.bound === 'lower' ? [{ id: e.id, country: e.country, score: b.score, atLeastFlop: c.flop, method: c.method }] : [];
    })
    .sort((a, b) => a.atLeastFlop - b.atLeastFlop || (a.id < b.id ? -1 : 1));
}

/**
 * Every entry with both a score on `metric` and a training-compute figure, frontier marked.
 * Entries without a compute figure, and those whose figure is only a lower bound, are left out
 * (a bound is not a point: see computeLowerBounds).
 */
export function efficiencyPoints(entries: readonly RaceEntry[], metric: RaceMetric): EfficiencyPoint[] {
  const base = entries.flatMap((e) => {
    const b = e.benchmarks[metric];
    const c = e.trainingCompute;
    if (!b || !c || c.bound === 'lower') return [];
    return [{ id: e.id, country: e.country, date: e.releaseDate, score: b.score, flop: c.flop, low: c.low, high: c.high, computeKind: c.kind, imputed: c.imputedFromBenchmarks }];
  });
  const front = new Set(efficiencyFrontier(base.filter((p) => !p.imputed)));
  return base
    .map((p) => ({ ...p, log10Flop: Math.log10(p.flop), scorePer1e24: p.score / (p.flop / 1e24), onFrontier: front.has(p.id) }))
    .sort((a, b) => a.flop - b.flop || (a.id < b.id ? -1 : 1));
}
