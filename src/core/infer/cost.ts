/**
 * Serving cost and energy. Price: the chip's rental price per accelerator-hour; without one, the
 * purchase price amortized over 4 years of continuous use (a common depreciation schedule;
 * SemiAnalysis TCO models use 4-5 years), stated in the notes. Energy: board power (TDP) for the
 * time the tokens take, an upper bound (serving rarely holds TDP).
 */
import type { Chip } from '../catalog/schemas.js';

/** Hours of amortization for a purchase price. */
export const amortizationHours = 4 * 365 * 24;

/** USD per accelerator-hour and where it comes from, or null. */
export function gpuHourPrice(chip: Chip): { usd: number; basis: 'rental' | 'purchase' } | null {
  if (chip.rentalUsdPerHour) return { usd: chip.rentalUsdPerHour, basis: 'rental' };
  if (chip.priceUsd) return { usd: chip.priceUsd / amortizationHours, basis: 'purchase' };
  return null;
}

/** USD per million tokens when `gpus` accelerators spend `seconds` on `tokens` tokens. */
export function usdPerMillion(usdPerGpuHour: number, gpus: number, seconds: number, tokens: number): number {
  return tokens > 0 ? ((usdPerGpuHour * gpus * seconds) / 3600 / tokens) * 1e6 : Number.POSITIVE_INFINITY;
}
