/**
 * us-2026-01: final rule "Revision to License Review Policy for Advanced Computing Commodities",
 * 91 FR 1684-1689 (FR Doc 2026-00789, Docket 260112-0028, RIN 0694-AK43), effective Jan 15 2026;
 * citation and thresholds checked (2026-12) against the rule text at
 * https://www.govinfo.gov/content/pkg/FR-2026-01-15/html/2026-00789.htm. Licence review
 * policy for China/Macau moves from presumption of denial to case-by-case for advanced computing
 * commodities with TPP < 21,000 AND total DRAM bandwidth < 6,500 GB/s (e.g. H200, MI325X), under
 * conditions (US availability, third-party testing, volume <= 50% of US shipments, ...). 3A090
 * parameters are unchanged (us-2023-10); re-exports and D:5-headquartered parties stay
 * presumption of denial.
 */
import { isChinaOrMacau } from './countries.js';
import { margin } from './margin.js';
import { licenceRequired } from './verdict.js';
import { advancedComputingLicenceApplies, nacOrAca, params2023 } from './us-2023-10.js';
import type { ChipMetrics, ReviewPolicy, Rule, RuleContext } from './types.js';

/** Envelope of 91 FR 1684 (both strict). */
export const US_2026_01 = {
  /** TPP must be below this. */
  tpp: 21_000,
  /** Total DRAM bandwidth must be below this, GB/s. */
  memoryGBps: 6_500,
} as const;

function evaluate(m: ChipMetrics, ctx: RuleContext) {
  const p = params2023(m);
  const t = margin('tpp', '<', US_2026_01.tpp, m.tpp);
  const mem = margin('memoryGBps', '<', US_2026_01.memoryGBps, m.memoryGBps);
  const lic = advancedComputingLicenceApplies(ctx);
  const reasons = [...p.reasons];
  const undecided = [...p.undecided];
  let reviewPolicy: ReviewPolicy | null = null;
  if (p.outcome === 'controlled' && isChinaOrMacau(ctx.destination)) {
    if (t.passes === false || mem.passes === false) reviewPolicy = 'presumption of denial';
    else if (t.passes && mem.passes) reviewPolicy = 'case-by-case';
    else undecided.push('review policy: DRAM bandwidth not public');
    if (reviewPolicy) reasons.push(t.sentence, mem.sentence, `review policy for ${ctx.destination.name}: ${reviewPolicy}${reviewPolicy === 'case-by-case' ? ' (conditions apply; not licence-free)' : ''}`);
  } else if (p.outcome === 'controlled') {
    reasons.push(`the review-policy envelope applies to China/Macau only; ${lic.why}`);
  }
  return {
    eccn: p.eccn,
    outcome: p.outcome,
    licenseExceptions: p.outcome === 'controlled' && p.nacEligible && lic.applies ? nacOrAca(ctx) : [],
    licenceRequired: licenceRequired(p.outcome, lic.applies),
    reviewPolicy,
    reasons,
    margins: [...p.margins, t, mem],
    undecided,
  };
}

export const us202601 = {
  id: 'us-2026-01',
  title: 'China/Macau review policy: case-by-case envelope',
  citation: '91 FR 1684-1689 (FR Doc 2026-00789, RIN 0694-AK43)',
  url: 'https://www.govinfo.gov/content/pkg/FR-2026-01-15/html/2026-00789.htm',
  effective: '2026-01-15',
  ended: null,
  destinations: 'China (incl. Hong Kong) and Macau, exports from the US',
  thresholds: ['case-by-case review if TPP < 21,000 AND DRAM bandwidth < 6,500 GB/s; otherwise presumption of denial', '3A090 parameters as us-2023-10'],
  evaluate,
} as const satisfies Rule;
