import { describe, expect, it } from 'vitest';
import { getChip } from '../catalog/catalog.js';
import { poolCaps } from './allowances.js';
import { poolEligibility, rulesFor } from './rules.js';
import { parseScenario } from './sweep.js';
import type { Scenario } from './schema.js';

const FLEET = ['nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb', 'nvidia-a800-sxm4-80gb', 'nvidia-h800-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b'];

function scenario(buyer: Record<string, unknown>, pools: Record<string, unknown>[]): Scenario {
  return parseScenario({ name: 't', buyer, pools, workloads: [{ kind: 'train', model: 'llama-3.1-8b', tokens: 1e12 }] });
}

function statuses(s: Scenario): Record<string, string> {
  return Object.fromEntries(s.pools.map((p) => [p.chip, poolEligibility(p, getChip(p.chip), s.buyer).status]));
}

describe('pool eligibility under the rules in force', () => {
  const pools = FLEET.map((chip) => ({ chip, count: 8, acquired: 'purchased' }));

  it('a rule change (CN, 2022-11-01 -> 2023-12-01) moves exactly the A800 and H800 pools to licence-required', () => {
    const before = statuses(scenario({ destination: 'CN', date: '2022-11-01' }, pools));
    const after = statuses(scenario({ destination: 'CN', date: '2023-12-01' }, pools));
    const moved = FLEET.filter((c) => before[c] !== after[c]);
    expect(moved.sort()).toEqual(['nvidia-a800-sxm4-80gb', 'nvidia-h800-sxm5-80gb']);
    for (const c of moved) {
      expect(before[c]).toBe('allowed');
      expect(after[c]).toBe('licence-required');
    }
    expect(after['nvidia-h100-sxm5-80gb']).toBe('licence-required');
    expect(after['nvidia-h20']).toBe('allowed');
  });

  it('cites the deciding rule: 3A090.a.1 under us-2023-10 for the H800 in Dec 2023', () => {
    const s = scenario({ destination: 'CN', date: '2023-12-01' }, [{ chip: 'nvidia-h800-sxm5-80gb', count: 8, acquired: 'purchased' }]);
    const e = poolEligibility(s.pools[0], getChip('nvidia-h800-sxm5-80gb'), s.buyer);
    expect(e.decidingRule).toBe('us-2023-10');
    expect(e.eccn).toBe('3A090.a.1');
    expect(e.citation).toContain('88 FR 73458');
  });

  it('the H20 letter (Apr 2025) and the 2026 review policy', () => {
    const mid2025 = statuses(scenario({ destination: 'CN', date: '2025-06-01' }, pools));
    expect(mid2025['nvidia-h20']).toBe('licence-required');
    const y2026 = statuses(scenario({ destination: 'CN', date: '2026-03-01' }, [...pools, { chip: 'nvidia-b200-hgx', count: 8, acquired: 'purchased' }]));
    expect(y2026['nvidia-h800-sxm5-80gb']).toBe('case-by-case');
    expect(y2026['nvidia-b200-hgx']).toBe('presumption-of-denial');
  });

  it('held chips are usable; rented chips are tested where they sit; Ascend at home is not a U.S. export', () => {
    const s = scenario({ destination: 'CN', date: '2024-06-01' }, [
      { chip: 'nvidia-h800-sxm5-80gb', count: 8, acquired: 'owned', acquiredOn: '2023-06-01' },
      { chip: 'nvidia-h100-sxm5-80gb', count: 8, acquired: 'rented', location: 'MY' },
      { chip: 'nvidia-h100-sxm5-80gb', id: 'h100-cn', count: 8, acquired: 'purchased' },
      { chip: 'huawei-ascend-910b', count: 8, acquired: 'purchased' },
    ]);
    const e = s.pools.map((p) => poolEligibility(p, getChip(p.chip), s.buyer));
    expect(e.map((x) => x.status)).toEqual(['held', 'allowed', 'licence-required', 'allowed']);
    expect(e[0].reasons[0]).toMatch(/lawfully acquired on 2023-06-01/);
    expect(e[1].testedAt.destination).toBe('MY');
  });

  it('Entity List end users get a presumption of denial even for uncontrolled U.S. chips', () => {
    const s = scenario({ destination: 'CN', date: '2024-06-01', endUser: 'entity-list' }, [{ chip: 'nvidia-h20', count: 8, acquired: 'purchased' }]);
    const e = poolEligibility(s.pools[0], getChip('nvidia-h20'), s.buyer);
    expect(e.status).toBe('presumption-of-denial');
    expect(e.decidingRule).toMatch(/744\.11/);
  });

  it('rules in force follow the date; rescinded rules only as what-ifs', () => {
    expect(rulesFor('2022-09-01')).toEqual([]);
    expect(rulesFor('2025-03-01')).toContain('us-2025-01');
    expect(rulesFor('2025-06-01')).not.toContain('us-2025-01');
    expect(rulesFor('2025-06-01', ['us-2025-01'])).toContain('us-2025-01');
  });
});

describe('allowance caps (us-2025-01 TPP allowances)', () => {
  const caps = (s: Scenario) => poolCaps(s.pools.map((pool) => ({ pool, chip: getChip(pool.chip) })), s.buyer, rulesFor(s.buyer.date, s.buyer.assumeRules));

  it('LPP binds on a Tier-2 H100 purchase and the pools share one TPP budget', () => {
    const s = scenario({ destination: 'MY', date: '2025-03-01' }, [
      { chip: 'nvidia-h100-sxm5-80gb', id: 'a', count: 1000, acquired: 'purchased' },
      { chip: 'nvidia-h100-sxm5-80gb', id: 'b', count: 1000, acquired: 'purchased' },
      { chip: 'nvidia-h20', count: 5000, acquired: 'purchased' },
      { chip: 'nvidia-a100-sxm4-80gb', count: 5000, acquired: 'owned' },
    ]);
    const c = caps(s);
    // 26,900,000 / 15,832 = 1,699 H100 per consignee per year (90 FR 4544; controls.md §2.4).
    expect(c[0]).toMatchObject({ granted: 1000, binding: false });
    expect(c[1]).toMatchObject({ granted: 699, binding: true });
    expect(c[1].arithmetic).toMatch(/cap binds/);
    expect(c[2]).toMatchObject({ granted: 5000, binding: false }); // H20 is not 3A090: not counted
    expect(c[3]).toMatchObject({ granted: 5000, binding: false, allowance: null }); // owned: not a new export
  });

  it('no cap in Tier 1, none after the rescission unless assumed, zero in Tier 3', () => {
    const pool = [{ chip: 'nvidia-h100-sxm5-80gb', count: 3000, acquired: 'purchased' }];
    expect(caps(scenario({ destination: 'GB', date: '2025-03-01' }, pool))[0].binding).toBe(false);
    expect(caps(scenario({ destination: 'MY', date: '2025-06-01' }, pool))[0].binding).toBe(false);
    expect(caps(scenario({ destination: 'MY', date: '2025-06-01', assumeRules: ['us-2025-01'] }, pool))[0]).toMatchObject({ granted: 1699, binding: true });
    expect(caps(scenario({ destination: 'MY', date: '2025-06-01', assumeRules: ['us-2025-01'], allowance: 'country' }, pool))[0].binding).toBe(false);
    expect(caps(scenario({ destination: 'CN', date: '2025-03-01' }, pool))[0]).toMatchObject({ granted: 0, binding: true });
  });
});
