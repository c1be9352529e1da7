import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getChip } from '../catalog/catalog.js';
import { chipMetrics, DEFAULT_TPP_SETTINGS } from '../controls/metrics.js';
import { US_2025_01 } from '../controls/us-2025-01.js';
import { poolCaps } from './allowances.js';
import { rulesFor } from './rules.js';
import { parseScenario } from './sweep.js';

const CHIPS = ['nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb', 'nvidia-h20', 'nvidia-h800-sxm5-80gb', 'amd-mi300x'];

describe('allowance caps: properties', () => {
  it('never grant more than asked, and purchased 3A090.a pools together stay within the TPP allowance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ chip: fc.constantFrom(...CHIPS), count: fc.integer({ min: 1, max: 5000 }), acquired: fc.constantFrom('purchased', 'owned', 'rented') }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('lpp', 'country'),
        (pools, allowance) => {
          const s = parseScenario({ name: 'p', buyer: { destination: 'MY', date: '2025-03-01', allowance }, pools: pools.map((p, i) => ({ ...p, id: `p${i}` })), workloads: [{ kind: 'train', model: 'llama-3.1-8b', tokens: 1e12 }] });
          const caps = poolCaps(s.pools.map((pool) => ({ pool, chip: getChip(pool.chip) })), s.buyer, rulesFor(s.buyer.date));
          const cap = allowance === 'lpp' ? US_2025_01.lppPerConsigneeTpp : US_2025_01.tier2CountryCapTpp;
          let used = 0;
          caps.forEach((c, i) => {
            expect(c.granted).toBeLessThanOrEqual(c.requested);
            expect(c.binding).toBe(c.granted < c.requested);
            if (c.allowance && s.pools[i].acquired === 'purchased') used += c.granted * chipMetrics(getChip(s.pools[i].chip), DEFAULT_TPP_SETTINGS).tpp!;
            if (s.pools[i].acquired !== 'purchased') expect(c.binding).toBe(false);
          });
          expect(used).toBeLessThanOrEqual(cap);
        },
      ),
      { numRuns: 150 },
    );
  });
});
