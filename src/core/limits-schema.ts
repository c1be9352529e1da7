/**
 * The zod side of the limits table (core/limits.ts): schema fields checked against its bounds and
 * the one calendar-date check. Apart from limits.ts so that the CLI's flag parsers, which need the
 * table but not zod, do not load zod at start-up (bench/cli.bench.ts).
 */
import { z } from 'zod';
import { calendarDateError, LIMITS, outOfRange, type Limit, type LimitName } from './limits.js';

/** A zod number checked against the hard bounds of `name`, with the unit in the message (and the bounds in the JSON Schema). */
export function ranged(name: LimitName, int = false) {
  const l: Limit = LIMITS[name];
  const error = (iss: { input?: unknown }) => outOfRange(name, Number(iss.input)) ?? undefined;
  return (int ? z.number().int() : z.number()).min(l.min, { error }).max(l.max, { error });
}

/** A zod string that must be a real calendar date (calendarDateError): the one date check for every schema. */
export function calendarDate() {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .superRefine((s, ctx) => {
      const bad = /^\d{4}-\d{2}-\d{2}$/.test(s) ? calendarDateError(s) : null;
      if (bad) ctx.addIssue({ code: 'custom', message: bad });
    });
}
