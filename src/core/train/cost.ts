/**
 * Days, accelerator-hours, dollars and energy to train a token budget at the predicted rate.
 * Assumptions are returned with the numbers (and documented in docs/training-model.md).
 */
import type { Chip } from '../catalog/schemas.js';
import { goodput } from './calibration.js';
import type { TrainCost } from './types.js';

/** Average board power during training as a fraction of TDP (large-scale training runs near, not at, TDP). */
export const powerUtilization = 0.8;
/** Power usage effectiveness of the facility (typical modern hyperscale data center). */
export const pue = 1.2;
/** Years over which a purchased accelerator is amortized. */
export const amortizationYears = 4;

/** Cost of training `tokens` at `tokensPerSecond` on `gpus` accelerators of `chip`. */
export function trainCost(chip: Chip, gpus: number, tokens: number, tokensPerSecond: number): TrainCost {
  const seconds = tokens / (tokensPerSecond * goodput);
  const days = seconds / 86400;
  const gpuHours = (gpus * seconds) / 3600;
  let costUsd: number | null = null;
  let costBasis = 'no rental or purchase price in the chip entry';
  if (chip.rentalUsdPerHour) {
    costUsd = gpuHours * chip.rentalUsdPerHour;
    costBasis = `rental at $${chip.rentalUsdPerHour}/accelerator-hour`;
  } else if (chip.priceUsd) {
    const perHour = chip.priceUsd / (amortizationYears * 365 * 24);
    costUsd = gpuHours * perHour;
    costBasis = `purchase price $${chip.priceUsd} amortized over ${amortizationYears} years ($${perHour.toFixed(3)}/accelerator-hour; accelerator only)`;
  }
  const energyMWh = chip.tdpW ? (chip.tdpW * powerUtilization * pue * gpuHours) / 1e6 : null;
  return {
    tokens,
    days,
    gpuHours,
    costUsd,
    costBasis,
    energyMWh,
    assumptions: [
      `goodput ${goodput}: whole-run average throughput is ${Math.round(goodput * 100)}% of steady state (restarts, evaluation, checkpoints; Llama 3 405B 34.5% vs 41% MFU)`,
      `energy = TDP × ${powerUtilization} average utilization × PUE ${pue} × accelerator-hours (accelerators only; hosts and network in the PUE)`,
    ],
  };
}
