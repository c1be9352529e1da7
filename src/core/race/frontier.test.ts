import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestAt, firstReaching, frontier, type ScorePoint } from './frontier.js';
import { lagAt } from './lag.js';
import { isoDate } from './dates.js';

const arbPoint = fc.record({
  day: fc.integer({ min: 19000, max: 20500 }),
  score: fc.integer({ min: 0, max: 1000 }).map((s) => s / 10),
  country: fc.constantFrom('US', 'CN'),
  n: fc.integer({ min: 0, max: 1e6 }),
});
const toPoints = (xs: { day: number; score: number; country: string; n: number }[]): ScorePoint[] =>
  xs.map((x, i) => ({ id: `m${i}-${x.n}`, name: 'm', country: x.country, date: isoDate(x.day), score: x.score, setting: 's', source: 's' }));

describe('frontier properties (fast-check)', () => {
  it('is strictly increasing in score and non-decreasing in date', () => {
    fc.assert(
      fc.property(fc.array(arbPoint, { maxLength: 40 }), (xs) => {
        const f = frontier(toPoints(xs), 'US');
        for (let i = 1; i < f.length; i++) {
          expect(f[i].score).toBeGreaterThan(f[i - 1].score);
          expect(f[i].date > f[i - 1].date).toBe(true);
        }
      }),
    );
  });
  it('best-to-date is never below any model released by then, and is one of them', () => {
    fc.assert(
      fc.property(fc.array(arbPoint, { maxLength: 40 }), fc.integer({ min: 19000, max: 20500 }), (xs, day) => {
        const pts = toPoints(xs).filter((p) => p.country === 'US');
        const date = isoDate(day);
        const best = bestAt(frontier(pts, 'US'), date);
        const released = pts.filter((p) => p.date <= date);
        if (released.length === 0) expect(best).toBeNull();
        else {
          expect(best!.score).toBe(Math.max(...released.map((p) => p.score)));
          expect(released.some((p) => p.id === best!.id)).toBe(true);
        }
      }),
    );
  });
  it('best-to-date never decreases over time', () => {
    fc.assert(
      fc.property(fc.array(arbPoint, { maxLength: 30 }), fc.integer({ min: 19000, max: 20500 }), fc.integer({ min: 0, max: 400 }), (xs, d, step) => {
        const f = frontier(toPoints(xs), 'CN');
        const s1 = bestAt(f, isoDate(d))?.score ?? -Infinity;
        const s2 = bestAt(f, isoDate(d + step))?.score ?? -Infinity;
        expect(s2).toBeGreaterThanOrEqual(s1);
      }),
    );
  });
  it('firstReaching returns the earliest model at or above the score', () => {
    fc.assert(
      fc.property(fc.array(arbPoint, { maxLength: 30 }), fc.integer({ min: 0, max: 1000 }), (xs, t) => {
        const target = t / 10;
        const pts = toPoints(xs).filter((p) => p.country === 'US');
        const r = firstReaching(frontier(pts, 'US'), target);
        const hits = pts.filter((p) => p.score >= target);
        if (hits.length === 0) expect(r).toBeNull();
        else expect(r!.date).toBe(hits.map((p) => p.date).sort()[0]);
      }),
    );
  });
  it('lag is never undefined once B has a score, and a non-null lag matches the dates', () => {
    fc.assert(
      fc.property(fc.array(arbPoint, { maxLength: 30 }), fc.integer({ min: 19000, max: 20500 }), (xs, day) => {
        const pts = toPoints(xs);
        const a = frontier(pts, 'US');
        const b = frontier(pts, 'CN');
        const p = lagAt(a, b, isoDate(day));
        if (!bestAt(b, isoDate(day))) expect(p).toBeNull();
        else if (p!.status === 'never') expect(a.every((s) => s.score < p!.bBest.score)).toBe(true);
        else expect(Math.sign(p!.lagMonths!) >= 0).toBe(p!.status === 'a-first');
      }),
    );
  });
});
