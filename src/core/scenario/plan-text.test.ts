/** Scenario files take a training plan in the one plan notation (issue 15) as well as field by field. */
import { describe, expect, it } from 'vitest';
import { ChipboundError } from '../errors.js';
import { parseScenario } from './sweep.js';
import { evaluateScenario } from './evaluate.js';
import { searchPlans } from '../search/search.js';

const scenario = (plan: unknown) => ({
  name: 'plan text',
  buyer: { destination: 'CN', date: '2024-06-01' },
  pools: [{ chip: 'h800', count: 2048, acquired: 'owned' }],
  workloads: [{ kind: 'train', model: 'deepseek-v3', tokens: '14.8T', plan }],
});

describe('scenario plan text', () => {
  it('reads "tp1 pp16 ep64 fp8 dualpipe" into the same fields as the mapping', () => {
    const text = parseScenario(scenario('tp1 pp16 ep64 fp8 dualpipe')).workloads[0];
    const fields = parseScenario(scenario({ tp: 1, pp: 16, ep: 64, precision: 'fp8', schedule: 'dualpipe' })).workloads[0];
    expect(text).toEqual(fields);
  });

  it('refuses a bad token with the field path, on one line', () => {
    let err: unknown;
    try {
      parseScenario(scenario('tp1 pipeline16'), 'f.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChipboundError);
    expect((err as Error).message).toMatch(/^f\.yaml: scenario: workloads\.0\.plan: .*unknown plan token 'pipeline16'/);
  });
});

describe('scenario plans that contradict themselves or a pool (adversarial finding #1)', () => {
  const small = (plan: unknown, count = 8) =>
    parseScenario({
      name: 'small',
      buyer: { destination: 'CN', date: '2024-06-01' },
      pools: [{ chip: 'nvidia-h20', count, acquired: 'purchased' }],
      workloads: [{ kind: 'train', model: 'llama-3.1-8b', tokens: 1e9, seq: 4096, globalBatch: 64, plan }],
    });
  const deps = { searchTrain: searchPlans, file: 's.yaml' };

  it('ep on a dense model is bad input naming the file and workloads.0.plan, before any search', async () => {
    await expect(evaluateScenario(small('tp2 pp1 dp4 cp1 ep2 mb1'), { ...deps, searchTrain: () => { throw new Error('searched'); } })).rejects.toThrow(
      /^s\.yaml: scenario: workloads\.0\.plan: ep 2: llama-3\.1-8b is a dense model/,
    );
  });

  it('a layout that does not match the pool is that row, infeasible with the true reason', async () => {
    const r = await evaluateScenario(small('tp2 pp2 dp4 cp1 ep1 mb1'), deps);
    const o = r.rows[0].outcome;
    expect(o.kind === 'train' && o.plan).toBeNull();
    expect(o.kind === 'train' && o.why).toBe('infeasible: plan tp2·pp2·dp4·cp1 = 16 ≠ 8 accelerators of pool nvidia-h20');
    const r2 = await evaluateScenario(small('tp2 pp2 dp4 cp1 ep1 mb1', 16), deps);
    expect(r2.rows[0].outcome.kind === 'train' && r2.rows[0].outcome.plan).not.toBeNull();
  });
});
