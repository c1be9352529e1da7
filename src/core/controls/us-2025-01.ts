/**
 * us-2025-01: "Framework for Artificial Intelligence Diffusion", 90 FR 4544 (FR Doc 2025-00636),
 * effective Jan 13 2025 (compliance May 15 2025). BIS initiated rescission and stopped enforcing
 * it on May 13 2025; it is kept here, marked rescinded from that date, for what-if scenarios.
 * - Worldwide licence requirement for 3A090.a / 4A090.a (and .z) items; 3A090 parameters unchanged.
 * - Tier 1 (US + 18): License Exception AIA. Tier 3 (D:5 + Macau): barred. Tier 2: capped.
 * - Tier-2 country allocation 790,000,000 TPP cumulative 2025-2027; License Exception LPP
 *   26,900,000 TPP per ultimate consignee per calendar year (reference controls.md §2.4 [S]).
 * - ECCN 4E091: closed weights of models trained with >= 10^26 operations.
 */
import { params2023, nacOrAca } from './us-2023-10.js';
import { num } from './margin.js';
import type { ChipMetrics, Rule, RuleContext } from './types.js';

/** Quantities of 90 FR 4544. */
export const US_2025_01 = {
  /** Tier-2 country allocation, TPP, cumulative 2025-2027. */
  tier2CountryCapTpp: 790_000_000,
  /** License Exception LPP, TPP per ultimate consignee per calendar year. */
  lppPerConsigneeTpp: 26_900_000,
  /** ECCN 4E091: training operations at or above which closed model weights are controlled. */
  modelWeightsOps: 1e26,
  /** Date BIS announced rescission and non-enforcement. */
  rescinded: '2025-05-13',
} as const;

/**
 * ECCN 4E091 (90 FR 4544): weights of a model trained with >= 10^26 operations are controlled
 * unless published (§734.7). The moving floor (models below the most capable open-weights
 * model are excluded) is not modeled.
 */
export function modelWeightsControlled(trainingOps: number, opts: { published: boolean }): { eccn: '4E091' | null; reason: string } {
  if (opts.published) return { eccn: null, reason: 'published weights (§734.7) are not 4E091' };
  const hit = trainingOps >= US_2025_01.modelWeightsOps;
  return { eccn: hit ? '4E091' : null, reason: `training compute ${trainingOps.toExponential(2)} ops ${hit ? '>=' : '<'} 1e26` };
}

function evaluate(m: ChipMetrics, ctx: RuleContext) {
  const p = params2023(m);
  const tier = ctx.destination.tier;
  const reasons = [...p.reasons];
  let licenceRequired: boolean | null = null;
  let exceptions: string[] = [];
  if (p.outcome === 'controlled') {
    const isA = p.eccn?.startsWith('3A090.a') ?? false;
    if (ctx.destination.code === 'US') {
      licenceRequired = false;
      reasons.push('no export: the destination is the United States');
    } else if (isA && !p.nacEligible) {
      licenceRequired = true;
      if (tier === 1) exceptions = ['AIA'];
      else if (tier === 2) exceptions = ['LPP'];
      const units = m.tpp ? Math.floor(US_2025_01.lppPerConsigneeTpp / m.tpp) : null;
      const cap = m.tpp ? Math.floor(US_2025_01.tier2CountryCapTpp / m.tpp) : null;
      reasons.push(
        tier === 1
          ? `${ctx.destination.name} is Tier 1: License Exception AIA, no cap`
          : tier === 2
            ? `${ctx.destination.name} is Tier 2${ctx.destination.defaulted ? ' (default for codes not modeled)' : ''}: LPP allows ${num(units ?? 0)} units per consignee per year (26,900,000 TPP); licences count against the 790,000,000 TPP country cap (${num(cap ?? 0)} units, 2025-2027)`
            : `${ctx.destination.name} is Tier 3: presumption of denial`,
      );
    } else {
      // 3A090.b and non-datacenter .a keep their 2023 treatment (NAC/ACA) in this model.
      licenceRequired = tier !== 1;
      exceptions = tier === 1 ? ['AIA'] : tier === 3 ? [] : nacOrAca(ctx);
      reasons.push(`NAC/ACA-eligible item; ${ctx.destination.name} is Tier ${tier}`);
    }
  } else if (p.outcome === 'not-controlled') {
    licenceRequired = false;
  }
  if (ctx.date >= US_2025_01.rescinded) reasons.push('rescinded: not enforced since 2025-05-13 (shown for what-if use)');
  return { eccn: p.eccn, outcome: p.outcome, licenseExceptions: exceptions, licenceRequired, reasons, margins: p.margins, undecided: p.undecided };
}

export const us202501 = {
  id: 'us-2025-01',
  title: 'AI Diffusion framework: tiers, LPP, country caps, 4E091',
  citation: '90 FR 4544 (FR Doc 2025-00636)',
  url: 'https://www.federalregister.gov/documents/2025/01/15/2025-00636/framework-for-artificial-intelligence-diffusion',
  effective: '2025-01-13',
  ended: { date: US_2025_01.rescinded, how: 'rescinded', by: 'BIS rescission announcement (not enforced)' },
  destinations: 'worldwide; Tier 1 = US + 18 (AIA), Tier 3 = D:5 + Macau (barred), Tier 2 = the rest (capped)',
  thresholds: [
    'worldwide licence for 3A090.a (parameters as us-2023-10)',
    'LPP: 26,900,000 TPP per ultimate consignee per calendar year',
    'Tier-2 country cap: 790,000,000 TPP, 2025-2027',
    '4E091: closed model weights trained with >= 1e26 operations',
  ],
  evaluate,
} as const satisfies Rule;
