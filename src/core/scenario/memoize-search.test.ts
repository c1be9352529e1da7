import { describe, expect, it } from 'vitest';
import { getChip, getModel } from '../catalog/catalog.js';
import type { SearchResult } from '../search/types.js';
import type { TrainResult } from '../train/evaluate.js';
import type { TrainJob } from '../train/types.js';
import { memoizeSearch } from './train-workload.js';

const job: TrainJob = { model: getModel('llama-3.1-8b'), chip: getChip('nvidia-h100-sxm5-80gb'), gpus: 8, seq: 4096, globalBatch: 64 };
const fake = { best: null } as unknown as SearchResult<TrainResult>;

describe('memoizeSearch', () => {
  it('searches identical inputs once and different inputs again', async () => {
    let calls = 0;
    const search = memoizeSearch(async () => (calls++, fake));
    expect(await search(job, {}, { top: 3 })).toBe(fake);
    expect(await search({ ...job }, {}, { top: 3 })).toBe(fake);
    expect(calls).toBe(1);
    await search(job, { tp: 2 }, { top: 3 });
    await search(job, {}, { top: 1 });
    await search({ ...job, chip: { ...job.chip, rentalUsdPerHour: 9 } }, {}, { top: 3 });
    expect(calls).toBe(4);
  });

  it('does not keep a failed search', async () => {
    let calls = 0;
    const search = memoizeSearch(async () => {
      calls++;
      if (calls === 1) throw new Error('interrupted');
      return fake;
    });
    await expect(search(job, {}, {})).rejects.toThrow('interrupted');
    expect(await search(job, {}, {})).toBe(fake);
    expect(calls).toBe(2);
  });
});
