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
  lag: rows,
  lagByYear: rows,
  efficiency: rows,
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
