/** The 2026 case-by-case envelope per chip (91 FR 1684-1689), the rule's citation, and the other 2025-26 actions. */
import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip } from '../catalog/catalog.js';
import { isShipping } from '../catalog/schemas.js';
import { envelope2026 } from './envelope-2026.js';
import { controlActions } from './actions.js';
import { US_2026_01, us202601 } from './us-2026-01.js';

const env = (id: string) => envelope2026(getChip(id));

describe('us-2026-01 citation and thresholds (reference updates.md §3)', () => {
  it('cites 91 FR 1684-1689, FR Doc 2026-00789, effective 2026-01-15, with TPP < 21,000 and DRAM < 6,500 GB/s', () => {
    expect(us202601.citation).toMatch(/91 FR 1684-1689/);
    expect(us202601.citation).toMatch(/2026-00789/);
    expect(us202601.effective).toBe('2026-01-15');
    expect(US_2026_01).toEqual({ tpp: 21_000, memoryGBps: 6_500 });
    expect(us202601.url).toMatch(/FR-2026-01-15\/html\/2026-00789/);
  });
});

describe('envelope2026', () => {
  it('H200 (both forms) and MI325X are inside; Blackwell, MI35x, TPU v7 and Gaudi 3 are outside', () => {
    for (const id of ['nvidia-h200-sxm-141gb', 'nvidia-h200-nvl', 'amd-mi325x', 'nvidia-rtx-pro-6000-blackwell-server', 'aws-trainium3']) expect(env(id).envelope, id).toBe('inside');
    for (const id of ['nvidia-gb300-per-gpu', 'nvidia-b200-hgx', 'amd-mi355x', 'amd-mi350x', 'google-tpu-v7-ironwood', 'intel-gaudi3-pcie-hl338']) expect(env(id).envelope, id).toBe('outside');
  });
  it('not-3A090 chips are outside the question; missing values say which', () => {
    expect(env('nvidia-h20').envelope).toBe('not-controlled');
    const s4000 = env('moore-threads-mtt-s4000');
    expect(s4000.envelope).toBe('undetermined');
    expect(s4000.why).toMatch(/die area/);
    const dt = env('huawei-ascend-950dt');
    expect(dt.envelope).toBe('undetermined');
    expect(dt.why).toMatch(/DRAM bandwidth not public/);
    expect(dt.status).toBe('announced');
  });
  it('every catalog chip gets a verdict with a reason', () => {
    for (const c of builtinCatalog().chips) {
      const r = envelope2026(c);
      expect(['inside', 'outside', 'not-controlled', 'undetermined'], c.id).toContain(r.envelope);
      expect(r.why.length, c.id).toBeGreaterThan(10);
    }
  });
});

describe('the 2025-26 chip catalog additions', () => {
  const ids = ['nvidia-gb300-per-gpu', 'nvidia-h200-nvl', 'nvidia-rtx-pro-6000-blackwell-server', 'amd-mi355x', 'amd-mi350x', 'google-tpu-v7-ironwood', 'aws-trainium3', 'huawei-ascend-950dt', 'huawei-ascend-960', 'huawei-ascend-970', 'biren-br100', 'biren-br104', 'moore-threads-mtt-s4000', 'moore-threads-mtt-s5000', 'intel-gaudi3-pcie-hl338'];
  it('are all in the catalog with sources; roadmap parts are announced, not shipping', () => {
    for (const id of ids) expect(getChip(id).sources.length, id).toBeGreaterThan(0);
    expect(ids.filter((id) => !isShipping(getChip(id)))).toEqual(['huawei-ascend-950dt', 'huawei-ascend-960', 'huawei-ascend-970']);
  });
  it('TPP and the 2023 class match the values worked by hand from each chip file (golden: tpp, 2023 class)', () => {
    const ref: Record<string, [number, string | null]> = {
      'nvidia-gb300-per-gpu': [60000, '3A090.a.1'],
      'nvidia-h200-nvl': [13368, '3A090.a.1'],
      'nvidia-rtx-pro-6000-blackwell-server': [8000, '3A090.a.1'],
      'amd-mi355x': [40240, '3A090.a.1'],
      'amd-mi350x': [36904, '3A090.a.1'],
      'google-tpu-v7-ironwood': [36912, '3A090.a.1'],
      'aws-trainium3': [20136, '3A090.a.1'],
      'huawei-ascend-950dt': [8000, '3A090.a.1'],
      'huawei-ascend-960': [16000, '3A090.a.1'],
      'huawei-ascend-970': [32000, '3A090.a.1'],
      'biren-br100': [16384, '3A090.a.1'],
      'biren-br104': [8192, '3A090.a.1'],
      'moore-threads-mtt-s4000': [1600, null],
      'moore-threads-mtt-s5000': [8000, '3A090.a.1'],
      'intel-gaudi3-pcie-hl338': [26848, '3A090.a.1'],
    };
    for (const [id, [tpp, eccn]] of Object.entries(ref)) {
      const r = env(id);
      expect(r.tpp, id).toBeCloseTo(tpp, 6);
      expect(r.eccn, id).toBe(eccn);
    }
  });
  it('derived dense values are flagged as estimates', () => {
    for (const id of ids) {
      const c = getChip(id);
      for (const f of c.derivedDense ?? []) expect(c.estimated, `${id} ${f}`).toContain(f);
    }
  });
});

describe('control actions', () => {
  it('lists the affiliates rule (primary) and its suspension (secondary), in date order', () => {
    const a = controlActions();
    const aff = a.find((x) => x.id === 'affiliates-rule')!;
    expect(aff.citation).toMatch(/90 FR 47201/);
    expect(aff.sourcing).toBe('primary');
    expect(aff.until).toBe('2025-11-10');
    expect(a.find((x) => x.id === 'affiliates-rule-suspension')!.sourcing).toBe('secondary');
    expect(a.map((x) => x.date)).toEqual([...a.map((x) => x.date)].sort());
  });
});
