/**
 * Scenario examples as the browser's scenario worker evaluates them (src/web/scenario-worker.ts:
 * parse, expandScenario, evaluateScenario with the single-thread searchPlans, identical searches
 * answered once per file), one after another.
 * Target (issue #17): every shipped example under 5 s of CPU. CPU time (process.cpuUsage) rather
 * than wall time, so a busy machine does not inflate it; the worker runs the same code on one thread.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { evaluateScenario } from '../src/core/scenario/evaluate.js';
import { expandScenario } from '../src/core/scenario/sweep.js';
import { searchPlans } from '../src/core/search/search.js';
import { memoizeSearch } from '../src/core/scenario/train-workload.js';

const TARGET_S = 5;

export async function run(): Promise<void> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const c0 = process.cpuUsage();
    const variants = expandScenario(parse(readFileSync(join(dir, f), 'utf8')), `examples/${f}`);
    // As the worker does: variants that repeat a pool's search unchanged share its answer.
    const searchTrain = memoizeSearch((job, fixed, opts) => searchPlans(job, fixed, opts));
    for (const v of variants) await evaluateScenario(v.scenario, { searchTrain }, v.label);
    const c = process.cpuUsage(c0);
    const s = (c.user + c.system) / 1e6;
    console.log(`scenario ${f}: ${variants.length} variant(s), ${s.toFixed(1)} s CPU (target < ${TARGET_S} s: ${s < TARGET_S ? 'met' : 'NOT met'})`);
  }
}
