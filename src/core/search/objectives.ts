/**
 * Objectives: how a plan is scored (lower is better), how ties break, and which candidates
 * are Pareto-optimal. 'time' minimizes step time; 'cost' minimizes the whole-run cost (the
 * job needs `tokens`); 'deadline' minimizes step time at each chip count and the sweep then
 * picks the fewest chips that finish within the deadline (sweep.ts).
 */
import { ChipboundError } from '../errors.js';
import type { TrainJob } from '../train/types.js';
import { planKey } from './space.js';
import type { Candidate, EvaluatedLike, Objective } from './types.js';

/** Objective value of an evaluated plan, lower is better; NaN when it cannot be scored. */
export function score(objective: Objective, r: EvaluatedLike): number {
  if (objective === 'cost') return r.cost?.costUsd ?? Number.NaN;
  return r.stepTimeSeconds;
}

/** Throws a usage error when the job lacks what the objective needs. */
export function checkObjective(objective: Objective, job: TrainJob, deadlineDays?: number): void {
  if (objective === 'cost' && !(job.tokens && job.tokens > 0)) {
    throw new ChipboundError('usage', '--objective cost: needs --tokens (the run length, tokens)');
  }
  if (objective === 'cost' && !job.chip.rentalUsdPerHour && !job.chip.priceUsd) {
    throw new ChipboundError('missing_value', `chip ${job.chip.id}: rentalUsdPerHour and priceUsd are not public; --objective cost needs a price`);
  }
  if (objective === 'deadline') {
    if (!(job.tokens && job.tokens > 0)) throw new ChipboundError('usage', '--objective deadline: needs --tokens (the run length, tokens)');
    if (!(deadlineDays !== undefined && deadlineDays > 0)) throw new ChipboundError('usage', '--objective deadline: needs --deadline-days D (> 0)');
  }
}

/**
 * Total order on candidates: score, then memory slack (more is better), then the plan key
 * (so every runner, serial or parallel, returns the same plan on ties).
 */
export function better(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score < b.score;
  if (a.memorySlack !== b.memorySlack) return a.memorySlack > b.memorySlack;
  return planKey(a.plan) < planKey(b.plan);
}

/** Candidate comparator for Array.sort (best first). */
export function compare(a: Candidate, b: Candidate): number {
  if (a === b) return 0;
  return better(a, b) ? -1 : better(b, a) ? 1 : 0;
}

/** Whole-run cost for the Pareto front; step time stands in when the job has no `tokens`. */
function costOf(c: Candidate): number {
  return c.result.cost?.costUsd ?? c.result.stepTimeSeconds;
}

/** a dominates b: no worse in step time, cost and memory slack, and better in one. */
export function dominates(a: Candidate, b: Candidate): boolean {
  const t1 = a.result.stepTimeSeconds;
  const t2 = b.result.stepTimeSeconds;
  const c1 = costOf(a);
  const c2 = costOf(b);
  if (t1 > t2 || c1 > c2 || a.memorySlack < b.memorySlack) return false;
  return t1 < t2 || c1 < c2 || a.memorySlack > b.memorySlack;
}

/**
 * Adds `c` to a Pareto front in place when no member dominates it (removing members it
 * dominates). Among exact ties on all three axes the first by `better` is kept.
 */
export function paretoInsert(front: Candidate[], c: Candidate): void {
  for (const f of front) {
    if (dominates(f, c)) return;
    if (sameObjectives(f, c) && !better(c, f)) return;
  }
  let w = 0;
  for (let i = 0; i < front.length; i++) {
    const f = front[i];
    if (!(dominates(c, f) || sameObjectives(f, c))) front[w++] = f;
  }
  front.length = w;
  front.push(c);
}

function sameObjectives(a: Candidate, b: Candidate): boolean {
  return a.result.stepTimeSeconds === b.result.stepTimeSeconds && costOf(a) === costOf(b) && a.memorySlack === b.memorySlack;
}

/** Adds `c` to a best-first top-K list in place (the list holds at most k). */
export function topInsert(list: Candidate[], c: Candidate, k: number): void {
  if (k <= 0) return;
  if (list.length >= k && !better(c, list[list.length - 1])) return;
  let i = list.length;
  list.push(c);
  while (i > 0 && better(c, list[i - 1])) {
    list[i] = list[i - 1];
    i--;
  }
  list[i] = c;
  if (list.length > k) list.length = k;
}
