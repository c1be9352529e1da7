/** "No reports" samples, the comparability rule, metric names, the family lags and the combined view. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinCatalog } from '../catalog/catalog.js';
import { frontier, scorePoints, excludedScores, type ScorePoint } from './frontier.js';
import { classifySample, lagAt, lagByYear, reportingGaps } from './lag.js';
import { isoDate } from './dates.js';
import { combinedLag, familyLags, seriesLag, LAG_FAMILIES } from './families.js';
import { comparability, parseMetric, settingClassOf } from './setting.js';
import { computeLowerBounds, efficiencyPoints } from './efficiency.js';
import { raceReport } from './report.js';
import type { BenchmarkScore, RaceEntry } from './schema.js';

const pt = (id: string, country: string, date: string, score: number): ScorePoint => ({ id, name: id, country, date, score, setting: 'test', source: 'test' });
const race = builtinCatalog().race;

describe('classifySample: a side that stopped reporting gives "no reports", not a lag', () => {
  // A reports through 2024; B reports once, in 2023-06, then stops.
  const pts = [pt('a1', 'US', '2023-01-01', 70), pt('a2', 'US', '2024-06-01', 80), pt('b1', 'CN', '2023-06-01', 65)];
  const A = frontier(pts, 'US');
  const B = frontier(pts, 'CN');
  const reports = { a: ['2023-01-01', '2024-06-01'], b: ['2023-06-01'] };
  it('within 6 months of B\'s last score the lag is measured; after that it is "no reports" from B', () => {
    expect(classifySample(lagAt(A, B, '2023-11-30')!, reports)).toBe('lag');
    expect(classifySample(lagAt(A, B, '2024-01-31')!, reports)).toBe('no-reports-b');
  });
  it('lagByYear counts those samples and stops the mean from growing with the calendar', () => {
    const y = lagByYear(A, B, '2025-12-31', reports);
    const y2024 = y.find((r) => r.year === 2024)!;
    expect(y2024.status).toBe('no-reports');
    expect(y2024.noReportsB).toBe(12);
    expect(y2024.meanMonths).toBeNull();
    expect(y.find((r) => r.year === 2023)!.status).toBe('lag');
    // Without reporting dates, the old behaviour: every sample is a lag.
    expect(lagByYear(A, B, '2025-12-31').find((r) => r.year === 2024)!.meanMonths).toBeGreaterThan(10);
  });
  it('B ahead counts only while A still reports; a silent A is "no reports" from A', () => {
    const p2 = [pt('a1', 'US', '2023-01-01', 70), pt('b1', 'CN', '2024-06-01', 90)];
    const p = lagAt(frontier(p2, 'US'), frontier(p2, 'CN'), '2024-06-30')!;
    expect(p.status).toBe('never');
    expect(classifySample(p, { a: ['2023-01-01'], b: ['2024-06-01'] })).toBe('no-reports-a');
    expect(classifySample(p, { a: ['2024-03-01'], b: ['2024-06-01'] })).toBe('b-ahead');
  });
});

describe('comparability rule and setting classes', () => {
  const s = (o: Partial<BenchmarkScore>): BenchmarkScore => ({ score: 50, setting: 'x', evaluator: 'lab', source: 'https://x', ...o });
  it('derives the harness from the evaluator and defaults to no tools', () => {
    expect(settingClassOf(s({ evaluator: 'Artificial Analysis (independent, uniform harness)' })).harness).toBe('common');
    expect(settingClassOf(s({ evaluator: 'epoch' })).harness).toBe('common');
    expect(settingClassOf(s({ evaluator: 'lab (via Zhipu chart)' })).harness).toBe('own');
    expect(settingClassOf(s({})).tools).toBe(false);
  });
  it('keeps a with-tools or common-harness score out of a lab-reported no-tools series', () => {
    expect(comparability('hle', s({ tools: true })).ok).toBe(false);
    expect(comparability('hleTools', s({ tools: true })).ok).toBe(true);
    expect(comparability('gpqa', s({ harness: 'common' })).ok).toBe(false);
    expect(comparability('gpqaAA', s({ evaluator: 'Artificial Analysis' })).ok).toBe(true);
  });
  it('every catalog score fits its series (nothing silently excluded)', () => {
    for (const m of ['gpqa', 'hle', 'hleTools', 'sweBenchVerified', 'aime2025', 'gpqaAA', 'mmlu'] as const) expect(excludedScores(race, m), m).toEqual([]);
  });
  it('parses metric names case- and punctuation-insensitively', () => {
    expect(parseMetric('GPQA')).toBe('gpqa');
    expect(parseMetric('swe-bench-verified')).toBe('sweBenchVerified');
    expect(parseMetric('SWE_bench_Verified')).toBe('sweBenchVerified');
    expect(parseMetric('mmlu-pro')).toBe('mmluPro');
    expect(parseMetric('HLE-with-tools')).toBe('hleTools');
    expect(parseMetric('elo')).toBeNull();
  });
});

describe('family lags on the catalog', () => {
  const fam = familyLags(race, 'US', 'CN', '2026-04-24');
  it('covers the six families, primary series first, with both frontiers through 2026 on GPQA and SWE-bench Verified', () => {
    expect(fam.map((f) => f.family)).toEqual(LAG_FAMILIES.map((f) => f.family));
    for (const m of ['gpqa', 'sweBenchVerified'] as const) {
      const s = seriesLag(race, m, 'US', 'CN', '2026-04-24');
      expect(s.frontierA.length, m).toBeGreaterThan(2);
      expect(s.frontierB.length, m).toBeGreaterThan(2);
      expect(s.byYear.find((y) => y.year === 2026)?.status, m).toBe('lag');
      expect(s.byYear.find((y) => y.year === 2025)?.status, m).toBe('lag');
    }
  });
  it('MMLU in 2026 is "no reports" from CN, not a lag (Chinese labs stopped reporting MMLU)', () => {
    const mmlu = fam.find((f) => f.family === 'mmlu')!.series[0];
    const y = mmlu.byYear.find((r) => r.year === 2026)!;
    expect(y.status).toBe('no-reports');
    expect(y.noReportsB).toBe(y.samples);
  });
  it('HLE with tools has no U.S. scores: every year is "no reports" from US', () => {
    const t = fam.find((f) => f.family === 'hle')!.series.find((x) => x.metric === 'hleTools')!;
    expect(t.counts.a).toBe(0);
    for (const y of t.byYear) expect(y.status).toBe('no-reports');
  });
  it('the Artificial Analysis series ends with its table (2025-10-27)', () => {
    const aa = fam.find((f) => f.family === 'gpqa')!.series.find((x) => x.metric === 'gpqaAA')!;
    expect(aa.byYear.map((y) => y.year)).toEqual([2025]);
    expect(aa.counts).toEqual({ a: 4, b: 2 });
  });
  it('the combined view names its drivers and what is not measured', () => {
    const c = combinedLag(fam, 'US', 'CN', 2024, 2026);
    const y2026 = c.find((r) => r.year === 2026)!;
    expect(y2026.drivers.map((d) => d.metric)).toContain('sweBenchVerified');
    expect(y2026.without.find((w) => w.metric === 'mmlu')?.why).toBe('no reports from CN');
    expect(y2026.medianMonths).not.toBeNull();
    const sorted = [...y2026.drivers.map((d) => d.meanMonths)].sort((a, b) => a - b);
    expect(y2026.medianMonths!).toBeGreaterThanOrEqual(sorted[0]);
    expect(y2026.medianMonths!).toBeLessThanOrEqual(sorted[sorted.length - 1]);
  });
});

describe('compute efficiency uses points with a compute figure only', () => {
  it('lower bounds are listed, never points; models without compute are absent', () => {
    const pts = efficiencyPoints(race, 'sweBenchVerified');
    const lb = computeLowerBounds(race, 'sweBenchVerified');
    const byId = new Map(race.map((e) => [e.id, e] as [string, RaceEntry]));
    for (const p of pts) expect(byId.get(p.id)!.trainingCompute?.bound, p.id).not.toBe('lower');
    expect(lb.map((l) => l.id)).toEqual(expect.arrayContaining(['glm-4.6', 'glm-4.7', 'deepseek-v3.2', 'deepseek-v4-pro']));
    expect(pts.map((p) => p.id)).not.toContain('claude-opus-4.5');
    expect(pts.map((p) => p.id)).toEqual(expect.arrayContaining(['glm-4.5', 'glm-5', 'kimi-k2.5']));
  });
});

describe('race report --json shape for the lag', () => {
  it('says which benchmark and setting each lag uses', () => {
    const r = raceReport(race, { metric: 'gpqa', countryA: 'US', countryB: 'CN' }, () => null);
    expect(r.comparability).toMatchObject({ benchmark: 'gpqa', family: 'gpqa', harness: 'own', tools: false, staleMonths: 6 });
    expect(r.families.find((f) => f.family === 'swe-bench-verified')!.series[0].setting).toBe("lab's own harness, no tools");
    expect(scorePoints(race, 'gpqa').every((p) => typeof p.evaluator === 'string')).toBe(true);
  });
});

describe('catalog corrections (issue 13 audit)', () => {
  const byId = (id: string) => race.find((e) => e.id === id)!;
  it('DeepSeek-R1 compute is 4.02e24 (current Epoch table)', () => {
    expect(byId('deepseek-r1').trainingCompute!.flop).toBe(4.02e24);
  });
  it('GLM-4 has date and scores of one checkpoint (0520) and no compute from another row', () => {
    const g = byId('glm-4');
    expect(g.releaseDate).toBe('2024-05-20');
    expect(g.trainingCompute).toBeNull();
  });
});

describe('no-reports properties (fast-check)', () => {
  const arb = fc.array(fc.record({ day: fc.integer({ min: 19000, max: 20500 }), score: fc.integer({ min: 0, max: 100 }), us: fc.boolean() }), { minLength: 1, maxLength: 30 });
  it('a year never reports a lag from samples where B had no score in the window, and the counts add up', () => {
    fc.assert(
      fc.property(arb, (xs) => {
        const pts = xs.map((x, i) => pt(`m${i}`, x.us ? 'US' : 'CN', isoDate(x.day), x.score));
        const A = frontier(pts, 'US');
        const B = frontier(pts, 'CN');
        const reports = { a: pts.filter((p) => p.country === 'US').map((p) => p.date), b: pts.filter((p) => p.country === 'CN').map((p) => p.date) };
        for (const y of lagByYear(A, B, '2026-04-24', reports)) {
          expect(y.lagSamples + y.never + y.noReportsA + y.noReportsB).toBe(y.samples);
          if (y.status === 'no-reports') expect(y.meanMonths).toBeNull();
        }
        // Every gap starts more than the window after a score and holds no score of that side.
        for (const g of reportingGaps(reports.b, '2026-04-24')) {
          expect(reports.b.some((d) => d >= g.from && d < g.to)).toBe(false);
          expect(g.from > g.lastReport).toBe(true);
        }
      }),
    );
  });
});
