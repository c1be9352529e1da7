/** Boundary tests: every threshold at exactly its value (>= versus <), for every rule. */
import { describe, expect, it } from 'vitest';
import { classifyMetrics, ruleContext } from './classify.js';
import { rulesInForce } from './rules.js';
import type { ChipMetrics, RuleId } from './types.js';
import { hbmStack } from './us-2024-12.js';
import { modelWeightsControlled } from './us-2025-01.js';

const M = (p: Partial<ChipMetrics>): ChipMetrics => ({
  id: 'test-chip', name: 'Test chip', datacenter: true, tpp: null, tppBasis: 'test', dieAreaMm2: null, pd: null,
  io2022GBps: null, io2022Complete: true, scaleUpGBps: null, memoryGBps: null, memoryType: null, ...p,
});
const at = (rule: RuleId, m: ChipMetrics, date = '2026-06-01', destination = 'CN', headquarters?: string) =>
  classifyMetrics(m, ruleContext({ date, destination, headquarters }), [rule])[0];
const eccn = (rule: RuleId, m: ChipMetrics, date?: string) => at(rule, m, date).eccn;
const below = (x: number) => x - 1e-9 * x;

describe('us-2022-10 (87 FR 62186): I/O >= 600 AND TPP >= 4800', () => {
  const d = '2023-06-01';
  it('both at exactly the threshold -> 3A090.a', () => expect(eccn('us-2022-10', M({ tpp: 4800, io2022GBps: 600 }), d)).toBe('3A090.a'));
  it('TPP just below -> not controlled', () => expect(eccn('us-2022-10', M({ tpp: below(4800), io2022GBps: 600 }), d)).toBeNull());
  it('I/O just below -> not controlled (the A800/H800 loophole)', () => expect(eccn('us-2022-10', M({ tpp: 15832, io2022GBps: below(600) }), d)).toBeNull());
  it('incomplete I/O decides only upward', () => {
    expect(at('us-2022-10', M({ tpp: 5000, io2022GBps: 599, io2022Complete: false }), d).outcome).toBe('undetermined');
    expect(at('us-2022-10', M({ tpp: 5000, io2022GBps: 600, io2022Complete: false }), d).eccn).toBe('3A090.a');
    expect(at('us-2022-10', M({ tpp: 4000, io2022GBps: null, io2022Complete: false }), d).outcome).toBe('not-controlled');
  });
  it('Macau from 2023-01-18; not the US or Germany', () => {
    const m = M({ tpp: 5000, io2022GBps: 700 });
    expect(at('us-2022-10', m, '2023-01-17', 'MO').licenceRequired).toBe(false);
    expect(at('us-2022-10', m, '2023-01-18', 'MO').licenceRequired).toBe(true);
    expect(at('us-2022-10', m, d, 'HK').licenceRequired).toBe(true);
    expect(at('us-2022-10', m, d, 'DE').licenceRequired).toBe(false);
  });
});

