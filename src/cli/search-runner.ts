/**
 * The CLI's parallel plan search: splits the space's layouts across node:worker_threads (one
 * per available core), each running the pure kernel on its slice (search-worker.ts), and
 * merges the slice results (exact: slices are disjoint and the order is total). Small spaces
 * run in the calling thread, in short bursts. On a terminal a progress bar appears on stderr once a search
 * has run for a second; Ctrl-C (SIGINT) or an AbortSignal stops every worker at its next
 * poll and returns the best plan found so far, marked `interrupted`.
 * Runs only in Node (the browser has its own Web Worker wrapper around the same kernel).
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { mergeResults } from '../core/search/merge.js';
import { topInsert } from '../core/search/objectives.js';
import { searchSlice } from '../core/search/kernel.js';
import { resolveOptions } from '../core/search/search-with.js';
import { enumerateSpace, type Space } from '../core/search/space.js';
import type { Candidate, EvaluatedLike, PlanEvaluator, SearchOptions, SearchResult } from '../core/search/types.js';
import type { Plan, TrainJob } from '../core/train/types.js';
import type { WorkerInput } from './search-worker.js';
import { ChipboundError, type ErrorCode } from '../core/errors.js';
import { sigintSeen } from './output.js';

/** Runner options: the serializable search options plus how to run. */
export interface RunnerOptions extends Omit<SearchOptions, 'shouldStop' | 'onProgress' | 'now' | 'slice'> {
  /** Worker threads; default os.availableParallelism(). */
  readonly workers?: number;
  /** Spaces with fewer plans run in the calling thread (worker start-up costs ~0.3 s; a search the step-time bound prunes counts an eighth of its plans); default 1,000,000. */
  readonly inThreadBelow?: number;
  /** Draw a progress bar on stderr; default: when stderr is a terminal. */
  readonly progress?: boolean;
  /** Stops the search (as Ctrl-C does). */
  readonly signal?: AbortSignal;
  /** The evaluator module and export; default chipbound's training model (core/search/search.ts). */
  readonly evaluator?: { readonly url: string; readonly name: string };
  /**
   * Synchronous work for the calling thread while worker threads search (it would otherwise
   * idle): the train command prepares what it prints beside the winner. Runs once, after the
   * workers start; not called when the search runs in the calling thread.
   */
  readonly whileWaiting?: () => void;
}

/**
 * Compiled (dist/*.js, what users run): workers load the compiled worker module directly, no
 * loader. From the TypeScript sources (tests, `CHIPBOUND_SRC=1`): workers start from a small
 * script that registers tsx's loader inside the worker (a loader registered in the main thread
 * does not reach workers on Node 20) and then import the TypeScript worker module.
 */
const fromSource = import.meta.url.endsWith('.ts');
const ext = fromSource ? '.ts' : '.js';
const workerUrl = new URL(`./search-worker${ext}`, import.meta.url);

