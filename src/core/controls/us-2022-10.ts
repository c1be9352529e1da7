/**
 * us-2022-10: the Oct 7 2022 IFR, 87 FR 62186 (FR Doc 2022-21658). ECCN 3A090.a was
 * conjunctive: aggregate bidirectional I/O to non-memory ICs >= 600 GB/s AND bit length × TOPS
 * >= 4800 (numerically the same quantity as the later TPP; reference controls.md §1.4). The
 * datacenter flag did not exist yet. Destinations: China incl. Hong Kong; Macau from Jan 18 2023
 * (88 FR 2821).
 */
import { isChinaOrMacau } from './countries.js';
import { margin } from './margin.js';
import { verdictWithoutExceptions } from './verdict.js';
import type { ChipMetrics, Rule, RuleContext } from './types.js';

/** 3A090.a thresholds of 87 FR 62186. */
export const US_2022_10 = {
  /** Bit length × TOPS, aggregated over processor units. */
  tpp: 4800,
  /** Aggregate bidirectional I/O to non-memory ICs, GB/s. */
  ioGBps: 600,
  /** Macau added by 88 FR 2821 (FR Doc 2023-00888). */
  macauFrom: '2023-01-18',
} as const;

/** Whether the 2022 rule's destinations include this one on this date. */
function appliesTo(ctx: RuleContext): boolean {
  if (ctx.destination.code === 'MO') return ctx.date >= US_2022_10.macauFrom;
  return isChinaOrMacau(ctx.destination);
}

function evaluate(m: ChipMetrics, ctx: RuleContext) {
  const t = margin('tpp', '>=', US_2022_10.tpp, m.tpp);
  // An incomplete I/O sum is a lower bound: it can prove ">= 600" but not "< 600".
  const ioValue = m.io2022GBps;
  const io = margin('io2022GBps', '>=', US_2022_10.ioGBps, ioValue);
  const ioPass = io.passes === true ? true : io.passes === false && m.io2022Complete ? false : null;
  const margins = [t, io];
  const undecided: string[] = [];
  let outcome: 'controlled' | 'not-controlled' | 'undetermined';
  const reasons: string[] = [];
  if (t.passes === false || ioPass === false) {
    outcome = 'not-controlled';
    if (t.passes === false) reasons.push(t.sentence);
    if (ioPass === false) reasons.push(io.sentence);
  } else if (t.passes === true && ioPass === true) {
    outcome = 'controlled';
    reasons.push(t.sentence, io.sentence);
  } else {
    outcome = 'undetermined';
    if (t.passes === null) undecided.push(`TPP unknown (${m.tppBasis})`);
    if (ioPass === null) undecided.push(ioValue === null ? 'I/O unknown (scaleUpGBps and hostIoGBps not public)' : `I/O known only as a lower bound (${ioValue} GB/s; host or scale-up bandwidth not public)`);
  }
  const eccn = outcome === 'controlled' ? '3A090.a' : null;
  const applies = appliesTo(ctx);
  reasons.push(applies ? `licence requirement applies to ${ctx.destination.name}` : `the 2022 rule's destinations (China incl. Hong Kong, Macau) do not include ${ctx.destination.name}`);
  return verdictWithoutExceptions(eccn, outcome, applies, reasons, margins, undecided);
}

export const us202210 = {
  id: 'us-2022-10',
  title: 'Advanced computing IFR: 3A090.a (I/O AND TPP)',
  citation: '87 FR 62186 (FR Doc 2022-21658); Macau: 88 FR 2821 (FR Doc 2023-00888)',
  url: 'https://www.federalregister.gov/documents/2022/10/13/2022-21658/implementation-of-additional-export-controls-certain-advanced-computing-and-semiconductor',
  effective: '2022-10-07',
  ended: { date: '2023-11-17', how: 'superseded', by: 'us-2023-10' },
  destinations: 'China incl. Hong Kong; Macau from 2023-01-18',
  thresholds: ['3A090.a: aggregate bidirectional I/O >= 600 GB/s AND bit length × TOPS >= 4800'],
  evaluate,
} as const satisfies Rule;
