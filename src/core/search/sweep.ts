/**
 * Scaling sweeps: the best plan at each chip count of a range (`256..16384`, powers of two)
 * or a list (`512,1024,3072`), the scaling-efficiency table, and the 'deadline' objective
 * (fewest chips that train `tokens` within `deadlineDays`).
 */
import { ChipboundError } from '../errors.js';
import type { Candidate, EvaluatedLike, SearchResult } from './types.js';

/** Parses `A..B` (powers of two from A to B; A and B themselves included) or a comma list. */
export function parseGpuCounts(text: string): number[] {
  const t = text.trim();
  const bad = () => new ChipboundError('usage', `--gpus: expected a count, a range A..B or a list A,B,C, got '${text}'`);
  const int = (s: string) => {
    if (!/^\d+$/.test(s.trim())) throw bad();
    const v = Number(s.trim());
    if (!(v >= 1 && v <= 1e7)) throw bad();
    return v;
  };
  const range = /^(\d+)\s*\.\.\s*(\d+)$/.exec(t);
  if (range) {
    const a = int(range[1]);
    const b = int(range[2]);
    if (a > b) throw new ChipboundError('usage', `--gpus: range start ${a} is above its end ${b}`);
    const out = [a];
    let p = 1;
    while (p <= a) p *= 2;
    for (; p < b; p *= 2) out.push(p);
    if (b !== a) out.push(b);
    return out;
  }
  const list = t.split(',').map(int);
  if (list.length === 0) throw bad();
  return [...new Set(list)].sort((x, y) => x - y);
}

/** One row of a sweep. */
export interface SweepRow<R extends EvaluatedLike = EvaluatedLike> {
  /** Chip count. */
  readonly gpus: number;
  /** Best plan at this count, or null when nothing fits. */
  readonly best: Candidate<R> | null;
  /** Training tokens per second per chip of the best plan. */
  readonly tokensPerSecondPerChip: number | null;
  /** Per-chip throughput relative to the smallest count that has a plan, fraction (1 = linear scaling). */
  readonly scalingEfficiency: number | null;
  /** Whole-run days of the best plan (jobs with `tokens`). */
  readonly days: number | null;
  /** Whether the best plan finishes within the deadline (objective 'deadline'). */
  readonly meetsDeadline: boolean | null;
  /** Search counters at this count. */
  readonly search: SearchResult<R>['stats'];
}

/** A finished sweep. */
export interface Sweep<R extends EvaluatedLike = EvaluatedLike> {
  /** Rows in ascending chip count (a deadline sweep stops at the first count that meets it). */
  readonly rows: readonly SweepRow<R>[];
  /** The chosen row: fewest chips meeting the deadline ('deadline'), else the lowest score. */
  readonly chosen: SweepRow<R> | null;
  /** Counts never searched because a smaller count already met the deadline. */
  readonly notSearched: readonly number[];
}

/** Builds sweep rows from per-count results (in ascending count order). */
export function sweepRows<R extends EvaluatedLike>(
  results: readonly { gpus: number; result: SearchResult<R> }[],
  deadlineDays?: number,
): SweepRow<R>[] {
  let base: number | null = null;
  return results.map(({ gpus, result }) => {
    const b = result.best;
    const perChip = b ? b.result.tokensPerSecond / gpus : null;
    if (base === null && perChip !== null) base = perChip;
    const days = b?.result.cost?.days ?? null;
    return {
      gpus,
      best: b,
      tokensPerSecondPerChip: perChip,
      scalingEfficiency: perChip !== null && base ? perChip / base : null,
      days,
      meetsDeadline: deadlineDays === undefined ? null : days !== null && days <= deadlineDays,
      search: result.stats,
    };
  });
}

/**
 * Runs `searchAt` for each count in ascending order. With a deadline, stops at the first
 * count whose best plan meets it: any later count has more chips, so it cannot win
 * 'fewest chips' (a safe early exit).
 */
export function sweepPlans<R extends EvaluatedLike>(
  counts: readonly number[],
  searchAt: (gpus: number) => SearchResult<R>,
  opts: { deadlineDays?: number; stopAtDeadline?: boolean } = {},
): Sweep<R> {
  const sorted = [...counts].sort((a, b) => a - b);
  const results: { gpus: number; result: SearchResult<R> }[] = [];
  for (const gpus of sorted) {
    const result = searchAt(gpus);
    results.push({ gpus, result });
    const days = result.best?.result.cost?.days;
    if (result.interrupted) break;
    if (opts.deadlineDays !== undefined && opts.stopAtDeadline !== false && days != null && days <= opts.deadlineDays) break;
  }
  return finishSweep(sorted, results, opts.deadlineDays);
}

/** Rows, the chosen row and the counts not searched, from the results gathered so far. */
export function finishSweep<R extends EvaluatedLike>(
  counts: readonly number[],
  results: readonly { gpus: number; result: SearchResult<R> }[],
  deadlineDays?: number,
): Sweep<R> {
  const rows = sweepRows(results, deadlineDays);
  let chosen: SweepRow<R> | null = null;
  if (deadlineDays !== undefined) chosen = rows.find((r) => r.meetsDeadline) ?? null;
  else for (const r of rows) if (r.best && (!chosen?.best || r.best.score < chosen.best.score)) chosen = r;
  const done = new Set(results.map((r) => r.gpus));
  return { rows, chosen, notSearched: counts.filter((c) => !done.has(c)) };
}
