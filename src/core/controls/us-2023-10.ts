/**
 * us-2023-10: the Oct 17 2023 AC/S IFR, 88 FR 73458 (FR Doc 2023-23055), effective Nov 17 2023,
 * unchanged for .a/.b through 2026. TPP and performance density replace the 2022 I/O conjunct:
 *   3A090.a.1  TPP >= 4800
 *   3A090.a.2  TPP >= 1600 and PD >= 5.92
 *   3A090.b.1  2400 <= TPP < 4800 and 1.6 <= PD < 5.92
 *   3A090.b.2  TPP >= 1600 and 3.2 <= PD < 5.92
 * Note 2: not designed or marketed for datacenters and TPP < 4800 -> not 3A090; such ICs with
 * TPP >= 4800 are 3A090.a but NAC-eligible. Licence exceptions: NAC (§740.8; 25-day notice for
 * D:5/Macau) and, from Apr 4 2024, ACA for D:1/D:4 destinations outside D:5 (89 FR 23876).
 */
import { isAdvancedComputingDestination, isD5OrMacau } from './countries.js';
import { margin, num } from './margin.js';
import type { ChipMetrics, Margin, Outcome, Rule, RuleContext } from './types.js';
import { licenceRequired } from './verdict.js';

/** Thresholds of 88 FR 73458 (ECCN 3A090.a/.b). */
export const US_2023_10 = {
  /** a.1 and the Note 2 line. */
  tppA1: 4800,
  /** a.2 and b.2 TPP floor. */
  tppFloor: 1600,
  /** a.2 PD floor, also the .b PD ceiling. */
  pdA2: 5.92,
  /** b.1 TPP floor. */
  tppB1: 2400,
  /** b.1 PD floor. */
  pdB1: 1.6,
  /** b.2 PD floor. */
  pdB2: 3.2,
  /** ACA split out of NAC by 89 FR 23876 (FR Doc 2024-07004). */
  acaFrom: '2024-04-04',
} as const;

/** The 3A090 parameter result (destination-free), shared by later rules that kept .a/.b. */
export interface Params2023 {
  /** "3A090.a.1", "3A090.a.2", "3A090.b.1", "3A090.b.2", or null (not controlled / undetermined). */
  readonly eccn: string | null;
  /** Outcome. */
  readonly outcome: Outcome;
  /** NAC/ACA-eligible (.b for datacenter ICs; .a for non-datacenter ICs). */
  readonly nacEligible: boolean;
  /** Deciding tests, as sentences. */
  readonly reasons: readonly string[];
  /** All tests evaluated. */
  readonly margins: readonly Margin[];
  /** Why undetermined. */
  readonly undecided: readonly string[];
}

/** Classifies by TPP, PD and the datacenter flag under 88 FR 73458. Pure, destination-free. */
export function params2023(m: Pick<ChipMetrics, 'tpp' | 'pd' | 'datacenter' | 'tppBasis'>): Params2023 {
  const T = US_2023_10;
  const a1 = margin('tpp', '>=', T.tppA1, m.tpp);
  if (!m.datacenter) {
    if (a1.passes === null) return { eccn: null, outcome: 'undetermined', nacEligible: false, reasons: [], margins: [a1], undecided: [`TPP unknown (${m.tppBasis})`] };
    return a1.passes
      ? { eccn: '3A090.a.1', outcome: 'controlled', nacEligible: true, reasons: [a1.sentence, 'not designed or marketed for datacenters: NAC-eligible (3A090 licence exceptions)'], margins: [a1], undecided: [] }
      : { eccn: null, outcome: 'not-controlled', nacEligible: false, reasons: [a1.sentence, 'Note 2: not designed or marketed for datacenters and TPP < 4800'], margins: [a1], undecided: [] };
  }
  const floor = margin('tpp', '>=', T.tppFloor, m.tpp);
  const a2 = margin('pd', '>=', T.pdA2, m.pd);
  const b1t = margin('tpp', '>=', T.tppB1, m.tpp);
  const b1p = margin('pd', '>=', T.pdB1, m.pd);
  const b2 = margin('pd', '>=', T.pdB2, m.pd);
  const margins = [a1, floor, a2, b1t, b1p, b2];
  if (m.tpp === null) return { eccn: null, outcome: 'undetermined', nacEligible: false, reasons: [], margins, undecided: [`TPP unknown (${m.tppBasis})`] };
  if (a1.passes) return { eccn: '3A090.a.1', outcome: 'controlled', nacEligible: false, reasons: [a1.sentence], margins, undecided: [] };
  if (!floor.passes) return { eccn: null, outcome: 'not-controlled', nacEligible: false, reasons: [a1.sentence, floor.sentence], margins, undecided: [] };
  if (m.pd === null) {
    // Express the PD tests as die-area limits so the reader knows what would decide it.
    const t = m.tpp;
    const lines = [`a.2 if applicable die area <= ${num(t / T.pdA2)} mm²`];
    if (b1t.passes) lines.push(`b.1 if <= ${num(t / T.pdB1)} mm²`);
    else lines.push(`b.2 if <= ${num(t / T.pdB2)} mm²`);
    lines.push('not controlled if larger');
    return { eccn: null, outcome: 'undetermined', nacEligible: false, reasons: [a1.sentence, floor.sentence], margins, undecided: [`TPP ${num(t)} is in [1600, 4800) so PD decides, but the applicable die area is not public: ${lines.join('; ')}`] };
  }
  if (a2.passes) return { eccn: '3A090.a.2', outcome: 'controlled', nacEligible: false, reasons: [a1.sentence, floor.sentence, a2.sentence], margins, undecided: [] };
  if (b1t.passes && b1p.passes) return { eccn: '3A090.b.1', outcome: 'controlled', nacEligible: true, reasons: [a1.sentence, a2.sentence, b1t.sentence, b1p.sentence], margins, undecided: [] };
  if (b2.passes) return { eccn: '3A090.b.2', outcome: 'controlled', nacEligible: true, reasons: [a1.sentence, a2.sentence, floor.sentence, b2.sentence], margins, undecided: [] };
  const why = [a1.sentence, a2.sentence, b1t.passes ? b1p.sentence : b1t.sentence, b2.sentence];
  return { eccn: null, outcome: 'not-controlled', nacEligible: false, reasons: why, margins, undecided: [] };
}