describe('us-2023-10 (88 FR 73458): TPP and PD', () => {
  const r = 'us-2023-10';
  it('a.1 at TPP 4800', () => {
    expect(eccn(r, M({ tpp: 4800, pd: 1 }))).toBe('3A090.a.1');
    expect(eccn(r, M({ tpp: below(4800), pd: 1 }))).toBeNull();
  });
  it('a.2 at TPP 1600 and PD 5.92', () => {
    expect(eccn(r, M({ tpp: 1600, pd: 5.92 }))).toBe('3A090.a.2');
    expect(eccn(r, M({ tpp: 1600, pd: below(5.92) }))).toBe('3A090.b.2');
    expect(eccn(r, M({ tpp: below(1600), pd: 50 }))).toBeNull();
  });
  it('b.1 at TPP 2400 and PD 1.6', () => {
    expect(eccn(r, M({ tpp: 2400, pd: 1.6 }))).toBe('3A090.b.1');
    expect(eccn(r, M({ tpp: below(2400), pd: 1.6 }))).toBeNull();
    expect(eccn(r, M({ tpp: 2400, pd: below(1.6) }))).toBeNull();
    expect(eccn(r, M({ tpp: below(4800), pd: below(5.92) }))).toBe('3A090.b.1');
  });
  it('b.2 at TPP 1600 and PD 3.2', () => {
    expect(eccn(r, M({ tpp: 1600, pd: 3.2 }))).toBe('3A090.b.2');
    expect(eccn(r, M({ tpp: 1600, pd: below(3.2) }))).toBeNull();
  });
  it('Note 2: non-datacenter below 4800 is not 3A090; at 4800 it is .a with NAC', () => {
    expect(eccn(r, M({ datacenter: false, tpp: below(4800), pd: 100 }))).toBeNull();
    const c = at(r, M({ datacenter: false, tpp: 4800, pd: 1 }));
    expect(c.eccn).toBe('3A090.a.1');
    expect(c.licenseExceptions).toEqual(['NAC (25-day notification)']);
  });
  it('unknown die area: undetermined only where PD decides, with the die-area limits', () => {
    const u = at(r, M({ tpp: 3000, pd: null }));
    expect(u.outcome).toBe('undetermined');
    expect(u.eccn).toBeNull();
    expect(u.undecided[0]).toMatch(/a\.2 if applicable die area <= 506\.8 mm²; b\.1 if <= 1,875 mm²/);
    expect(eccn(r, M({ tpp: 5000, pd: null }))).toBe('3A090.a.1');
    expect(eccn(r, M({ tpp: 1500, pd: null }))).toBeNull();
  });
  it('destinations and NAC/ACA (89 FR 23876 from 2024-04-04)', () => {
    const b = M({ tpp: 3000, pd: 2 });
    expect(at(r, b, '2026-06-01', 'CN').licenseExceptions).toEqual(['NAC (25-day notification)']);
    expect(at(r, b, '2026-06-01', 'AE').licenseExceptions).toEqual(['ACA']);
    expect(at(r, b, '2024-04-03', 'AE').licenseExceptions).toEqual(['NAC']);
    expect(at(r, b, '2026-06-01', 'SG').licenceRequired).toBe(false);
    expect(at(r, b, '2026-06-01', 'SG', 'CN').licenceRequired).toBe(true);
    expect(at(r, b, '2026-06-01', 'IN').licenceRequired).toBe(false);
    expect(at(r, b, '2026-06-01', 'US').licenceRequired).toBe(false);
    expect(at(r, b, '2026-06-01', 'VN').licenceRequired).toBe(true);
    expect(at(r, b, '2026-06-01', 'MO').licenceRequired).toBe(true);
  });
  it('margins read as sentences', () => {
    const c = at(r, M({ tpp: 2368, pd: 2368 / 814 }));
    expect(c.reasons).toContain('TPP 2,368 is 1.3% below 2,400 (TPP >= 2,400: not met)');
    const m = c.margins.find((g) => g.test === 'tpp >= 2400');
    expect(m).toMatchObject({ value: 2368, threshold: 2400, passes: false });
    expect(m?.marginPct).toBeCloseTo(-1.333, 3);
  });
});

describe('us-2024-12 (89 FR 96790): 3A090.c for HBM packages', () => {
  it('density > 2 (strict) and License Exception HBM below 3.3', () => {
    expect(hbmStack(200, 100).eccn).toBeNull();
    expect(hbmStack(200.0001, 100)).toMatchObject({ eccn: '3A090.c', licenseExceptions: ['HBM'] });
    expect(hbmStack(330, 100)).toMatchObject({ eccn: '3A090.c', licenseExceptions: [] });
    expect(hbmStack(819, 110).eccn).toBe('3A090.c');
  });
  it('an accelerator is not a 3A090.c item; its HBM is noted', () => {
    const c = at('us-2024-12', M({ tpp: 15832, pd: 19, memoryType: 'HBM3' }));
    expect(c.eccn).toBeNull();
    expect(c.reasons.join(' ')).toMatch(/HBM3 stacks, shipped on their own, would be 3A090.c/);
  });
});

describe('us-2025-01 (90 FR 4544): tiers, LPP, 4E091', () => {
  const a1 = M({ tpp: 15832, pd: 19.45 });
  it('tiers decide the exception', () => {
    expect(at('us-2025-01', a1, '2025-03-01', 'DE').licenseExceptions).toEqual(['AIA']);
    expect(at('us-2025-01', a1, '2025-03-01', 'AE').licenseExceptions).toEqual(['LPP']);
    expect(at('us-2025-01', a1, '2025-03-01', 'CN').licenseExceptions).toEqual([]);
    expect(at('us-2025-01', a1, '2025-03-01', 'AE').reasons.join(' ')).toMatch(/1,699 units per consignee/);
  });
  it('4E091 at exactly 1e26 operations', () => {
    expect(modelWeightsControlled(1e26, { published: false }).eccn).toBe('4E091');
    expect(modelWeightsControlled(below(1e26), { published: false }).eccn).toBeNull();
    expect(modelWeightsControlled(1e27, { published: true }).eccn).toBeNull();
  });
  it('marked rescinded from 2025-05-13', () => {
    const list = (date: string) => classifyMetrics(a1, ruleContext({ date })).map((c) => `${c.rule}:${c.status}`);
    expect(list('2025-05-12')).toContain('us-2025-01:in force');
    expect(list('2025-05-13')).toContain('us-2025-01:rescinded');
  });
});

