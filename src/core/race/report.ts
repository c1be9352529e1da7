/**
 * The race report behind `chipbound race` and the web view: both frontiers, the lag on each
 * frontier move and by year, the efficiency table, compute cross-checks and (when a classifier
 * is given) the training chips under the export rules. One shape for CLI --json, web and docs.
 */
import type { Chip } from '../catalog/schemas.js';
import type { RaceEntry, RaceMetric } from './schema.js';
import { excludedScores, frontier, scorePoints, type ExcludedScore, type FrontierStep } from './frontier.js';
import { classifySample, lagByYear, lagSeries, reportingGaps, STALE_MONTHS, type LagPoint, type ReportingGap, type SampleClass, type YearLag } from './lag.js';
import { computeLowerBounds, efficiencyPoints, type ComputeLowerBound, type EfficiencyPoint } from './efficiency.js';
import { combinedLag, familyLags, seriesEnd, type CombinedYear, type FamilyLag } from './families.js';
import { seriesSetting } from './setting.js';
import { computeCrossCheck, type ComputeCrossCheck } from './compute.js';
import { classifyTrainingChips, type ChipClassifier, type TrainingChipRow } from './chips.js';
import { computeCaveats, metricInfo, type MetricInfo } from './caveats.js';

/** Options of the report. */
export interface RaceOptions {
  /** Benchmark compared. */
  readonly metric: RaceMetric;
  /** Country whose lead is measured (ISO-2), default US. */
  readonly countryA: string;
  /** Country compared against A (ISO-2), default CN. */
  readonly countryB: string;
  /** End of the data, YYYY-MM-DD (default: the latest release date in the entries). */
  readonly asOf?: string;
}

export interface RaceReport {
  readonly metric: RaceMetric;
  readonly metricInfo: MetricInfo;
  readonly countryA: string;
  readonly countryB: string;
  /** End of the data (last release date considered). */
  readonly asOf: string;
  /** Entries with a score on the metric, per country. */
  readonly counts: { readonly a: number; readonly b: number; readonly total: number };
  /** The comparability rule applied to this metric's lag: one benchmark, one setting class. */
  readonly comparability: {
    /** Metric key (one benchmark in one setting class). */
    readonly benchmark: RaceMetric;
    /** Benchmark family. */
    readonly family: string;
    /** Setting class in words. */
    readonly setting: string;
    /** Whose harness and whether tools, as data. */
    readonly harness: 'own' | 'common';
    readonly tools: boolean;
    /** A side with no comparable score in the preceding this-many months counts as "no reports", not as a lag. */
    readonly staleMonths: number;
    /** Scores on this metric left out because their setting class differs. */
    readonly excluded: readonly ExcludedScore[];
  };
  /** Frontier steps of A and B. */
  readonly frontierA: readonly FrontierStep[];
  readonly frontierB: readonly FrontierStep[];
  /** Periods in which A or B had stopped reporting this metric ("no reports": no lag is measured there). */
  readonly gaps: { readonly a: readonly ReportingGap[]; readonly b: readonly ReportingGap[] };
  /** The lag on every date either frontier moved, with what each measures ('no-reports-*': not a lag). */
  readonly lag: readonly (LagPoint & { readonly sample: SampleClass })[];
  /** The lag by calendar year. */
  readonly lagByYear: readonly YearLag[];
  /** Score against training compute, all countries (only points with a compute figure; lower bounds are not points). */
  readonly efficiency: readonly EfficiencyPoint[];
  /** Scored models whose compute is only a lower bound (shown as >=). */
  readonly computeLowerBounds: readonly ComputeLowerBound[];
  /** The lag per benchmark family and series (GPQA Diamond, SWE-bench Verified, AIME, HLE, MMLU-Pro, MMLU). */
  readonly families: readonly FamilyLag[];
  /** The combined view by year: the median family lag and the series that drive it. */
  readonly combined: readonly CombinedYear[];
  /** Catalog compute figure beside the independent estimates, for entries in A or B. */
  readonly compute: readonly ComputeCrossCheck[];
  /** Training chips under the export rules (empty when no classifier was given). */
  readonly chips: readonly TrainingChipRow[];
  /** Caveats of the compute axis and of the chip classification. */
  readonly notes: readonly string[];
}

/** Builds the report. `getChip` resolves catalog chip ids (null when missing). */
export function raceReport(entries: readonly RaceEntry[], opts: RaceOptions, getChip: (id: string) => Chip | null, classify?: ChipClassifier): RaceReport {
  const asOf = opts.asOf ?? entries.reduce((m, e) => (e.releaseDate > m ? e.releaseDate : m), '0000-01-01');
  const inRange = entries.filter((e) => e.releaseDate <= asOf);
  const points = scorePoints(inRange, opts.metric);
  const frontierA = frontier(points, opts.countryA);
  const frontierB = frontier(points, opts.countryB);
  const pair = inRange.filter((e) => e.country === opts.countryA || e.country === opts.countryB);
  const counts = (c: string) => points.filter((p) => p.country === c).map((p) => p.date);
  const families = familyLags(inRange, opts.countryA, opts.countryB, asOf);
  const firstYear = Math.min(...families.flatMap((f) => f.series.flatMap((x) => x.byYear.map((y) => y.year))), Number(asOf.slice(0, 4)));
  const info = metricInfo[opts.metric];
  return {
    metric: opts.metric,
    metricInfo: metricInfo[opts.metric],
    countryA: opts.countryA,
    countryB: opts.countryB,
    asOf,
    counts: { a: points.filter((p) => p.country === opts.countryA).length, b: points.filter((p) => p.country === opts.countryB).length, total: points.length },
    frontierA,
    frontierB,
    comparability: { benchmark: opts.metric, family: info.family, setting: seriesSetting(opts.metric), harness: info.harness, tools: info.tools, staleMonths: STALE_MONTHS, excluded: excludedScores(inRange, opts.metric) },
    gaps: { a: reportingGaps(counts(opts.countryA), seriesEnd(opts.metric, asOf)), b: reportingGaps(counts(opts.countryB), seriesEnd(opts.metric, asOf)) },
    lag: lagSeries(frontierA, frontierB).map((p) => ({ ...p, sample: classifySample(p, { a: counts(opts.countryA), b: counts(opts.countryB) }) })),
    lagByYear: lagByYear(frontierA, frontierB, seriesEnd(opts.metric, asOf), { a: counts(opts.countryA), b: counts(opts.countryB) }),
    efficiency: efficiencyPoints(inRange, opts.metric),
    computeLowerBounds: computeLowerBounds(inRange, opts.metric),
    families,
    combined: combinedLag(families, opts.countryA, opts.countryB, firstYear, Number(asOf.slice(0, 4))),
    compute: pair.map((e) => computeCrossCheck(e, e.chips?.chip ? getChip(e.chips.chip) : null)),
    chips: classify ? classifyTrainingChips(pair, getChip, classify) : [],
    notes: [
      ...computeCaveats,
      'chips are classified under the rules in force on the release date (the latest the training can have ended); chips bought before a rule took effect may have shipped legally',
    ],
  };
}
