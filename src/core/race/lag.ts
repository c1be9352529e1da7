/**
 * The lag between two countries' frontiers (issue #10 item 2): on a date t, country B's best
 * score to date is s; the lag is how many months before t country A first reached s.
 *   lag > 0: A was there first (B trails A by that many months);
 *   lag < 0: A reached s only after t (A trailed B on that date);
 *   'never': A has not reached s by the end of the data.
 * Pure functions of two frontiers (frontier.ts); the unit is the mean Gregorian month (dates.ts).
 */
import { bestAt, firstReaching, type FrontierStep } from './frontier.js';
import { DAYS_PER_MONTH, dayNumber, isoDate, monthEnds, monthsBetween } from './dates.js';

/** The lag on one date. */
export interface LagPoint {
  /** Date, YYYY-MM-DD. */
  readonly date: string;
  /** B's best model released on or before `date`. */
  readonly bBest: { readonly id: string; readonly score: number; readonly date: string };
  /** A's first model at or above that score (any date), or null if none. */
  readonly aFirst: { readonly id: string; readonly score: number; readonly date: string } | null;
  /** 'a-first' (A reached it on or before the date), 'a-later' (after), 'never' (not in the data). */
  readonly status: 'a-first' | 'a-later' | 'never';
  /** Months from A's first reaching to `date` (negative for 'a-later'); null for 'never'. */
  readonly lagMonths: number | null;
}

/** The lag on `date`, or null when B has no model with a score yet. */
export function lagAt(a: readonly FrontierStep[], b: readonly FrontierStep[], date: string): LagPoint | null {
  const best = bestAt(b, date);
  if (!best) return null;
  const reach = firstReaching(a, best.score);
  const bBest = { id: best.id, score: best.score, date: best.date };
  if (!reach) return { date, bBest, aFirst: null, status: 'never', lagMonths: null };
  const lagMonths = monthsBetween(reach.date, date);
  return { date, bBest, aFirst: { id: reach.id, score: reach.score, date: reach.date }, status: reach.date <= date ? 'a-first' : 'a-later', lagMonths };
}

/**
 * The lag on each date either frontier moves (B's new bests and A's new bests), from B's first
 * step on, sorted. These are the only dates the lag's inputs change (between them it grows by
 * the elapsed time).
 */
export function lagSeries(a: readonly FrontierStep[], b: readonly FrontierStep[]): LagPoint[] {
  const dates = [...new Set([...a, ...b].map((s) => s.date))].sort();
  const out: LagPoint[] = [];
  for (const d of dates) {
    const p = lagAt(a, b, d);
    if (p) out.push(p);
  }
  return out;
}

/** Release dates of every comparable score of each country on the series (not only frontier steps). */
export interface ReportDates {
  readonly a: readonly string[];
  readonly b: readonly string[];
}

/**
 * A country "reports" a benchmark on a date when it released a model with a comparable score
 * in the preceding STALE_MONTHS. Past that, its frontier is stale: the lag would grow with the
 * calendar (the 2025 MMLU artifact: Chinese labs stopped reporting MMLU), so the sample says
 * "no reports" instead of a lag.
 */
export const STALE_MONTHS = 6;

/** What one month-end sample measures: a lag, B ahead (A reporting but not there), or nothing because one side stopped reporting. */
export type SampleClass = 'lag' | 'b-ahead' | 'no-reports-a' | 'no-reports-b';

/** Classifies one lag sample against the reporting dates. */
export function classifySample(p: LagPoint, reports: ReportDates, staleMonths: number = STALE_MONTHS): SampleClass {
  const lastB = reports.b.filter((d) => d <= p.date).sort().at(-1);
  if (!lastB || monthsBetween(lastB, p.date) > staleMonths) return 'no-reports-b';
  if (p.status === 'a-first') return 'lag';
  // A had not reached B's best by this date (later or never): that says B is ahead only if A was
  // still reporting; otherwise A's first-reach date is a reporting artifact.
  const aReporting = reports.a.some((d) => d <= p.date && monthsBetween(d, p.date) <= staleMonths);
  if (!aReporting) return 'no-reports-a';
  return p.status === 'never' ? 'b-ahead' : 'lag';
}

/** A period in which one country had no comparable score in the preceding STALE_MONTHS ("no reports"). */
export interface ReportingGap {
  /** First day without reports, YYYY-MM-DD (the last score plus the window). */
  readonly from: string;
  /** The next score's date, or the end of the data. */
  readonly to: string;
  /** Date of the last score before the gap. */
  readonly lastReport: string;
}

