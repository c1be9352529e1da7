import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../../core/catalog/catalog.js';
import type { TrainJob } from '../../core/train/types.js';
import { gpusFlag, runTrainSearch } from './train-search.js';
import { runMain as run } from '../../../test/cli-run.js';

const job: TrainJob = { model: getModel('llama-3.1-8b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 64, seq: 8192, globalBatch: 512, tokens: 1e12 };

describe('runTrainSearch', () => {
  it('JSON: the best plan as an evaluated plan plus search counters, top and pareto when asked', async () => {
    const out = JSON.parse(await runTrainSearch(job, {}, { json: true, top: 3, pareto: true }));
    expect(out.plan.tp * out.plan.pp * out.plan.dp * out.plan.cp).toBe(64);
    expect(out.fits).toBe(true);
    expect(out.stepTimeSeconds).toBeGreaterThan(0);
    expect(out.search.evaluated).toBeGreaterThan(0);
    expect(out.search.feasible).toBeGreaterThan(0);
    expect(out.search.space).toBeGreaterThanOrEqual(out.search.evaluated);
    expect(typeof out.search.seconds).toBe('number');
    expect(out.top).toHaveLength(3);
    expect(out.top[0].plan).toEqual(out.plan);
    expect(out.top[1].why).toMatch(/^\+[\d.]+% step time/);
    expect(out.pareto.length).toBeGreaterThan(0);
  });

  it('fixed fields are kept', async () => {
    const out = JSON.parse(await runTrainSearch(job, { tp: 2, recompute: 'full' }, { json: true }));
    expect(out.plan.tp).toBe(2);
    expect(out.plan.recompute).toBe('full');
  });

  it('text: best plan, counters and runner-ups with the reason each loses', async () => {
    const out = await runTrainSearch(job, {}, { top: 4 });
    expect(out).toMatch(/^Best plan \(fastest step\): tp\d+ pp\d+ dp\d+/);
    expect(out).toMatch(/searched [\d,]+ plans in [\d.]+ s/);
    expect(out).toMatch(/Runner-up layouts and why they lose/);
    expect(out).toMatch(/\+[\d.]+% step time/);
  });

  it('sweep: best plan per count with scaling efficiency; deadline picks the fewest chips', async () => {
    const out = JSON.parse(await runTrainSearch(job, {}, { json: true, gpus: gpusFlag('16..64') }));
    expect(out.sweep.map((r: { gpus: number }) => r.gpus)).toEqual([16, 32, 64]);
    expect(out.sweep[0].scalingEfficiency).toBe(1);
    const days = out.sweep.map((r: { days: number }) => r.days);
    const dl = JSON.parse(await runTrainSearch(job, {}, { json: true, gpus: [16, 32, 64], objective: 'deadline', deadlineDays: days[1] * 1.0001 }));
    expect(dl.gpus).toBe(32);
    expect(dl.notSearched).toEqual([64]);
  });
});

describe('chipbound train (CLI wiring)', () => {
  const base = ['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--seq', '4096', '--global-batch', '256', '--json'];

  it('searches the omitted plan flags and keeps the given ones', async () => {
    const { code, out } = await run([...base, '--gpus', '32', '--tp', '2', '--precision', 'auto']);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.plan.tp).toBe(2);
    expect(j.searched).toContain('pp');
    expect(j.searched).not.toContain('tp');
    expect(j.search.evaluated).toBeGreaterThan(0);
  });

  it('--gpus A..B sweeps; a fully given plan is evaluated without a search', async () => {
    const sweep = JSON.parse((await run([...base, '--gpus', '8..32'])).out);
    expect(sweep.sweep.map((r: { gpus: number }) => r.gpus)).toEqual([8, 16, 32]);
    const plan = ['--tp', '1', '--pp', '1', '--dp', '8', '--cp', '1', '--ep', '1', '--vpp', '1', '--micro-batch', '1', '--recompute', 'selective', '--zero', '1', '--precision', 'bf16', '--schedule', '1f1b'];
    const fixed = JSON.parse((await run([...base, '--gpus', '8', ...plan])).out);
    expect(fixed.search).toBeUndefined();
    expect(fixed.plan.dp).toBe(8);
  });
});
