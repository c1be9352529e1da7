/**
 * Quantity caps on pool sizes: the AI Diffusion framework (us-2025-01, 90 FR 4544) lets a
 * Tier-2 consignee receive 26,900,000 TPP per calendar year under License Exception LPP, and
 * a Tier-2 country 790,000,000 TPP over 2025-2027 by licence; Tier 3 gets nothing. The
 * allowance is in TPP, shared by every capped pool, so pools are served in file order and each
 * is cut to what is left. Only purchased pools count (owned chips are not new exports; rented
 * chips are consigned to the cloud operator). The per-chip arithmetic is controls/allowances.ts.
 */
import type { Chip } from '../catalog/schemas.js';
import { fleetCap } from '../controls/allowances.js';
import { country } from '../controls/countries.js';
import { num } from '../controls/margin.js';
import type { Buyer, Pool } from './schema.js';

/** How an allowance limits one pool. */
export interface PoolCap {
  /** Accelerators asked for. */
  readonly requested: number;
  /** Accelerators the allowance leaves (= requested when no cap applies). */
  readonly granted: number;
  /** Whether the cap cut the pool. */
  readonly binding: boolean;
  /** Which allowance, e.g. 'us-2025-01 LPP (26,900,000 TPP per consignee per calendar year)', or null when none applies. */
  readonly allowance: string | null;
  /** The arithmetic, in words. */
  readonly arithmetic: string | null;
}

/** Caps for every pool (same order). `rules` are the rule ids evaluated for the buyer. */
export function poolCaps(pools: readonly { pool: Pool; chip: Chip }[], buyer: Buyer, rules: readonly string[]): PoolCap[] {
  const none = (p: Pool): PoolCap => ({ requested: p.count, granted: p.count, binding: false, allowance: null, arithmetic: null });
  if (!rules.includes('us-2025-01')) return pools.map(({ pool }) => none(pool));
  const tier = country(buyer.destination).tier;
  const lpp = buyer.allowance === 'lpp';
  let leftTpp: number | null = null;
  return pools.map(({ pool, chip }) => {
    if (pool.acquired !== 'purchased' || pool.whatIf === 'no-controls') return none(pool);
    const cap = fleetCap(chip, { rule: 'us-2025-01', tier });
    const a = lpp ? cap.perConsigneePerYear : cap.tier2Country;
    const name = `us-2025-01 ${lpp ? 'LPP' : 'Tier-2 country allocation'} (${num(a.capTpp)} TPP ${a.period})`;
    if (a.units === null) return { ...none(pool), arithmetic: a.arithmetic };
    if (a.units === 0 || cap.tpp === null) return { requested: pool.count, granted: 0, binding: pool.count > 0, allowance: name, arithmetic: a.arithmetic };
    leftTpp ??= a.capTpp;
    const units = Math.max(0, Math.floor(leftTpp / cap.tpp));
    const granted = Math.min(pool.count, units);
    const before = leftTpp;
    leftTpp -= granted * cap.tpp;
    const shared = before < a.capTpp ? ` (${num(before)} TPP left after earlier pools)` : '';
    return {
      requested: pool.count,
      granted,
      binding: granted < pool.count,
      allowance: name,
      arithmetic: `${num(before)} TPP${shared} / ${num(cap.tpp)} TPP per ${chip.name} = ${num(units)} units; ${granted < pool.count ? `cap binds: ${num(granted)} of ${num(pool.count)}` : `${num(pool.count)} requested fit`}`,
    };
  });
}
