/** The judged outcomes over the built-in catalog, missing-value handling, and monotonicity. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalog, getChip } from '../catalog/catalog.js';
import type { Chip } from '../catalog/schemas.js';
import { classifyChip, classifyMetrics, ruleContext } from './classify.js';
import type { ChipMetrics, RuleClassification, RuleId } from './types.js';

const verdict = (id: string, rule: RuleId, date: string, destination = 'CN') => {
  const c = classifyChip(getChip(id), { date, destination, rules: [rule] }).classifications[0];
  return c.outcome === 'undetermined' ? 'undetermined' : c.eccn;
};

describe('known outcomes (reference controls.md §4.1), classified from the catalog specs', () => {
  const d2022 = '2023-06-01';
  const d2023 = '2024-01-01';
  it('2022 rule: A100/H100 caught; A800, H800, L40S, HL-225B designed around it', () => {
    for (const id of ['nvidia-a100-sxm4-40gb', 'nvidia-a100-sxm4-80gb', 'nvidia-h100-sxm5-80gb', 'nvidia-h100-pcie-80gb', 'amd-mi250x']) expect(verdict(id, 'us-2022-10', d2022), id).toBe('3A090.a');
    for (const id of ['nvidia-a800-sxm4-80gb', 'nvidia-h800-sxm5-80gb', 'nvidia-l40s', 'intel-hl-225b', 'nvidia-h20', 'nvidia-l20', 'nvidia-l2', 'nvidia-v100-sxm2-32gb']) expect(verdict(id, 'us-2022-10', d2022), id).toBeNull();
  });
  it('2023 rule: A800, H800, L40S and the China Gaudi 2 caught; H20, L20, L2 outside 3A090', () => {
    for (const id of ['nvidia-a800-sxm4-80gb', 'nvidia-h800-sxm5-80gb', 'nvidia-l40s', 'intel-hl-225b', 'nvidia-a100-sxm4-80gb', 'nvidia-h100-sxm5-80gb']) expect(verdict(id, 'us-2023-10', d2023), id).toBe('3A090.a.1');
    for (const id of ['nvidia-h20', 'nvidia-l20', 'nvidia-l2', 'nvidia-v100-sxm2-32gb']) {
      const c = classifyChip(getChip(id), { date: d2023, rules: ['us-2023-10'] }).classifications[0];
      expect(c.outcome, id).toBe('not-controlled');
      expect(c.eccn).toBeNull();
    }
    expect(verdict('google-tpu-v5e', 'us-2023-10', d2023)).toBe('3A090.a.2');
    expect(verdict('cambricon-mlu290-m5', 'us-2023-10', d2023)).toBe('3A090.a.2');
    for (const id of ['google-tpu-v4', 'aws-trainium1', 'cambricon-mlu370-x8']) expect(verdict(id, 'us-2023-10', d2023), id).toBe('undetermined');
  });
  it('consumer GPUs: RTX 4090 is 3A090.a (NAC-eligible), RTX 4090D below 4800 is not 3A090', () => {
    const c = classifyChip(getChip('nvidia-rtx-4090'), { date: d2023, rules: ['us-2023-10'] }).classifications[0];
    expect(c.eccn).toBe('3A090.a.1');
    expect(c.licenseExceptions).toEqual(['NAC (25-day notification)']);
    expect(verdict('nvidia-rtx-4090d', 'us-2023-10', d2023)).toBeNull();
  });
  it('Apr 2025 letters: H20 and MI308X need a licence; L20 and L2 do not', () => {
    for (const id of ['nvidia-h20', 'amd-mi308x']) {
      const c = classifyChip(getChip(id), { date: '2025-06-01', rules: ['us-2025-04'] }).classifications[0];
      expect(c.outcome, id).toBe('controlled');
      expect(c.licenceRequired).toBe(true);
    }
    for (const id of ['nvidia-l20', 'nvidia-l2']) expect(verdict(id, 'us-2025-04', '2025-06-01'), id).toBeNull();
  });
  it('Jan 2026 envelope: H200 and MI325X case-by-case; Blackwell and Gaudi 3 presumption of denial', () => {
    const policy = (id: string) => classifyChip(getChip(id), { date: '2026-02-01', rules: ['us-2026-01'] }).classifications[0].reviewPolicy;
    for (const id of ['nvidia-h200-sxm-141gb', 'amd-mi325x', 'nvidia-h100-sxm5-80gb']) expect(policy(id), id).toBe('case-by-case');
    for (const id of ['nvidia-b200-hgx', 'nvidia-gb200-per-gpu', 'nvidia-b30a', 'intel-gaudi3-oam']) expect(policy(id), id).toBe('presumption of denial');
  });
  it('TPP and PD computed from specs match the reference table', () => {
    const golden: Record<string, [number, number | null]> = {
      'nvidia-a100-sxm4-80gb': [4992, 6.04], 'nvidia-h100-sxm5-80gb': [15832, 19.45], 'nvidia-h20': [2368, 2.91], 'nvidia-l20': [1912, 3.14],
      'nvidia-l2': [1544, 5.24], 'nvidia-l40s': [5864, 9.64], 'amd-mi300x': [20919, 8.72], 'intel-hl-225b': [6920, null], 'aws-trainium1': [3040, null], 'nvidia-b30a': [27000, 33.75],
    };
    for (const [id, [t, pd]] of Object.entries(golden)) {
      const c = classifyChip(getChip(id), { date: d2023 });
      expect(Math.round(c.tpp ?? -1), id).toBe(t);
      if (pd === null) expect(c.pd, id).toBeNull();
      else expect(c.pd, id).toBeCloseTo(pd, 2);
    }
  });
  it('every catalog chip classifies on every date without throwing; undetermined only with a reason', () => {
    for (const chip of builtinCatalog().chips) {
      for (const date of ['2023-01-01', '2024-06-01', '2025-03-01', '2026-06-01']) {
        for (const c of classifyChip(chip, { date }).classifications) {
          if (c.outcome === 'undetermined') expect(c.undecided.length, `${chip.id} ${c.rule}`).toBeGreaterThan(0);
          else expect(c.undecided.filter((u) => !u.startsWith('review policy')), `${chip.id} ${c.rule}`).toEqual([]);
        }
      }
    }
  });
});

describe('chips outside the catalog, with missing values', () => {
  const base = { id: 'my-chip', name: 'My chip', vendor: 'Me', datacenter: true, estimated: [], sources: [] };
  it('unknown die area in the PD range: says which test and why', () => {
    const c = classifyChip({ ...base, tflops: { bf16: 200 }, dieAreaMm2: null } as Chip, { date: '2026-06-01', rules: ['us-2023-10'] }).classifications[0];
    expect(c.outcome).toBe('undetermined');
    expect(c.undecided[0]).toMatch(/applicable die area is not public/);
  });
  it('no throughput at all: TPP null, no crash', () => {
    const r = classifyChip({ ...base, tflops: {} } as Chip, { date: '2026-06-01' });
    expect(r.tpp).toBeNull();
    expect(r.classifications.find((c) => c.rule === 'us-2023-10')?.undecided[0]).toMatch(/TPP unknown/);
  });
  it('a hypothetical H20 successor at 810 mm² and 149 BF16 TFLOPS stays outside 3A090', () => {
    const c = classifyChip({ ...base, tflops: { bf16: 149 }, dieAreaMm2: 810 } as Chip, { date: '2026-06-01', rules: ['us-2023-10'] });
    expect(c.tpp).toBe(2384);
    expect(c.classifications[0].eccn).toBeNull();
  });
});

/** Control level for monotonicity: not controlled < NAC/ACA-eligible (.b) < .a; presumption of denial above case-by-case. */
function level(c: RuleClassification): number {
  if (c.outcome === 'not-controlled') return 0;
  const l = c.eccn?.startsWith('3A090.b') || c.licenseExceptions.some((e) => e.startsWith('NAC') || e === 'ACA') ? 2 : 4;
  return l + (c.reviewPolicy === 'presumption of denial' ? 1 : 0);
}