/** The "no reports" periods of one country between its first score and `end`. */
export function reportingGaps(dates: readonly string[], end: string, staleMonths: number = STALE_MONTHS): ReportingGap[] {
  const ds = [...new Set(dates)].filter((d) => d <= end).sort();
  const out: ReportingGap[] = [];
  for (let i = 0; i < ds.length; i++) {
    const from = isoDate(Math.floor(dayNumber(ds[i]) + staleMonths * DAYS_PER_MONTH) + 1);
    const to = i + 1 < ds.length ? ds[i + 1] : end;
    if (from < to) out.push({ from, to, lastReport: ds[i] });
  }
  return out;
}

/** The lag summarized over one calendar year, sampled at each month end. */
export interface YearLag {
  /** Calendar year. */
  readonly year: number;
  /** Month-end samples where B had a score (the last one is `asOf` in the final year). */
  readonly samples: number;
  /** Samples where A had not reached B's best by the end of the data (and was still reporting, when reporting dates are given). */
  readonly never: number;
  /** Comparable scores A released in the year (null without reporting dates). */
  readonly aReports: number | null;
  /** Comparable scores B released in the year (null without reporting dates). */
  readonly bReports: number | null;
  /** Samples that measure a lag. */
  readonly lagSamples: number;
  /** Samples where A had stopped reporting (no score in the preceding STALE_MONTHS, none reaching B later). */
  readonly noReportsA: number;
  /** Samples where B had stopped reporting (no score in the preceding STALE_MONTHS). */
  readonly noReportsB: number;
  /** 'lag' when some sample measures a lag or B ahead; 'no-reports' when every sample lacks reports from one side. */
  readonly status: 'lag' | 'no-reports';
  /** Mean lag over the samples that measure a lag, months; null when none. */
  readonly meanMonths: number | null;
  /** Smallest lag of the year, months. */
  readonly minMonths: number | null;
  /** Largest lag of the year, months. */
  readonly maxMonths: number | null;
  /** The lag at the year's last sample (Dec 31, or `asOf`). */
  readonly end: LagPoint | null;
  /** What the year's last sample measures ('no-reports-*': `end` is not a lag). */
  readonly endClass: SampleClass | null;
  /** Mean lag minus the previous year's mean, months (negative: the gap closed); null for the first year or without means. */
  readonly changeMonths: number | null;
}

/**
 * Year-by-year summary from the year of B's first step to the year of `asOf` (the end of the
 * data), sampling the lag at every month end (plus `asOf` itself in its year).
 */
export function lagByYear(a: readonly FrontierStep[], b: readonly FrontierStep[], asOf: string, reports?: ReportDates, staleMonths: number = STALE_MONTHS): YearLag[] {
  if (b.length === 0) return [];
  dayNumber(asOf);
  const first = Number(b[0].date.slice(0, 4));
  const last = Number(asOf.slice(0, 4));
  const out: YearLag[] = [];
  for (let y = first; y <= last; y++) {
    const all = monthEnds(y, asOf)
      .map((d) => lagAt(a, b, d))
      .filter((p): p is LagPoint => p !== null);
    const cls = all.map((p) => (reports ? classifySample(p, reports, staleMonths) : p.status === 'never' ? 'b-ahead' : 'lag'));
    const pts = all.filter((_, i) => cls[i] === 'lag' || cls[i] === 'b-ahead');
    const lags = pts.map((p) => p.lagMonths).filter((v): v is number => v !== null);
    const meanMonths = lags.length ? lags.reduce((s, v) => s + v, 0) / lags.length : null;
    const prev = out.length ? out[out.length - 1].meanMonths : null;
    const inYear = (ds: readonly string[]) => ds.filter((d) => d.startsWith(`${y}-`) && d <= asOf).length;
    out.push({
      year: y,
      samples: all.length,
      never: cls.filter((c) => c === 'b-ahead').length,
      aReports: reports ? inYear(reports.a) : null,
      bReports: reports ? inYear(reports.b) : null,
      lagSamples: cls.filter((c) => c === 'lag').length,
      noReportsA: cls.filter((c) => c === 'no-reports-a').length,
      noReportsB: cls.filter((c) => c === 'no-reports-b').length,
      status: pts.length ? 'lag' : 'no-reports',
      meanMonths,
      minMonths: lags.length ? Math.min(...lags) : null,
      maxMonths: lags.length ? Math.max(...lags) : null,
      end: all.length ? all[all.length - 1] : null,
      endClass: cls.length ? cls[cls.length - 1] : null,
      changeMonths: meanMonths !== null && prev !== null ? meanMonths - prev : null,
    });
  }
  return out;
}
