import { describe, expect, it } from 'vitest';
import { getChip } from '../catalog/catalog.js';
import { fleetCap } from './allowances.js';
import { country } from './countries.js';

describe('fleetCap (us-2025-01): LPP 26.9M TPP per consignee-year, Tier-2 cap 790M TPP', () => {
  it('H100: 1,699 per consignee per year and 49,898 per Tier-2 country (reference §2.4: ~1,700 / ~50,000)', () => {
    const f = fleetCap(getChip('nvidia-h100-sxm5-80gb'), { rule: 'us-2025-01', tier: 2 });
    expect(f.perConsigneePerYear.units).toBe(1699);
    expect(f.tier2Country.units).toBe(49898);
    expect(f.perConsigneePerYear.arithmetic).toBe('26,900,000 / 15,832 = 1,699.1 -> 1,699 units');
  });
  it('A800: 158,253 per Tier-2 country (reference [D])', () => {
    expect(fleetCap(getChip('nvidia-a800-sxm4-80gb'), { rule: 'us-2025-01', tier: 2 }).tier2Country.units).toBe(158253);
  });
  it('Tier 1 has no cap, Tier 3 gets nothing; uncontrolled chips are not counted', () => {
    expect(fleetCap(getChip('nvidia-h100-sxm5-80gb'), { rule: 'us-2025-01', tier: 1 }).perConsigneePerYear.units).toBeNull();
    expect(fleetCap(getChip('nvidia-h100-sxm5-80gb'), { rule: 'us-2025-01', tier: 3 }).tier2Country.units).toBe(0);
    expect(fleetCap(getChip('nvidia-h20'), { rule: 'us-2025-01', tier: 2 }).perConsigneePerYear.units).toBeNull();
  });
});

describe('country tiers (90 FR 4544) and groups', () => {
  it('Tier 1 = US + 18, Tier 3 = D:5 + Macau, Tier 2 the rest', () => {
    expect(['US', 'GB', 'DE', 'JP', 'TW', 'KR'].map((c) => country(c).tier)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(['CN', 'HK', 'MO', 'RU', 'IR'].map((c) => country(c).tier)).toEqual([3, 3, 3, 3, 3]);
    expect(['IN', 'AE', 'SA', 'SG', 'MY', 'VN', 'BR'].map((c) => country(c).tier)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(country('br').defaulted).toBe(true);
    expect(() => country('China')).toThrow(/two-letter country code/);
  });
});
