/** Scenario files take a training plan in the one plan notation (issue 15) as well as field by field. */
import { describe, expect, it } from 'vitest';
import { ChipboundError } from '../errors.js';
import { parseScenario } from './sweep.js';

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