describe('property: raising TPP or PD never makes a chip less controlled', () => {
  const M = (tpp: number, pd: number, datacenter: boolean, io: number): ChipMetrics => ({
    id: 'p', name: 'p', datacenter, tpp, tppBasis: 'prop', dieAreaMm2: null, pd, io2022GBps: io, io2022Complete: true, scaleUpGBps: 100, memoryGBps: 3000, memoryType: null,
  });
  const rules: RuleId[] = ['us-2022-10', 'us-2023-10', 'us-2025-01', 'us-2026-01'];
  // Values concentrated around the thresholds (±20%), where a wrong comparison would show.
  const near = (x: number) => fc.double({ min: 0.8 * x, max: 1.2 * x, noNaN: true });
  const tppArb = fc.oneof(fc.constantFrom(1600, 2400, 4800, 21000), near(1600), near(2400), near(4800), near(21000), fc.double({ min: 0, max: 40000, noNaN: true }));
  const pdArb = fc.oneof(fc.constantFrom(1.6, 3.2, 5.92), near(1.6), near(3.2), near(5.92), fc.double({ min: 0, max: 40, noNaN: true }));
  it('holds for every TPP/PD-based rule', () => {
    const ctx = ruleContext({ date: '2026-06-01', destination: 'CN' });
    const ctx22 = ruleContext({ date: '2023-06-01', destination: 'CN' });
    fc.assert(
      fc.property(
        tppArb, pdArb,
        fc.oneof(fc.constant(0), fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 20000, noNaN: true })),
        fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true })),
        fc.boolean(), fc.double({ min: 0, max: 2000, noNaN: true }),
        (t, p, dt, dp, dc, io) => {
          for (const rule of rules) {
            const cx = rule === 'us-2022-10' ? ctx22 : ctx;
            const lo = classifyMetrics(M(t, p, dc, io), cx, [rule])[0];
            const hi = classifyMetrics(M(t + dt, p + dp, dc, io), cx, [rule])[0];
            if (level(hi) < level(lo)) return false;
          }
          return true;
        },
      ),
      // 500 runs (of 2000 before issue #14): the draws concentrate around the thresholds, and the grid below covers them exactly.
      { numRuns: 500 },
    );
  });
  it('holds on a deterministic grid: every threshold ± ε plus a log grid, checked along both axes', () => {
    const ctx = ruleContext({ date: '2026-06-01', destination: 'CN' });
    const eps = (x: number) => [x * (1 - 1e-9), x, x * (1 + 1e-9)];
    const logGrid = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
    // Every threshold ± ε, plus a 25-point log grid per axis (the suite's heaviest test at 50 points).
    const tpps = [...[1600, 2400, 4800, 21000].flatMap(eps), ...logGrid(100, 100000, 25)].sort((a, b) => a - b);
    const pds = [...[1.6, 3.2, 5.92].flatMap(eps), ...logGrid(0.1, 100, 25)].sort((a, b) => a - b);
    const violations: string[] = [];
    for (const rule of rules.slice(1)) {
      for (const dc of [true, false]) {
        const lv = tpps.map((t) => pds.map((p) => level(classifyMetrics(M(t, p, dc, 0), ctx, [rule])[0])));
        for (let i = 0; i < tpps.length; i++) {
          for (let j = 0; j < pds.length; j++) {
            if (i > 0 && lv[i][j] < lv[i - 1][j]) violations.push(`${rule} tpp ${tpps[i - 1]}->${tpps[i]} at pd ${pds[j]}`);
            if (j > 0 && lv[i][j] < lv[i][j - 1]) violations.push(`${rule} pd ${pds[j - 1]}->${pds[j]} at tpp ${tpps[i]}`);
          }
        }
      }
    }
    expect(violations.slice(0, 5)).toEqual([]);
  });
});
