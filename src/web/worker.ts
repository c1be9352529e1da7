/**
 * The Web Worker around the plan search kernel (core/search/search.ts): the page never blocks
 * while a search runs. A request is one plan search, a scaling sweep (the best plan at each chip
 * count, streamed point by point), or a serving deployment search (infer/search.ts). Cancelling = terminating the worker
 * (search-client.ts), so the kernel needs no cross-thread stop flag.
 */
import { ChipboundError } from '../core/errors.js';
import { searchServing, type ServingSearchInput, type ServingSearchResult } from '../core/infer/search.js';
import { searchPlans } from '../core/search/search.js';
import type { SearchOptions } from '../core/search/types.js';
import type { Plan, TrainJob } from '../core/train/types.js';

/** A request to the worker. */
export type WorkerRequest =
  | { readonly id: number; readonly kind: 'search'; readonly job: TrainJob; readonly fixed: Partial<Plan>; readonly opts: Pick<SearchOptions, 'objective' | 'top' | 'precisions'> }
  | { readonly id: number; readonly kind: 'scaling'; readonly job: TrainJob; readonly fixed: Partial<Plan>; readonly counts: readonly number[]; readonly opts: Pick<SearchOptions, 'objective' | 'top' | 'precisions'> }
  | { readonly id: number; readonly kind: 'serve-search'; readonly input: ServingSearchInput }
  /** Variants of one job (the compare view: other chips, frameworks or fixed plan fields), streamed series by series. */
  | { readonly id: number; readonly kind: 'compare'; readonly job: TrainJob; readonly series: readonly CompareSeries[]; readonly opts: Pick<SearchOptions, 'objective' | 'top' | 'precisions'> };

/** One series of a comparison: the job with this chip and framework, searched with these fixed plan fields. */
export interface CompareSeries {
  readonly key: string;
  readonly chip: TrainJob['chip'];
  readonly framework: NonNullable<TrainJob['framework']>;
  readonly fixed: Partial<Plan>;
}

/** A message from the worker. */
export type WorkerMessage =
  | { readonly id: number; readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly kind: 'result'; readonly result: ReturnType<typeof searchPlans> }
  | { readonly id: number; readonly kind: 'done'; readonly serving?: ServingSearchResult }
  | { readonly id: number; readonly kind: 'point'; readonly gpus: number; readonly result: ReturnType<typeof searchPlans> | null; readonly error: string | null }
  | { readonly id: number; readonly kind: 'series'; readonly key: string; readonly result: ReturnType<typeof searchPlans> | null; readonly error: string | null }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };

const post = (m: WorkerMessage) => (self as unknown as Worker).postMessage(m);
const message = (e: unknown) => (e instanceof ChipboundError || e instanceof Error ? e.message : String(e));

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  try {
    if (req.kind === 'serve-search') {
      post({ id: req.id, kind: 'done', serving: searchServing(req.input) });
      return;
    }
    if (req.kind === 'search') {
      const result = searchPlans(req.job, req.fixed, { ...req.opts, onProgress: (done, total) => post({ id: req.id, kind: 'progress', done, total }) });
      post({ id: req.id, kind: 'result', result });
      return;
    }
    if (req.kind === 'compare') {
      for (const s of req.series) {
        try {
          post({ id: req.id, kind: 'series', key: s.key, result: searchPlans({ ...req.job, chip: s.chip, framework: s.framework }, s.fixed, { ...req.opts, top: 1 }), error: null });
        } catch (e) {
          post({ id: req.id, kind: 'series', key: s.key, result: null, error: message(e) });
        }
      }
      post({ id: req.id, kind: 'done' });
      return;
    }
    for (const gpus of req.counts) {
      // The fixed dp belongs to the user's count; at other counts it is searched.
      const { dp: _dp, ...fixed } = req.fixed;
      try {
        post({ id: req.id, kind: 'point', gpus, result: searchPlans({ ...req.job, gpus }, gpus === req.job.gpus ? req.fixed : fixed, { ...req.opts, top: 1 }), error: null });
      } catch (e) {
        post({ id: req.id, kind: 'point', gpus, result: null, error: message(e) });
      }
    }
    post({ id: req.id, kind: 'done' });
  } catch (e) {
    post({ id: req.id, kind: 'error', message: message(e) });
  }
};
