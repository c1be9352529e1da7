/**
 * The frontier of one country on one benchmark: the best score released to date, as a step
 * function over release dates. Pure; the input is the race catalog.
 */
import type { RaceEntry, RaceMetric } from './schema.js';
import { comparability, settingClassOf } from './setting.js';

/** One model's score on the chosen benchmark. */
export interface ScorePoint {
  /** Race entry id (also the source id: data/race/<id>.yaml). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Lab country, ISO-2. */
  readonly country: string;
  /** Release date, YYYY-MM-DD. */
  readonly date: string;
  /** Score (percent, or Elo for arena). */
  readonly score: number;
  /** Evaluation setting as published. */
  readonly setting: string;
  /** URL of the score's source. */
  readonly source: string;
  /** Caveat printed next to the number, if any. */
  readonly caveat?: string;
  /** Who ran it (lab, lab via another lab's table, Epoch AI, Artificial Analysis...). */
  readonly evaluator?: string;
  /** Thinking on / off, or null when not stated. */
  readonly thinking?: boolean | null;
  /** k of pass@k when stated, else null. */
  readonly passAt?: number | null;
  /** Open weights. */
  readonly openWeights?: boolean;
}

/** A score left out of a series by the comparability rule (setting.ts). */
export interface ExcludedScore {
  readonly id: string;
  readonly why: string;
}

/** Scores on `metric` that fail the comparability rule (a different harness or tool use than the series). */
export function excludedScores(entries: readonly RaceEntry[], metric: RaceMetric): ExcludedScore[] {
  return entries.flatMap((e) => {
    const b = e.benchmarks[metric];
    if (!b) return [];
    const c = comparability(metric, b);
    return c.ok ? [] : [{ id: e.id, why: c.why }];
  });
}

/** A step of the frontier: a model that beat every earlier model of its country. */
export type FrontierStep = ScorePoint;

/** Every entry's comparable score for a metric (entries without that score, or failing the comparability rule, are skipped). */
export function scorePoints(entries: readonly RaceEntry[], metric: RaceMetric): ScorePoint[] {
  const out: ScorePoint[] = [];
  for (const e of entries) {
    const b = e.benchmarks[metric];
    if (!b || !comparability(metric, b).ok) continue;
    const k = settingClassOf(b);
    out.push({ id: e.id, name: e.name, country: e.country, date: e.releaseDate, score: b.score, setting: b.setting, source: b.source, ...(b.caveat ? { caveat: b.caveat } : {}), evaluator: b.evaluator, thinking: k.thinking, passAt: k.passAt, openWeights: e.openWeights });
  }
  return out;
}

/**
 * The frontier of `country`: points sorted by date, keeping each one whose score is strictly
 * above every earlier one. Same-day releases are taken best first, so one day yields one step;
 * an equal later score is not a new step (the earlier model reached it first).
 */
export function frontier(points: readonly ScorePoint[], country: string): FrontierStep[] {
  const mine = points
    .filter((p) => p.country === country)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.score - a.score || (a.id < b.id ? -1 : 1)));
  const steps: FrontierStep[] = [];
  for (const p of mine) if (steps.length === 0 || p.score > steps[steps.length - 1].score) steps.push(p);
  return steps;
}

/** The frontier step in force on `date` (the best released on or before it), or null before the first. */
export function bestAt(steps: readonly FrontierStep[], date: string): FrontierStep | null {
  let best: FrontierStep | null = null;
  for (const s of steps) {
    if (s.date > date) break;
    best = s;
  }
  return best;
}

/** The first step at or above `score` (the date the country first reached it), or null if never. */
export function firstReaching(steps: readonly FrontierStep[], score: number): FrontierStep | null {
  return steps.find((s) => s.score >= score) ?? null;
}
