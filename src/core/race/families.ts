/**
 * The lag per benchmark family and the combined view (issue #20). Each family (GPQA Diamond,
 * SWE-bench Verified, AIME, HLE, MMLU-Pro, MMLU) has one or more series, one per metric key,
 * i.e. one benchmark in one setting class (setting.ts); the lag is measured on each series by
 * year, with "no reports" where one side stopped reporting (lag.ts). The combined view takes,
 * per year, the median of the primary series' mean lags over the families that measure one,
 * and names them. Common-harness series (Artificial Analysis, Epoch) are reported on their own.
 */
import { metricInfo, type BenchmarkFamily, type MetricInfo } from './caveats.js';
import { frontier, scorePoints, type FrontierStep } from './frontier.js';
import { lagByYear, type ReportDates, type YearLag } from './lag.js';
import { seriesSetting } from './setting.js';
import { raceMetrics, type RaceEntry, type RaceMetric } from './schema.js';

/** The families of the combined view, each with its primary series (lab-reported, no tools). */
export const LAG_FAMILIES = [
  { family: 'gpqa', label: 'GPQA Diamond', primary: 'gpqa' },
  { family: 'swe-bench-verified', label: 'SWE-bench Verified', primary: 'sweBenchVerified' },
  { family: 'aime', label: 'AIME', primary: 'aime2025' },
  { family: 'hle', label: "Humanity's Last Exam", primary: 'hle' },
  { family: 'mmlu-pro', label: 'MMLU-Pro', primary: 'mmluPro' },
  { family: 'mmlu', label: 'MMLU (the past)', primary: 'mmlu' },
] as const satisfies readonly { family: BenchmarkFamily; label: string; primary: RaceMetric }[];

/** One series: a metric key, its setting class, both frontiers and the lag by year. */
export interface SeriesLag {
  /** Metric key. */
  readonly metric: RaceMetric;
  /** Benchmark and setting, for display. */
  readonly label: string;
  /** Setting class in words ("lab's own harness, no tools"). */
  readonly setting: string;
  /** Scores per country on the series. */
  readonly counts: { readonly a: number; readonly b: number };
  /** Latest release date with a score, per country (null when none). */
  readonly lastReport: { readonly a: string | null; readonly b: string | null };
  readonly frontierA: readonly FrontierStep[];
  readonly frontierB: readonly FrontierStep[];
  /** Lag by year, with reports and "no reports" counts. */
  readonly byYear: readonly YearLag[];
}

/** A family: its series, the primary one first. */
export interface FamilyLag {
  readonly family: BenchmarkFamily;
  readonly label: string;
  /** Metric key of the primary series (used by the combined view). */
  readonly primary: RaceMetric;
  readonly series: readonly SeriesLag[];
}

/** One year of the combined view. */
export interface CombinedYear {
  readonly year: number;
  /** Median of the driving series' mean lags, months; null when no family measures a lag that year. */
  readonly medianMonths: number | null;
  /** The series that measure a lag this year, with their mean (these drive the median). */
  readonly drivers: readonly { readonly family: BenchmarkFamily; readonly metric: RaceMetric; readonly meanMonths: number; readonly lagSamples: number }[];
  /** Families whose primary series has no lag this year, and why ("no reports from CN", "no scores"). */
  readonly without: readonly { readonly family: BenchmarkFamily; readonly metric: RaceMetric; readonly why: string }[];
}

/** The end of a series' data: `asOf`, or the date of its one-time table (snapshot) when earlier. */
export function seriesEnd(metric: RaceMetric, asOf: string): string {
  const snap = (metricInfo[metric] as MetricInfo).snapshot;
  return snap !== undefined && snap < asOf ? snap : asOf;
}

/** The lag on one series. */
export function seriesLag(entries: readonly RaceEntry[], metric: RaceMetric, countryA: string, countryB: string, asOf: string): SeriesLag {
  const pts = scorePoints(entries, metric);
  const dates = (c: string) => pts.filter((p) => p.country === c).map((p) => p.date).sort();
  const reports: ReportDates = { a: dates(countryA), b: dates(countryB) };
  const frontierA = frontier(pts, countryA);
  const frontierB = frontier(pts, countryB);
  return {
    metric,
    label: metricInfo[metric].label,
    setting: seriesSetting(metric),
    counts: { a: reports.a.length, b: reports.b.length },
    lastReport: { a: reports.a.at(-1) ?? null, b: reports.b.at(-1) ?? null },
    frontierA,
    frontierB,
    byYear: lagByYear(frontierA, frontierB, seriesEnd(metric, asOf), reports),
  };
}

/** Every family with all its series (primary first). */
export function familyLags(entries: readonly RaceEntry[], countryA: string, countryB: string, asOf: string): FamilyLag[] {
  return LAG_FAMILIES.map((f) => {
    const keys = [f.primary, ...raceMetrics.filter((m) => metricInfo[m].family === f.family && m !== f.primary)];
    return { family: f.family, label: f.label, primary: f.primary, series: keys.map((m) => seriesLag(entries, m, countryA, countryB, asOf)) };
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The combined view by year, over the primary series of each family. */
export function combinedLag(families: readonly FamilyLag[], countryA: string, countryB: string, fromYear: number, toYear: number): CombinedYear[] {
  const out: CombinedYear[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const drivers: CombinedYear['drivers'][number][] = [];
    const without: CombinedYear['without'][number][] = [];
    for (const f of families) {
      const s = f.series[0];
      const yl = s.byYear.find((r) => r.year === y);
      if (yl && yl.status === 'lag' && yl.meanMonths !== null) drivers.push({ family: f.family, metric: s.metric, meanMonths: yl.meanMonths, lagSamples: yl.lagSamples });
      else if (!yl) without.push({ family: f.family, metric: s.metric, why: s.counts.b === 0 ? `no ${countryB} scores` : `no ${countryB} score yet` });
      else if (yl.status === 'no-reports') without.push({ family: f.family, metric: s.metric, why: `no reports from ${yl.noReportsB >= yl.noReportsA ? countryB : countryA}` });
      else without.push({ family: f.family, metric: s.metric, why: `${countryB} ahead all year` });
    }
    out.push({ year: y, medianMonths: median(drivers.map((d) => d.meanMonths)), drivers, without });
  }
  return out;
}
