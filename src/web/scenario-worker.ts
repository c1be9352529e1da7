/**
 * The Web Worker for scenarios and the efficiency ledger: parses the YAML, expands sweeps and
 * evaluates every variant with the core's evaluateScenario (the plan search is searchPlans, the
 * single-thread kernel; the CLI's parallel runner merges to the same result), or builds the
 * ledger with ablate. Separate from worker.ts so the Train view does not load YAML and scenarios.
 */
import { parse, YAMLParseError } from 'yaml';
import { ChipboundError } from '../core/errors.js';
import { ablate, type Ledger } from '../core/scenario/ablate.js';
import { evaluateScenario } from '../core/scenario/evaluate.js';
import { expandScenario } from '../core/scenario/sweep.js';
import { memoizeSearch } from '../core/scenario/train-workload.js';
import type { ScenarioResult } from '../core/scenario/types.js';
import { searchPlans } from '../core/search/search.js';
import type { Plan, TrainJob } from '../core/train/types.js';

export type ScenarioRequest =
  | { readonly id: number; readonly kind: 'scenario'; readonly text: string; readonly file: string }
  | { readonly id: number; readonly kind: 'ablate'; readonly job: TrainJob; readonly fixed: Partial<Plan> };

export type ScenarioMessage =
  | { readonly id: number; readonly kind: 'progress'; readonly done: number; readonly total: number; readonly what: string }
  /** One variant finished (scenarios): its rows can be shown before the others. */
  | { readonly id: number; readonly kind: 'partial'; readonly index: number; readonly total: number; readonly result: ScenarioResult }
  | { readonly id: number; readonly kind: 'result'; readonly results?: readonly ScenarioResult[]; readonly ledger?: Ledger | null }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };

const post = (m: ScenarioMessage) => (self as unknown as Worker).postMessage(m);

function message(e: unknown, file: string): string {
  if (e instanceof YAMLParseError) return `${file}: YAML: ${e.message.split('\n')[0]}`;
  return e instanceof ChipboundError || e instanceof Error ? e.message : String(e);
}

self.onmessage = async (ev: MessageEvent<ScenarioRequest>) => {
  const req = ev.data;
  try {
    if (req.kind === 'ablate') {
      post({ id: req.id, kind: 'progress', done: 0, total: 1, what: 'ledger' });
      post({ id: req.id, kind: 'result', ledger: await ablate(req.job, searchPlans, { fixed: req.fixed }) });
      return;
    }
    let raw: unknown;
    try {
      raw = parse(req.text);
    } catch (e) {
      post({ id: req.id, kind: 'error', message: message(e, req.file) });
      return;
    }
    const variants = expandScenario(raw, req.file);
    const results: ScenarioResult[] = [];
    // Variants that repeat a pool's search unchanged share its answer.
    const searchTrain = memoizeSearch((job, fixed, opts) => searchPlans(job, fixed, opts));
    for (const [i, v] of variants.entries()) {
      const result = await evaluateScenario(v.scenario, {
        searchTrain,
        file: req.file,
        onProgress: (done, total, what) => post({ id: req.id, kind: 'progress', done: i * total + done, total: variants.length * total, what: `${v.label ? `${v.label}: ` : ''}${what}` }),
      }, v.label);
      results.push(result);
      post({ id: req.id, kind: 'partial', index: i, total: variants.length, result });
    }
    post({ id: req.id, kind: 'result', results });
  } catch (e) {
    post({ id: req.id, kind: 'error', message: message(e, req.kind === 'scenario' ? req.file : 'ledger') });
  }
};
