/**
 * Worker thread of the CLI's parallel search (search-runner.ts): searches one slice of the
 * space with the pure kernel and posts the slice result. Stop requests and progress go
 * through a SharedArrayBuffer, because the kernel is synchronous and never yields to the
 * message loop: slot 0 is the stop flag, slot 1 the next unclaimed layout (work sharing), slot 2 + i the plans
 * covered by worker i.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { searchPlansWith } from '../core/search/search-with.js';
import type { PlanEvaluator, SearchOptions } from '../core/search/types.js';
import type { Plan, TrainJob } from '../core/train/types.js';

/** What the runner sends each worker. */
export interface WorkerInput {
  /** The job (plain data). */
  readonly job: TrainJob;
  /** Fixed plan fields. */
  readonly fixed: Partial<Plan>;
  /** Serializable search options. */
  readonly opts: Omit<SearchOptions, 'shouldStop' | 'onProgress' | 'now' | 'slice'>;
  /** This worker's slice. */
  readonly slice: { readonly index: number; readonly count: number };
  /** Int32 slots: [stop, next unclaimed layout, progress of worker 0, progress of worker 1, ...]. */
  readonly shared: SharedArrayBuffer;
  /** The evaluator: module URL and export name (a PlanEvaluator). */
  readonly evaluator: { readonly url: string; readonly name: string };
}

const input = workerData as WorkerInput;
const flags = new Int32Array(input.shared);
const mod = (await import(input.evaluator.url)) as Record<string, PlanEvaluator>;
const result = searchPlansWith(mod[input.evaluator.name], input.job, input.fixed, {
  ...input.opts,
  slice: input.slice,
  claim: () => Atomics.add(flags, 1, 1),
  shouldStop: () => Atomics.load(flags, 0) !== 0,
  onProgress: (done) => Atomics.store(flags, 2 + input.slice.index, done),
});
parentPort!.postMessage(result);
