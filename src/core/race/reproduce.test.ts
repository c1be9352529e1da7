/** Link to planning: the reproduction recipe for race models with a catalog architecture. */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadFile } from '../../io/parse-file.js';
import { chipSchema, modelSchema, runSchema } from '../catalog/schemas.js';
import { raceEntrySchema } from './schema.js';
import { ALTERNATIVE_CHIPS, reproduction } from './reproduce.js';

const root = join(import.meta.dirname, '../../..');
const load = <S extends Parameters<typeof loadFile>[0]>(schema: S, sub: string, ids?: string[]) =>
  (ids ?? readdirSync(join(root, 'data', sub)).map((f) => f.replace(/\.yaml$/, ''))).map((id) => loadFile(schema, join(root, 'data', sub, `${id}.yaml`), sub));
const cat = {
  models: load(modelSchema, 'models', ['deepseek-v3', 'qwen2.5-72b']),
  runs: load(runSchema, 'runs', ['deepseek-v3-pretrain']),
  chips: load(chipSchema, 'chips', [...ALTERNATIVE_CHIPS]),
};
const entry = (id: string) => loadFile(raceEntrySchema, join(root, 'data/race', `${id}.yaml`), 'race entry');

describe('reproduction', () => {
  it('DeepSeek-V3: reported H800 x 2048 with the published run shapes, then H100, H20, Ascend 910B', () => {
    const r = reproduction(entry('deepseek-v3'), cat);
    expect(r.model).toBe('deepseek-v3');
    expect(r.run).toBe('deepseek-v3-pretrain');
    expect(r.jobs.map((j) => j.chip)).toEqual(['nvidia-h800-sxm5-80gb', 'nvidia-h100-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b']);
    expect(r.jobs[0]).toMatchObject({ kind: 'reported', gpus: 2048, seq: 4096, globalBatch: 15360, tokens: 14.8e12 });
    expect(r.jobs[0].plan).toMatchObject({ pp: 16, ep: 64, precision: 'fp8' });
    expect(r.jobs[1].plan).toBeNull();
    expect(r.jobs[0].command).toBe(
      'chipbound train --model deepseek-v3 --chip nvidia-h800-sxm5-80gb --gpus 2048 --seq 4096 --global-batch 15360 --tokens 1.48e13 --tp 1 --pp 16 --dp 128 --cp 1 --ep 64 --recompute selective --zero 1 --precision fp8 --schedule dualpipe --sequence-parallel off',
    );
    expect(r.jobs[1].command).toBe('chipbound train --model deepseek-v3 --chip nvidia-h100-sxm5-80gb --gpus 2048 --seq 4096 --global-batch 15360 --tokens 1.48e13 --precision fp8');
    expect(r.jobs.find((j) => j.chip === 'huawei-ascend-910b')?.precision).toBe('bf16');
  });
  it('Qwen2.5-72B: chips undisclosed, so only alternatives with stated defaults', () => {
    const r = reproduction(entry('qwen2.5-72b'), cat);
    expect(r.jobs.every((j) => j.kind === 'alternative')).toBe(true);
    expect(r.basis.join(' ')).toMatch(/not published/);
    expect(r.jobs[0].globalBatch * r.jobs[0].seq).toBeCloseTo(4 * 2 ** 20, -4);
  });
  it('a model without a catalog architecture gets no jobs and says why', () => {
    const r = reproduction(entry('gpt-4'), cat);
    expect(r.jobs).toEqual([]);
    expect(r.basis[0]).toMatch(/no catalog architecture/);
  });
});
