/** --json output of `chipbound race` (the report) and `chipbound race --reproduce <id>` (src/core/race). */
import { z } from 'zod';
import { count, isoDate, strings } from './common.js';

const rows = z.array(z.looseObject({}));

/** `chipbound race --json`. */
export const raceOutput = z.looseObject({
  metric: z.string(),
  metricInfo: z.looseObject({ label: z.string(), unit: z.string(), caveats: strings }),
  countryA: z.string().length(2),
  countryB: z.string().length(2),
  asOf: isoDate,
  counts: z.looseObject({ a: count, b: count, total: count }),
  frontierA: z.array(z.looseObject({ date: isoDate, id: z.string(), score: z.number(), source: z.string() })),
  frontierB: z.array(z.looseObject({ date: isoDate, id: z.string(), score: z.number(), source: z.string() })),
  /** The comparability rule of the lag: one benchmark in one setting class. */
  comparability: z.looseObject({
    benchmark: z.string(),
    family: z.string(),
    setting: z.string(),
    harness: z.enum(['own', 'common']),
    tools: z.boolean(),
    staleMonths: z.number(),
    excluded: z.array(z.looseObject({ id: z.string(), why: z.string() })),
  }),
  /** "No reports" periods per side. */
  gaps: z.looseObject({ a: z.array(z.looseObject({ from: isoDate, to: isoDate, lastReport: isoDate })), b: z.array(z.looseObject({ from: isoDate, to: isoDate, lastReport: isoDate })) }),
  lag: rows,
  lagByYear: z.array(z.looseObject({ year: z.number().int(), samples: count, lagSamples: count, noReportsA: count, noReportsB: count, status: z.enum(['lag', 'no-reports']), meanMonths: z.number().nullable() })),
  efficiency: rows,
  /** Scored models whose compute is only a lower bound (not plotted). */
  computeLowerBounds: z.array(z.looseObject({ id: z.string(), atLeastFlop: z.number() })),
  /** The lag per benchmark family: each series is one benchmark in one setting class. */
  families: z.array(
    z.looseObject({
      family: z.string(),
      label: z.string(),
      primary: z.string(),
      series: z.array(z.looseObject({ metric: z.string(), label: z.string(), setting: z.string(), counts: z.looseObject({ a: count, b: count }), byYear: rows })),
    }),
  ),
  /** The combined view by year and the series that drive it. */
  combined: z.array(
    z.looseObject({
      year: z.number().int(),
      medianMonths: z.number().nullable(),
      drivers: z.array(z.looseObject({ family: z.string(), metric: z.string(), meanMonths: z.number() })),
      without: z.array(z.looseObject({ family: z.string(), metric: z.string(), why: z.string() })),
    }),
  ),
  compute: rows,
  chips: rows,
  notes: strings,
});

/** `chipbound race --reproduce <id> --json`: the train jobs and their evaluation. */
export const raceReproduceOutput = z.looseObject({
  id: z.string(),
  model: z.string().nullable(),
  run: z.string().nullable(),
  jobs: z.array(z.looseObject({ chip: z.string(), gpus: count, command: z.string() })),
  basis: strings,
  evaluation: z.array(
    z.looseObject({
      chip: z.string(),
      gpus: count,
      fits: z.boolean(),
      mfu: z.number().nullable(),
      days: z.number().nullable(),
      gpuHours: z.number().nullable(),
      note: z.string(),
      command: z.string().nullable(),
    }),
  ),
});
