import { describe, expect, it } from 'vitest';
import { ChipboundError } from '../errors.js';
import { expandScenario, parseScenario } from './sweep.js';

const base = () => ({
  name: 'test',
  buyer: { destination: 'CN', date: '2024-06-01' },
  pools: [
    { chip: 'nvidia-h800-sxm5-80gb', count: 2048, acquired: 'owned' },
    { chip: 'nvidia-h20', count: 2048, acquired: 'purchased' },
  ],
  workloads: [{ kind: 'train', model: 'deepseek-v3', tokens: '14.8T' }],
});

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ChipboundError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('scenario schema', () => {
  it('parses a valid file with defaults and "14.8T" token counts', () => {
    const s = parseScenario(base());
    expect(s.workloads[0]).toMatchObject({ kind: 'train', tokens: 14.8e12 });
    expect(s.buyer.endUser).toBe('commercial');
    expect(s.options.fp8).toBe('auto');
    expect(s.options.search.memoryHeadroom).toBe(0.1);
  });

  it('accepts YAML dates (Date objects) as YYYY-MM-DD', () => {
    const raw = base();
    (raw.buyer as Record<string, unknown>).date = new Date('2023-12-01T00:00:00Z');
    expect(parseScenario(raw).buyer.date).toBe('2023-12-01');
  });

  const cases: [string, (r: ReturnType<typeof base>) => void, RegExp][] = [
    ['unknown chip, with a suggestion', (r) => (r.pools[1].chip = 'h801'), /f\.yaml: scenario: pools\.1\.chip: unknown chip 'h801'; did you mean 'nvidia-h800-sxm5-80gb'/],
    ['unknown model', (r) => (r.workloads[0].model = 'deepseek-v4'), /workloads\.0\.model: unknown model 'deepseek-v4'/],
    ['bad acquisition', (r) => (r.pools[0].acquired = 'borrowed'), /pools\.0\.acquired: /],
    ['bad date', (r) => (r.buyer.date = '2024-13-45'), /buyer\.date: '2024-13-45' is not a calendar date/],
    ['bad country', (r) => (r.buyer.destination = 'China'), /buyer\.destination: expected a two-letter country code/],
    ['negative count', (r) => (r.pools[0].count = -8), /pools\.0\.count: /],
    ['unknown field', (r) => ((r.pools[0] as Record<string, unknown>).gpus = 8), /pools\.0: .*gpus/],
    ['missing tokens', (r) => delete (r.workloads[0] as Record<string, unknown>).tokens, /workloads\.0\.tokens: /],
    ['duplicate labels', (r) => (r.pools[1].chip = 'nvidia-h800-sxm5-80gb'), /pools\.1\.id: label 'nvidia-h800-sxm5-80gb' is already used by pools\.0/],
    ['price on a rented pool', (r) => Object.assign(r.pools[1], { acquired: 'rented', priceUsd: 10 }), /pools\.1\.priceUsd: /],
  ];
  for (const [name, edit, re] of cases) {
    it(`names the field: ${name}`, () => {
      const r = base();
      edit(r);
      expect(message(() => parseScenario(r, 'f.yaml'))).toMatch(re);
    });
  }

  it('rejects a non-mapping file', () => {
    expect(message(() => parseScenario([1, 2], 'f.yaml'))).toMatch(/f\.yaml: expected a scenario/);
  });
});

describe('sweeps', () => {
  it('expands the Cartesian product, `gpus` setting every pool', () => {
    const v = expandScenario({ ...base(), sweep: { gpus: [1024, 2048, 4096], 'buyer.date': ['2022-11-01', '2023-12-01'] } });
    expect(v).toHaveLength(6);
    expect(v[0].label).toBe('gpus=1024, buyer.date=2022-11-01');
    expect(v[5].scenario.pools.map((p) => p.count)).toEqual([4096, 4096]);
    expect(v[5].scenario.buyer.date).toBe('2023-12-01');
  });

  it('sweeps a single field by path', () => {
    const v = expandScenario({ ...base(), sweep: { 'pools.1.count': [512, 1024] } });
    expect(v.map((x) => x.scenario.pools.map((p) => p.count))).toEqual([[2048, 512], [2048, 1024]]);
  });

  it('an invalid swept value names the field and the sweep entry', () => {
    expect(message(() => expandScenario({ ...base(), sweep: { gpus: [1024, -5] } }, 'f.yaml'))).toMatch(/pools\.0\.count: .*\(sweep\.gpus\.1 = -5\)/);
    expect(message(() => expandScenario({ ...base(), sweep: { 'pools.7.count': [1] } }, 'f.yaml'))).toMatch(/sweep\.pools\.7\.count: no field 'pools\.7'/);
    expect(message(() => expandScenario({ ...base(), sweep: { 'buyer.nope.x': [1] } }, 'f.yaml'))).toMatch(/sweep\.buyer\.nope\.x: no field 'buyer\.nope'/);
  });
});