describe('us-2025-04: H20/MI308 letters and the labelled interpretation', () => {
  const r = 'us-2025-04';
  it('memory bandwidth >= 4000 GB/s or scale-up >= 900 GB/s', () => {
    expect(at(r, M({ memoryGBps: 4000, scaleUpGBps: 0 })).outcome).toBe('controlled');
    expect(at(r, M({ memoryGBps: 0, scaleUpGBps: 900 })).outcome).toBe('controlled');
    expect(at(r, M({ memoryGBps: below(4000), scaleUpGBps: below(900) })).outcome).toBe('not-controlled');
    expect(at(r, M({ memoryGBps: null, scaleUpGBps: 500 })).outcome).toBe('undetermined');
    expect(at(r, M({ memoryGBps: 4000 })).reasons[0]).toMatch(/^interpretation:/);
  });
  it('named chips regardless of bandwidth; H200 is not "H20"', () => {
    expect(at(r, M({ id: 'amd-mi308x', name: 'AMD Instinct MI308X' })).outcome).toBe('controlled');
    expect(at(r, M({ id: 'x-h20', name: 'X', memoryGBps: 1, scaleUpGBps: 1 })).outcome).toBe('controlled');
    expect(at(r, M({ id: 'nvidia-h200-like', name: 'H200-like', memoryGBps: 1, scaleUpGBps: 1 })).outcome).toBe('not-controlled');
  });
  it('destinations: China/HK/Macau, D:5, D:5-headquartered firms', () => {
    const h = M({ memoryGBps: 4000 });
    expect(at(r, h, '2026-06-01', 'RU').licenceRequired).toBe(true);
    expect(at(r, h, '2026-06-01', 'DE').licenceRequired).toBe(false);
    expect(at(r, h, '2026-06-01', 'MY', 'CN').licenceRequired).toBe(true);
  });
});

describe('us-2026-01 (91 FR 1684): case-by-case if TPP < 21,000 and DRAM < 6,500 GB/s', () => {
  const r = 'us-2026-01';
  it('strict bounds', () => {
    expect(at(r, M({ tpp: below(21000), pd: 20, memoryGBps: below(6500) })).reviewPolicy).toBe('case-by-case');
    expect(at(r, M({ tpp: 21000, pd: 20, memoryGBps: 1000 })).reviewPolicy).toBe('presumption of denial');
    expect(at(r, M({ tpp: 20000, pd: 20, memoryGBps: 6500 })).reviewPolicy).toBe('presumption of denial');
    expect(at(r, M({ tpp: 20000, pd: 20, memoryGBps: null })).undecided.join(' ')).toMatch(/DRAM bandwidth not public/);
  });
  it('China/Macau only; uncontrolled chips have no policy', () => {
    expect(at(r, M({ tpp: 15832, pd: 19, memoryGBps: 4800 }), '2026-06-01', 'AE').reviewPolicy).toBeNull();
    expect(at(r, M({ tpp: 1000, pd: 1, memoryGBps: 4800 })).reviewPolicy).toBeNull();
  });
});

describe('rulesInForce', () => {
  const ids = (d: string, inc = false) => rulesInForce(d, { includeRescinded: inc }).map((r) => r.id);
  it('follows the effective and end dates', () => {
    expect(ids('2022-10-06')).toEqual([]);
    expect(ids('2022-10-07')).toEqual(['us-2022-10']);
    expect(ids('2023-11-16')).toEqual(['us-2022-10']);
    expect(ids('2023-11-17')).toEqual(['us-2023-10']);
    expect(ids('2025-05-12')).toEqual(['us-2023-10', 'us-2024-12', 'us-2025-01', 'us-2025-04']);
    expect(ids('2025-05-13')).toEqual(['us-2023-10', 'us-2024-12', 'us-2025-04']);
    expect(ids('2025-05-13', true)).toContain('us-2025-01');
    expect(ids('2026-01-15')).toEqual(['us-2023-10', 'us-2024-12', 'us-2025-04', 'us-2026-01']);
  });
});