/** Whether a 3A090 licence requirement reaches this destination/consignee (§742.6(a)(6)(iii)). */
export function advancedComputingLicenceApplies(ctx: RuleContext): { applies: boolean; why: string } {
  if (ctx.destination.code === 'US') return { applies: false, why: 'no export: the destination is the United States' };
  if (isAdvancedComputingDestination(ctx.destination)) return { applies: true, why: `${ctx.destination.name} is in D:1/D:4/D:5 (not A:5/A:6) or is Macau` };
  if (ctx.headquarters && isD5OrMacau(ctx.headquarters)) return { applies: true, why: `the consignee is headquartered in ${ctx.headquarters.name} (D:5/Macau): licence required worldwide` };
  const dflt = ctx.destination.defaulted ? ' (country groups not modeled for this code; assumed outside D:1/D:4/D:5)' : '';
  return { applies: false, why: `${ctx.destination.name} is not a 3A090 destination${dflt}` };
}

/** NAC/ACA availability for a NAC-eligible item at this date and destination. */
export function nacOrAca(ctx: RuleContext): string[] {
  const d5 = isD5OrMacau(ctx.destination) || (ctx.headquarters !== null && isD5OrMacau(ctx.headquarters));
  if (ctx.date < US_2023_10.acaFrom) return [d5 ? 'NAC (25-day notification)' : 'NAC'];
  return [d5 ? 'NAC (25-day notification)' : 'ACA'];
}

function evaluate(m: ChipMetrics, ctx: RuleContext) {
  const p = params2023(m);
  const lic = advancedComputingLicenceApplies(ctx);
  const controlled = p.outcome === 'controlled';
  return {
    eccn: p.eccn,
    outcome: p.outcome,
    licenseExceptions: controlled && p.nacEligible && lic.applies ? nacOrAca(ctx) : [],
    licenceRequired: licenceRequired(p.outcome, lic.applies),
    reasons: [...p.reasons, ...(controlled ? [lic.why] : p.outcome === 'undetermined' ? [`if controlled: ${lic.why}`] : [])],
    margins: p.margins,
    undecided: p.undecided,
  };
}

export const us202310 = {
  id: 'us-2023-10',
  title: 'AC/S IFR: 3A090.a/.b by TPP and performance density',
  citation: '88 FR 73458 (FR Doc 2023-23055); NAC/ACA split: 89 FR 23876 (FR Doc 2024-07004)',
  url: 'https://www.federalregister.gov/documents/2023/10/25/2023-23055/implementation-of-additional-export-controls-certain-advanced-computing-items-supercomputer-and',
  effective: '2023-11-17',
  ended: null,
  destinations: 'D:1, D:4, D:5 not also A:5/A:6, plus Macau; worldwide for consignees headquartered in D:5/Macau',
  thresholds: [
    '3A090.a.1: TPP >= 4800',
    '3A090.a.2: TPP >= 1600 and PD >= 5.92',
    '3A090.b.1: 2400 <= TPP < 4800 and 1.6 <= PD < 5.92 (NAC/ACA)',
    '3A090.b.2: TPP >= 1600 and 3.2 <= PD < 5.92 (NAC/ACA)',
    'Note 2: non-datacenter ICs with TPP < 4800 are not 3A090; with TPP >= 4800 they are 3A090.a, NAC-eligible',
  ],
  evaluate,
} as const satisfies Rule;
