import { describe, expect, it } from 'vitest';
import type { Chip, Model } from '../core/catalog/schemas.js';
import { searchPlansWith } from '../core/search/search-with.js';
import { standInEvaluator } from '../core/search/stand-in-evaluator.js';
import type { TrainJob } from '../core/train/types.js';
import { runSearch } from './search-runner.js';

const standIn = { url: new URL('../core/search/stand-in-evaluator.ts', import.meta.url).href, name: 'standInEvaluator' };
const job: TrainJob = {
  model: { id: 'm', name: 'm', layers: 48, hidden: 4096, ffnHidden: 16384, heads: 32, kvHeads: 8, vocab: 32000, gatedFfn: true, tiedEmbeddings: false, sources: [], moe: { experts: 64, activeExperts: 4, sharedExperts: 0, expertFfnHidden: 2048, denseLayers: 0 } } as Model,
  chip: { id: 'c', name: 'c', vendor: 'v', datacenter: true, tflops: { bf16: 989, fp8: 1979 }, memoryGB: 80, scaleUpDomain: 8, estimated: [], sources: [] } as Chip,
  gpus: 512,
  seq: 4096,
  globalBatch: 1536,
};

describe('runSearch (worker threads)', () => {
  it('returns the same best plan and top-K as the single-thread search', async () => {
    const single = searchPlansWith(standInEvaluator, job, {}, { top: 5, pareto: true });
    let waited = 0;
    const par = await runSearch(job, {}, { top: 5, pareto: true, workers: 2, inThreadBelow: 0, progress: false, evaluator: standIn, whileWaiting: () => waited++ });
    expect(waited).toBe(1);
    expect(single.stats.space).toBeGreaterThan(20_000);
    expect(par.best?.plan).toEqual(single.best?.plan);
    expect(par.top.map((c) => c.plan)).toEqual(single.top.map((c) => c.plan));
    expect(par.pareto.length).toBe(single.pareto.length);
    expect(par.stats.evaluated + par.stats.skipped + par.stats.pruned).toBe(single.stats.space);
    expect(par.interrupted).toBe(false);
  });

  it('in the calling thread: same result, and an abort mid-search returns the best plan so far', async () => {
    const single = searchPlansWith(standInEvaluator, job, {}, { top: 5 });
    let waited = 0;
    const inThread = await runSearch(job, {}, { top: 5, inThreadBelow: Infinity, progress: false, evaluator: standIn, whileWaiting: () => waited++ });
    expect(waited).toBe(0);
    expect(inThread.top.map((c) => c.plan)).toEqual(single.top.map((c) => c.plan));
    expect(inThread.stats.evaluated + inThread.stats.skipped + inThread.stats.pruned).toBe(single.stats.space);
    // Abort mid-search; on a loaded machine the first burst may not have reached a feasible plan
    // yet, so the abort comes later on each try until one has (the full search takes ~0.5 s).
    const big = { ...job, gpus: 16384, globalBatch: 61440 };
    let r = await runSearch(big, {}, { inThreadBelow: Infinity, progress: false, evaluator: standIn, signal: AbortSignal.abort() });
    for (const delayMs of [20, 40, 80, 160]) {
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), delayMs);
      r = await runSearch(big, {}, { inThreadBelow: Infinity, progress: false, evaluator: standIn, signal: ctl.signal });
      if (r.best && r.interrupted) break;
    }
    expect(r.interrupted).toBe(true);
    expect(r.best).not.toBeNull();
    expect(r.stats.evaluated + r.stats.skipped + r.stats.pruned).toBeLessThan(r.stats.space);
  });

  it('stops on abort with the best plan so far', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const r = await runSearch(job, {}, { workers: 2, inThreadBelow: 0, progress: false, evaluator: standIn, signal: ctl.signal });
    expect(r.interrupted).toBe(true);
    expect(r.stats.evaluated).toBeLessThan(r.stats.space);
  });
});

describe('runSearch under Ctrl-C', () => {
  it('SIGINT stops the workers and returns the best plan so far', async () => {
    const { spawn } = await import('node:child_process');
    const url = new URL('./search-runner.ts', import.meta.url).href;
    const code = `
      const { runSearch } = await import(${JSON.stringify(url)});
      const job = ${JSON.stringify({ ...job, gpus: 16384, globalBatch: 61440 })};
      process.stdout.write('started\\n');
      const r = await runSearch(job, {}, { workers: 2, inThreadBelow: 0, progress: false, precisions: ['bf16', 'fp8'], evaluator: ${JSON.stringify(standIn)} });
      process.stdout.write(JSON.stringify({ interrupted: r.interrupted, best: r.best !== null, evaluated: r.stats.evaluated, space: r.stats.space }) + '\\n');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('started') && !child.killed) setTimeout(() => child.kill('SIGINT'), 700);
    });
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(status).toBe(0);
    const res = JSON.parse(out.trim().split('\n').pop()!);
    expect(res.interrupted).toBe(true);
    expect(res.best).toBe(true);
    expect(res.evaluated).toBeLessThan(res.space);
  });
});
