/** Calendar helpers for the race: ISO dates (YYYY-MM-DD, UTC) and month differences. */
import { ChipboundError } from '../errors.js';

/** Mean Gregorian month, days (365.2425 / 12): the unit of every lag. */
export const DAYS_PER_MONTH = 365.2425 / 12;

/** Days since 1970-01-01 for an ISO date; bad input is a usage error. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m[3])) throw new ChipboundError('usage', `date: expected YYYY-MM-DD, got '${date}'`);
  return ms / 86_400_000;
}

/** Months from `from` to `to` (positive when `to` is later), in mean Gregorian months. */
export function monthsBetween(from: string, to: string): number {
  return (dayNumber(to) - dayNumber(from)) / DAYS_PER_MONTH;
}

/** The ISO date of a day number. */
export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The last day of each month of `year`, up to and including `until` (which ends the list if earlier). */
export function monthEnds(year: number, until: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const end = isoDate(Date.UTC(year, m, 0) / 86_400_000);
    if (end >= until) {
      if (until.startsWith(`${year}-`)) out.push(until);
      break;
    }
    out.push(end);
  }
  return out;
}
