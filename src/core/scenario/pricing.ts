/**
 * What an accelerator-hour of a pool costs, by how it was acquired. Rented: the pool's rate or
 * the catalog's rental price. Purchased: the purchase price amortized over 4 years of
 * continuous use (train/cost.ts, infer/cost.ts use the same schedule). Owned or stockpiled: the
 * capital is already spent, so the cost shown is the same amortized price (the value used up),
 * unless the file gives an internal rate. Accelerator only: hosts, network, power and staff are
 * not included (stated in every report).
 */
import type { Chip } from '../catalog/schemas.js';
import { amortizationYears } from '../train/cost.js';
import type { Pool } from './schema.js';

/** A pool's accelerator-hour price. */
export interface PoolRate {
  /** USD per accelerator-hour, or null when neither a price nor a rate is known. */
  readonly usdPerGpuHour: number | null;
  /** How it was obtained, in words. */
  readonly basis: string;
}

const HOURS = amortizationYears * 365 * 24;

/** The accelerator-hour price of a pool. */
export function poolRate(pool: Pool, chip: Chip): PoolRate {
  if (pool.acquired === 'rented') {
    const r = pool.usdPerHour ?? chip.rentalUsdPerHour ?? null;
    if (r === null) return { usdPerGpuHour: null, basis: `no rental rate for ${chip.id} (give usdPerHour)` };
    return { usdPerGpuHour: r, basis: `rented at $${r}/GPU-hour${pool.usdPerHour ? '' : ' (catalog estimate)'}` };
  }
  if (pool.usdPerHour !== undefined) return { usdPerGpuHour: pool.usdPerHour, basis: `internal rate $${pool.usdPerHour}/GPU-hour (from the file)` };
  const price = pool.priceUsd ?? chip.priceUsd ?? null;
  if (price === null) return { usdPerGpuHour: null, basis: `no purchase price for ${chip.id} (give priceUsd)` };
  const src = pool.priceUsd ? 'from the file' : 'catalog price';
  const held = pool.acquired === 'purchased' ? 'bought' : 'already owned; capital spent, shown as value used up';
  return { usdPerGpuHour: price / HOURS, basis: `$${Math.round(price).toLocaleString('en-US')} per accelerator (${src}; ${held}) amortized over ${amortizationYears} years = $${(price / HOURS).toFixed(3)}/GPU-hour` };
}

/** The chip with the pool's price written in as its rental rate, so the core models cost it at the pool's rate. */
export function pricedChip(chip: Chip, rate: PoolRate): Chip {
  return rate.usdPerGpuHour === null ? chip : { ...chip, rentalUsdPerHour: rate.usdPerGpuHour };
}
