/**
 * Fleet caps under the AI Diffusion framework (us-2025-01, 90 FR 4544): how many units of a chip
 * fit License Exception LPP (26,900,000 TPP per ultimate consignee per calendar year) and the
 * Tier-2 country allocation (790,000,000 TPP, cumulative 2025-2027). Only 3A090.a items that are
 * not NAC-eligible count (the worldwide licence requirement covered 3A090.a; .b kept NAC/ACA):
 * a simplification documented in docs/controls.md. The rule is rescinded (not enforced since
 * 2025-05-13); scenarios use these numbers as what-ifs.
 */
import type { Chip } from '../catalog/schemas.js';
import { num } from './margin.js';
import { chipMetrics, DEFAULT_TPP_SETTINGS } from './metrics.js';
import { params2023 } from './us-2023-10.js';
import { US_2025_01 } from './us-2025-01.js';
import type { TppSettings } from './types.js';

/** One allowance: how many units fit, with the arithmetic. */
export interface Allowance {
  /** Allowance size, TPP. */
  readonly capTpp: number;
  /** Period the cap covers, in words. */
  readonly period: string;
  /** Whole units that fit (floor), or null when unlimited / not applicable. */
  readonly units: number | null;
  /** The arithmetic, e.g. "26,900,000 / 15,832 = 1,699.1 -> 1,699 units". */
  readonly arithmetic: string;
}

/** Result of fleetCap. */
export interface FleetCap {
  /** Rule used. */
  readonly rule: 'us-2025-01';
  /** Chip id. */
  readonly chipId: string;
  /** TPP per unit, or null. */
  readonly tpp: number | null;
  /** 3A090 paragraph under us-2023-10 parameters, or null. */
  readonly eccn: string | null;
  /** Destination tier. */
  readonly tier: 1 | 2 | 3;
  /** Per ultimate consignee per calendar year (License Exception LPP). */
  readonly perConsigneePerYear: Allowance;
  /** Per Tier-2 country, 2025-2027 cumulative (licences). */
  readonly tier2Country: Allowance;
  /** Why the numbers are what they are. */
  readonly notes: readonly string[];
}

function fit(capTpp: number, tpp: number, period: string): Allowance {
  const units = Math.floor(capTpp / tpp);
  return { capTpp, period, units, arithmetic: `${num(capTpp)} / ${num(tpp)} = ${num(capTpp / tpp)} -> ${num(units)} units` };
}

function fixed(capTpp: number, period: string, units: number | null, why: string): Allowance {
  return { capTpp, period, units, arithmetic: why };
}

/** How many units of `chip` a consignee or a Tier-2 country may receive under us-2025-01. */
export function fleetCap(chip: Chip, opts: { rule: 'us-2025-01'; tier: 1 | 2 | 3; settings?: Partial<TppSettings> }): FleetCap {
  const m = chipMetrics(chip, { ...DEFAULT_TPP_SETTINGS, ...opts.settings });
  const p = params2023(m);
  const lpp = US_2025_01.lppPerConsigneeTpp;
  const cap = US_2025_01.tier2CountryCapTpp;
  const base = { rule: opts.rule, chipId: chip.id, tpp: m.tpp, eccn: p.eccn, tier: opts.tier };
  const L = 'per consignee per calendar year';
  const C = 'per Tier-2 country, 2025-2027 cumulative';
  const counted = p.outcome === 'controlled' && (p.eccn?.startsWith('3A090.a') ?? false) && !p.nacEligible;
  if (p.outcome === 'undetermined' || m.tpp === null) {
    const why = `undetermined: ${p.undecided.join('; ') || 'TPP unknown'}`;
    return { ...base, perConsigneePerYear: fixed(lpp, L, null, why), tier2Country: fixed(cap, C, null, why), notes: [why] };
  }
  if (!counted) {
    const why = p.eccn ? `${p.eccn} (NAC/ACA-eligible) is not counted against the caps` : 'not 3A090: not counted against the caps';
    return { ...base, perConsigneePerYear: fixed(lpp, L, null, why), tier2Country: fixed(cap, C, null, why), notes: [why] };
  }
  const notes = ['us-2025-01 is rescinded (not enforced since 2025-05-13): what-if numbers'];
  if (opts.tier === 1) {
    const why = 'Tier 1: License Exception AIA, no cap';
    return { ...base, perConsigneePerYear: fixed(lpp, L, null, why), tier2Country: fixed(cap, C, null, why), notes: [...notes, why] };
  }
  if (opts.tier === 3) {
    const why = 'Tier 3: presumption of denial, no allowance';
    return { ...base, perConsigneePerYear: fixed(lpp, L, 0, why), tier2Country: fixed(cap, C, 0, why), notes: [...notes, why] };
  }
  return { ...base, perConsigneePerYear: fit(lpp, m.tpp, L), tier2Country: fit(cap, m.tpp, C), notes };
}
