import { describe, expect, it } from 'vitest';
import { frontier, type ScorePoint } from './frontier.js';
import { lagAt, lagByYear, lagSeries } from './lag.js';
import { DAYS_PER_MONTH, monthEnds } from './dates.js';

const pt = (id: string, country: string, date: string, score: number): ScorePoint => ({ id, name: id, country, date, score, setting: 'test', source: 'test' });
const days = (n: number) => n / DAYS_PER_MONTH;

// Constructed race: A (US) leads, B (CN) catches up, overtakes once, and sets one score A never reaches.
const points = [
  pt('a1', 'US', '2023-01-01', 70),
  pt('a2', 'US', '2023-07-01', 80),
  pt('a3', 'US', '2024-01-01', 85),
  pt('b1', 'CN', '2023-04-01', 60),
  pt('b2', 'CN', '2024-01-01', 80), // equals a2: tie counts as reached
  pt('b3', 'CN', '2024-03-01', 84),
  pt('b4', 'CN', '2024-06-01', 90), // A never reaches 90
  pt('b5', 'CN', '2024-05-01', 83), // not a frontier step (below b3)
];
const A = frontier(points, 'US');
const B = frontier(points, 'CN');

describe('frontier', () => {
  it('keeps strictly improving steps only', () => {
    expect(A.map((s) => s.id)).toEqual(['a1', 'a2', 'a3']);
    expect(B.map((s) => s.id)).toEqual(['b1', 'b2', 'b3', 'b4']);
  });
  it('takes the better of two same-day releases and ignores an equal later score', () => {
    const f = frontier([pt('x', 'US', '2024-01-01', 50), pt('y', 'US', '2024-01-01', 60), pt('z', 'US', '2024-02-01', 60)], 'US');
    expect(f.map((s) => s.id)).toEqual(['y']);
  });
});

describe('lagAt (hand-computed)', () => {
  it('is null before B has any score', () => {
    expect(lagAt(A, B, '2023-03-31')).toBeNull();
  });
  it('B=60 on 2023-04-01 was first reached by a1 on 2023-01-01: 90 days', () => {
    const p = lagAt(A, B, '2023-04-01')!;
    expect(p.status).toBe('a-first');
    expect(p.aFirst?.id).toBe('a1');
    expect(p.lagMonths).toBeCloseTo(days(90), 10);
  });
  it('a tie counts as reached: B=80 on 2024-01-01 vs a2 (80) on 2023-07-01: 184 days', () => {
    const p = lagAt(A, B, '2024-01-01')!;
    expect(p.aFirst?.id).toBe('a2');
    expect(p.lagMonths).toBeCloseTo(days(184), 10);
  });
  it('B=84 on 2024-03-01 was first reached by a3 (85) on 2024-01-01: 60 days (leap year)', () => {
    expect(lagAt(A, B, '2024-03-01')!.lagMonths).toBeCloseTo(days(60), 10);
  });
  it('never reached: B=90 from 2024-06-01 on', () => {
    const p = lagAt(A, B, '2024-06-01')!;
    expect(p.status).toBe('never');
    expect(p.aFirst).toBeNull();
    expect(p.lagMonths).toBeNull();
  });
  it('negative lag when A reaches the score only later', () => {
    const a = frontier([pt('a', 'US', '2024-03-01', 75)], 'US');
    const b = frontier([pt('b', 'CN', '2024-01-01', 70)], 'CN');
    const p = lagAt(a, b, '2024-01-01')!;
    expect(p.status).toBe('a-later');
    expect(p.lagMonths).toBeCloseTo(-days(60), 10);
  });
  it('same-day tie is a lag of exactly 0', () => {
    const a = frontier([pt('a', 'US', '2024-01-01', 70)], 'US');
    const b = frontier([pt('b', 'CN', '2024-01-01', 70)], 'CN');
    expect(lagAt(a, b, '2024-01-01')!.lagMonths).toBe(0);
  });
});

describe('lagSeries', () => {
  it('samples every frontier move from B\'s first step', () => {
    expect(lagSeries(A, B).map((p) => p.date)).toEqual(['2023-04-01', '2023-07-01', '2024-01-01', '2024-03-01', '2024-06-01']);
  });
  it('between B steps the lag grows with elapsed time', () => {
    const s = lagSeries(A, B);
    expect(s[1].lagMonths! - s[0].lagMonths!).toBeCloseTo(days(91), 10); // 2023-04-01 -> 2023-07-01
  });
});

describe('monthEnds', () => {
  it('lists month ends and stops at the data end', () => {
    expect(monthEnds(2024, '2024-03-15')).toEqual(['2024-01-31', '2024-02-29', '2024-03-15']);
    expect(monthEnds(2023, '2024-03-15')).toHaveLength(12);
    expect(monthEnds(2025, '2024-03-15')).toEqual([]);
  });
});

describe('lagByYear (hand-computed)', () => {
  const years = lagByYear(A, B, '2024-06-30');
  it('covers B\'s first year to the data end', () => {
    expect(years.map((y) => y.year)).toEqual([2023, 2024]);
  });
  it('2023: samples Apr-Dec month ends; B=60 reached by a1 on 2023-01-01', () => {
    const y = years[0];
    expect(y.samples).toBe(9);
    expect(y.never).toBe(0);
    expect(y.minMonths).toBeCloseTo(days(119), 10); // 2023-04-30 - 2023-01-01
    expect(y.maxMonths).toBeCloseTo(days(364), 10); // 2023-12-31 - 2023-01-01
    expect(y.end?.date).toBe('2023-12-31');
  });
  it('2024: never counted for Jun; the year ends on the data end', () => {
    const y = years[1];
    expect(y.samples).toBe(6);
    expect(y.never).toBe(1);
    expect(y.end?.status).toBe('never');
    expect(y.end?.date).toBe('2024-06-30');
    // Jan 31: B=80 via a2 (2023-07-01) = 214 d; Feb 29: 243 d; Mar 31, Apr 30, May 31: B=84 via a3 (2024-01-01) = 90, 120, 151 d.
    const expected = [214, 243, 90, 120, 151].map(days);
    expect(y.meanMonths).toBeCloseTo(expected.reduce((s, v) => s + v, 0) / 5, 10);
    expect(y.minMonths).toBeCloseTo(days(90), 10);
    expect(y.maxMonths).toBeCloseTo(days(243), 10);
    expect(y.changeMonths).toBeCloseTo(y.meanMonths! - years[0].meanMonths!, 10);
    expect(years[0].changeMonths).toBeNull();
  });
  it('is empty when B has no scores', () => {
    expect(lagByYear(A, [], '2024-06-30')).toEqual([]);
  });
});
