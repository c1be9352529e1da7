import { describe, expect, it } from 'vitest';
import { ruleContext } from '../controls/classify.js';
import type { ChipMetrics } from '../controls/types.js';
import { headline, isCompliant, ruleLines, tppPdLines, verdicts, type RuleSet } from './compliance.js';
import { knees, parseSweep, type SweepPoint } from './sweep.js';

const ctx2023 = ruleContext({ date: '2024-06-01', destination: 'CN' });
const set2023: RuleSet = { rules: ['us-2023-10'], ctx: ctx2023, overrides: [] };

const chip = (tpp: number, area: number, extra: Partial<ChipMetrics> = {}): ChipMetrics => ({
  id: 'x',
  name: 'X',
  datacenter: true,
  tpp,
  tppBasis: 'test',
  dieAreaMm2: area,
  pd: tpp / area,
  io2022GBps: 528,
  io2022Complete: true,
  scaleUpGBps: 400,
  memoryGBps: 3350,
  memoryType: 'HBM3',
  ...extra,
});

describe('rule lines read from the controls engine', () => {
  it('lists the 2023 lines and their headlines', () => {
    const l = ruleLines('us-2023-10', ctx2023);
    expect(l.filter((x) => x.metric === 'tpp').map((x) => x.threshold).sort((a, b) => a - b)).toEqual([1600, 2400, 4800]);
    expect(headline('us-2023-10', 'tpp', ctx2023)).toBe(4800);
    expect(headline('us-2023-10', 'pd', ctx2023)).toBe(5.92);
    expect(headline('us-2022-10', 'io2022GBps', ctx2023)).toBe(600);
  });
  it('a rule without a line on a metric is a usage error naming what it tests', () => {
    expect(() => headline('us-2022-10', 'pd', ctx2023)).toThrow(/us-2022-10 has no line on pd \(it tests: tpp, io2022GBps\)/);
  });
});

describe('moved lines (sweeps) are the rule with every line on the metric scaled', () => {
  it('H20 (TPP 2368, PD 2.91) complies as enacted, an H100 does not', () => {
    expect(isCompliant(chip(2368, 814), set2023)).toBe(true);
    expect(isCompliant(chip(15832, 814), set2023)).toBe(false);
  });
  it('doubling the TPP lines (4800 → 9600) turns TPP 5000 at PD 3.0 from 3A090.a.1 into 3A090.b.1 (2400·2 ≤ 5000, PD ≥ 1.6)', () => {
    const m = chip(5000, 5000 / 3);
    expect(verdicts(m, set2023)[0].eccn).toBe('3A090.a.1');
    const moved: RuleSet = { ...set2023, overrides: [{ rule: 'us-2023-10', metric: 'tpp', value: 9600 }] };
    expect(verdicts(m, moved)[0].eccn).toBe('3A090.b.1');
    // All three TPP lines moved: 1600·2, 2400·2, 4800·2.
    expect(tppPdLines(moved).filter((l) => l.metric === 'tpp').map((l) => l.threshold).sort((a, b) => a - b)).toEqual([3200, 4800, 9600]);
  });
  it('moving the 2022 I/O line to 700 GB/s admits 650 GB/s of I/O', () => {
    const set: RuleSet = { rules: ['us-2022-10'], ctx: ruleContext({ date: '2023-06-01', destination: 'CN' }), overrides: [] };
    const m = chip(15832, 814, { io2022GBps: 650 });
    expect(isCompliant(m, set)).toBe(false);
    expect(isCompliant(m, { ...set, overrides: [{ rule: 'us-2022-10', metric: 'io2022GBps', value: 700 }] })).toBe(true);
  });
});

describe('parseSweep', () => {
  it('parses a range into N points (default 11)', () => {
    const s = parseSweep('rules.us-2023-10.tpp=1600..9600', set2023);
    expect(s.values).toEqual([1600, 2400, 3200, 4000, 4800, 5600, 6400, 7200, 8000, 8800, 9600]);
    expect(parseSweep('rules.us-2023-10.pd=1.5..6:4', set2023).values).toEqual([1.5, 3, 4.5, 6]);
    expect(parseSweep('rules.us-2023-10.tpp=4000,2000', set2023).values).toEqual([2000, 4000]);
  });
  it('maps interconnect to the rule interconnect line', () => {
    const any = { ctx: set2023.ctx };
    expect(parseSweep('rules.us-2022-10.interconnect=400..800', any).metric).toBe('io2022GBps');
    expect(parseSweep('rules.us-2025-04.interconnect=400..1800', any).metric).toBe('scaleUpGBps');
    expect(parseSweep('rules.us-2025-04.memory=2000..8000', any).metric).toBe('memoryGBps');
  });
  it('refuses to sweep a rule the designs are not checked against (every row would be the same)', () => {
    expect(() => parseSweep('rules.us-2022-10.tpp=1000..5000', set2023)).toThrow(/rule us-2022-10 is not in --rules \(us-2023-10\)/);
  });
  it.each([
    ['tpp=1..2', /expected rules\.<rule>\.<metric>/],
    ['rules.us-1999-01.tpp=1..2', /unknown rule/],
    ['rules.us-2023-10.tpp=9..2', /below its end/],
    ['rules.us-2023-10.tpp=1..2:1', /points must be 2 to 41/],
    ['rules.us-2023-10.tpp=a,b', /positive number/],
  ])('refuses %s', (text, msg) => {
    expect(() => parseSweep(text, set2023)).toThrow(msg);
  });
});

describe('knees', () => {
  const pt = (value: number, timeRatio: number): SweepPoint => ({ value, best: null, workloads: [], timeRatio, costRatio: timeRatio, candidates: 1 });
  it('names the steps with the largest elasticity, ignoring flat ones', () => {
    const k = knees([pt(1000, 4), pt(2000, 4), pt(3000, 2), pt(4000, 1.9), pt(5000, 1.9)]);
    expect(k.map((x) => [x.from, x.to])).toEqual([
      [2000, 3000],
      [3000, 4000],
    ]);
    expect(k[0].changePct).toBeCloseTo(-50);
  });
});