function workerScript(): string {
  const tsxApi = new URL('./api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm'))).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => {
  tsx.register();
  return import(${JSON.stringify(workerUrl.href)});
});`;
}

function startWorker(workerData: WorkerInput): Worker {
  return fromSource ? new Worker(workerScript(), { eval: true, workerData }) : new Worker(workerUrl, { workerData });
}

const defaultEvaluator = { url: new URL(`../core/search/search${ext}`, import.meta.url).href, name: 'trainEvaluator' };

/** Searches `job` in parallel; resolves with the merged result. */
export async function runSearch<R extends EvaluatedLike = EvaluatedLike>(
  job: TrainJob,
  fixed: Partial<Plan>,
  opts: RunnerOptions = {},
): Promise<SearchResult<R>> {
  const t0 = Date.now();
  const { workers: nWorkers, inThreadBelow = 1_000_000, progress, signal, evaluator = defaultEvaluator, whileWaiting, ...searchOpts } = opts;
  const o = resolveOptions(job, searchOpts);
  const space = enumerateSpace(job, fixed, { precisions: searchOpts.precisions });
  const n = Math.max(1, Math.min(nWorkers ?? availableParallelism(), space.layouts.length));
  // With the step-time bound (objective time or deadline, no Pareto front) most plans cost one
  // bound per micro-batch size instead of a memory check and a timing: count them as an eighth.
  // Such searches of the reference spaces take ~0.4 s of CPU in one thread, and each worker would
  // pay its own start-up and JIT warm-up again (measured: 0.8-1.0 s end to end in the calling
  // thread against 1.0-1.6 s with two workers for DeepSeek-V3 on 2,048 H800, load average 2.5-3.4).
  const prunes = o.objective !== 'cost' && !o.pareto;
  const inThread = n === 1 || (prunes ? space.size / 8 : space.size) < inThreadBelow;
  const slots = inThread ? 1 : n;
  // Int32 slots: [stop, next unclaimed layout, plans covered by runner 0, runner 1, ...].
  const shared = new SharedArrayBuffer(4 * (slots + 2));
  const flags = new Int32Array(shared);
  const stop = () => Atomics.store(flags, 0, 1);
  process.on('SIGINT', stop);
  signal?.addEventListener('abort', stop);
  if (signal?.aborted || sigintSeen()) stop();
  const bar = (progress ?? Boolean(process.stderr.isTTY)) ? startProgress(flags, slots, space.size, t0) : null;
  const workers: Worker[] = [];
  try {
    if (inThread) {
      const mod = (await import(evaluator.url)) as Record<string, PlanEvaluator<unknown, R>>;
      const part = await searchInThread(mod[evaluator.name], job, space, o, flags);
      return mergeResults([part], o.top, (Date.now() - t0) / 1000, space.size);
    }
    const pending = Promise.all(
      Array.from({ length: n }, (_, index) => {
        const input: WorkerInput = { job, fixed, opts: searchOpts, slice: { index, count: n }, shared, evaluator };
        const w = startWorker(input);
        workers.push(w);
        return new Promise<SearchResult<R>>((resolve, reject) => {
          w.once('message', (m: SearchResult<R>) => resolve(m));
          // Errors cross the thread boundary as plain Errors: keep bad input (ChipboundError) an exit 2.
          w.once('error', (e: Error & { code?: unknown }) => reject(e?.name === 'ChipboundError' ? new ChipboundError(typeof e.code === 'string' ? (e.code as ErrorCode) : 'missing_value', e.message) : e));
          w.once('exit', (code) => reject(new Error(`search worker ${index} exited with code ${code} before answering`)));
        });
      }),
    );
    // A rejection while whileWaiting runs is handled by the await below.
    pending.catch(() => undefined);
    whileWaiting?.();
    const parts = await pending;
    return mergeResults(parts, o.top, (Date.now() - t0) / 1000, space.size);
  } finally {
    bar?.stop();
    process.off('SIGINT', stop);
    signal?.removeEventListener('abort', stop);
    for (const w of workers) void w.terminate();
  }
}

/**
 * The calling thread's search: the same kernel over the same shared layout counter, run in
 * ~50 ms bursts with a turn of the event loop between them, so Ctrl-C and the progress bar
 * work here too.
 */
async function searchInThread<R extends EvaluatedLike>(
  ev: PlanEvaluator<unknown, R>,
  job: TrainJob,
  space: Space,
  o: ReturnType<typeof resolveOptions>,
  flags: Int32Array,
): Promise<SearchResult<R>> {
  const prep = ev.prepareJob(job);
  const parts: SearchResult<R>[] = [];
  // The best plans of the bursts so far (disjoint layouts): their K-th step time is one a later burst must beat.
  const kept: Candidate[] = [];
  const threshold = () => (kept.length >= o.top ? kept[o.top - 1].score : Infinity);
  let covered = 0;
  while (Atomics.load(flags, 1) < space.layouts.length && !Atomics.load(flags, 0)) {
    const until = Date.now() + 50;
    const part = searchSlice(ev, prep, space, {
      ...o,
      slice: { index: 0, count: 1 },
      claim: () => (Date.now() > until ? space.layouts.length : Atomics.add(flags, 1, 1)),
      shouldStop: () => Atomics.load(flags, 0) !== 0,
      onProgress: (done) => Atomics.store(flags, 2, covered + done),
      threshold,
      now: Date.now,
    });
    parts.push(part);
    for (const c of part.top) topInsert(kept, c, o.top);
    covered += part.stats.evaluated + part.stats.skipped + part.stats.pruned;
    Atomics.store(flags, 2, covered);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const merged = mergeResults(parts, o.top, 0, space.size);
  return { ...merged, interrupted: merged.interrupted || Atomics.load(flags, 0) !== 0 && Atomics.load(flags, 1) < space.layouts.length };
}

/** A one-line progress bar on stderr, drawn from the workers' shared counters after 1 s. */
function startProgress(flags: Int32Array, n: number, total: number, t0: number): { stop(): void } {
  let drawn = false;
  const draw = () => {
    let done = 0;
    for (let i = 0; i < n; i++) done += Atomics.load(flags, 2 + i);
    const f = Math.min(1, done / total);
    const width = 30;
    const fill = Math.round(f * width);
    const secs = (Date.now() - t0) / 1000;
    const stopping = Atomics.load(flags, 0) ? '  stopping (best so far)…' : '';
    process.stderr.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(f * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} plans  ${secs.toFixed(1)} s${stopping}`);
    drawn = true;
  };
  let timer: ReturnType<typeof setInterval> | null = null;
  const delay = setTimeout(() => {
    draw();
    timer = setInterval(draw, 100);
  }, 1000);
  return {
    stop() {
      clearTimeout(delay);
      if (timer) clearInterval(timer);
      if (drawn) process.stderr.write('\r\x1b[2K');
    },
  };
}
