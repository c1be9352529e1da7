/**
 * Merging the results of searches over disjoint slices of one space (parallel runners):
 * the union of top-K lists and Pareto fronts under the same total order gives exactly what
 * one search over the whole space gives.
 */
import { better, paretoInsert, topInsert } from './objectives.js';
import type { Candidate, EvaluatedLike, SearchResult } from './types.js';

/** Merges slice results; `seconds` is the caller's wall time, `space` the whole space's size. */
export function mergeResults<R extends EvaluatedLike>(
  parts: readonly SearchResult<R>[],
  top: number,
  seconds: number,
  space: number,
): SearchResult<R> {
  let best: Candidate<R> | null = null;
  const topList: Candidate<R>[] = [];
  const front: Candidate<R>[] = [];
  let evaluated = 0;
  let timed = 0;
  let feasible = 0;
  let invalid = 0;
  let skipped = 0;
  let pruned = 0;
  let interrupted = false;
  for (const p of parts) {
    if (p.best && (best === null || better(p.best, best))) best = p.best;
    for (const c of p.top) topInsert(topList as Candidate[], c, top);
    for (const c of p.pareto) paretoInsert(front as Candidate[], c);
    evaluated += p.stats.evaluated;
    timed += p.stats.timed;
    feasible += p.stats.feasible;
    invalid += p.stats.invalid;
    skipped += p.stats.skipped;
    pruned += p.stats.pruned;
    interrupted ||= p.interrupted;
  }
  front.sort((a, b) => a.result.stepTimeSeconds - b.result.stepTimeSeconds || (better(a, b) ? -1 : 1));
  const invalidExample = parts.find((p) => p.invalidExample)?.invalidExample;
  return { best, top: topList, pareto: front, stats: { space, evaluated, timed, feasible, invalid, skipped, pruned, seconds }, interrupted, ...(invalidExample ? { invalidExample } : {}) };
}
