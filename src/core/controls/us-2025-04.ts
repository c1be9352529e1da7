/**
 * us-2025-04: the April 2025 "is-informed" letters (§744.23 supercomputer end use), disclosed in
 * NVIDIA's 8-K of Apr 15 2025 (letter of Apr 9) and AMD's filing of Apr 16 2025: a licence is
 * required for China (incl. Hong Kong and Macau) and D:5, and for firms headquartered there, for
 * the H20, the MI308 "and any other circuits achieving the H20's memory bandwidth, interconnect
 * bandwidth, or combination thereof". No numeric threshold was published.
 *
 * INTERPRETATION (ours, labelled as such in every verdict): a chip is covered when it is named
 * (H20, MI308) or when memory bandwidth >= 4,000 GB/s (H20: 4.0 TB/s) OR scale-up bandwidth
 * >= 900 GB/s bidirectional (H20: NVLink 900 GB/s). "Combination thereof" is read as "either";
 * reference controls.md §2.5 and §6.8.
 */
import { isChinaOrMacau, isD5OrMacau } from './countries.js';
import { margin } from './margin.js';
import { verdictWithoutExceptions } from './verdict.js';
import type { ChipMetrics, Rule, RuleContext } from './types.js';

/** H20 figures used by the interpretation (NVIDIA HGX H20 datasheet values in the reference). */
export const US_2025_04 = {
  /** H20 memory bandwidth, GB/s. */
  memoryGBps: 4000,
  /** H20 NVLink bandwidth, GB/s bidirectional. */
  scaleUpGBps: 900,
  /** Chips named in the letters, matched on id or name. */
  named: [/(^|[^a-z0-9])h20([^a-z0-9]|$)/i, /mi308/i],
} as const;

/** Label used as the "eccn" of a covered chip: this is a licence requirement, not a CCL entry. */
export const H20_LETTER_LABEL = 'is-informed licence (§744.23, H20/MI308 letter)';

function evaluate(m: ChipMetrics, ctx: RuleContext) {
  const named = US_2025_04.named.some((re) => re.test(m.id) || re.test(m.name));
  const mem = margin('memoryGBps', '>=', US_2025_04.memoryGBps, m.memoryGBps);
  const link = margin('scaleUpGBps', '>=', US_2025_04.scaleUpGBps, m.scaleUpGBps);
  const margins = [mem, link];
  const reasons: string[] = [];
  const undecided: string[] = [];
  let outcome: 'controlled' | 'not-controlled' | 'undetermined';
  if (named) {
    outcome = 'controlled';
    reasons.push(`named in the letters (${m.name})`);
  } else if (mem.passes || link.passes) {
    outcome = 'controlled';
    reasons.push(`interpretation: achieves the H20's ${mem.passes ? 'memory' : 'interconnect'} bandwidth`, ...(mem.passes ? [mem.sentence] : []), ...(link.passes ? [link.sentence] : []));
  } else if (mem.passes === false && link.passes === false) {
    outcome = 'not-controlled';
    reasons.push('interpretation: below the H20 on both memory and interconnect bandwidth', mem.sentence, link.sentence);
  } else {
    outcome = 'undetermined';
    undecided.push(`${mem.passes === null ? 'memory bandwidth' : 'scale-up bandwidth'} not public, and the other is below the H20's`);
  }
  const applies = ctx.destination.code !== 'US' && (isChinaOrMacau(ctx.destination) || isD5OrMacau(ctx.destination) || (ctx.headquarters !== null && isD5OrMacau(ctx.headquarters)));
  if (outcome === 'controlled') reasons.push(applies ? `licence required for ${ctx.destination.name}` : `the letters cover China/HK/Macau, D:5 and firms headquartered there, not ${ctx.destination.name}`);
  return verdictWithoutExceptions(outcome === 'controlled' ? H20_LETTER_LABEL : null, outcome, applies, reasons, margins, undecided);
}

export const us202504 = {
  id: 'us-2025-04',
  title: 'H20/MI308 is-informed letters (§744.23)',
  citation: 'NVIDIA Form 8-K filed 2025-04-15 (letter of 2025-04-09); AMD filing 2025-04-16',
  url: 'https://www.sec.gov/Archives/edgar/data/1045810/000104581025000082/nvda-20250409.htm',
  effective: '2025-04-09',
  ended: null,
  destinations: 'China incl. Hong Kong and Macau, D:5; firms headquartered there',
  thresholds: ['named: H20, MI308', 'interpretation (not published): memory bandwidth >= 4,000 GB/s OR scale-up >= 900 GB/s'],
  evaluate,
} as const satisfies Rule;
