/**
 * Training-compute estimators with stated methods and ranges (issue #10 item 3). The catalog
 * stores one figure per model (published, Epoch AI's, or 6ND); these functions recompute the
 * ranges and the independent cross-checks so that every number on screen says how it was made.
 */
import type { Chip } from '../catalog/schemas.js';
import type { ComputeMethod, EpochConfidence, RaceEntry } from './schema.js';

/**
 * Multiplicative half-width of the plausible range for an Epoch AI estimate, by its confidence
 * label. Confident 2x and Speculative 10x: a judgement of the project's curated race notes (2025;
 * not shipped in this repository, quoted here): "A 'Confident' Epoch 6ND estimate ... usually
 * within about 2x ... A 'Speculative' one can be off by 10x" (labels: https://epoch.ai/data/notable-ai-models). Likely 3x is our interpolation between the two (an assumption, not Epoch's).
 * Entries whose source states its own interval (GPT-4's 90% CI, GLM-4's ±1 order of magnitude)
 * store that interval instead, with `rangeBasis` saying so.
 */
export const epochRangeFactor = { Confident: 2, Likely: 3, Speculative: 10 } as const satisfies Record<EpochConfidence, number>;

/**
 * Multiplicative half-width for a 6·N·D estimate: 6ND counts forward+backward matmul FLOPs only
 * (Kaplan et al. 2020, arXiv 2001.08361, Sec. 2.1, Table 1) and omits attention FLOPs,
 * post-training and failed runs; race.md puts such estimates "usually within about 2x".
 */
export const sixNdRangeFactor = 2;

/**
 * Model-FLOPs utilization assumed for the GPU-hours method, as a fraction of the chip's dense
 * BF16 peak. central 0.38 and high 0.43: Llama 3 405B on 16K / 8K H100, BF16 MFU 38-43%
 * (Dubey et al. 2024, arXiv 2407.21783, Sec. 3.3.2, Table 4). low 0.25: our assumption for a
 * whole-run average that includes restarts, evaluation and stragglers (published GPU-hours are
 * whole-run totals).
 */
export const gpuHoursUtilization = { low: 0.25, central: 0.38, high: 0.43 } as const;

/** One training-compute figure with its range and method. */
export interface ComputeEstimate {
  /** Which estimator. */
  readonly methodKind: ComputeMethod;
  /** Central value, FLOP. */
  readonly flop: number;
  /** Low end, FLOP. */
  readonly low: number;
  /** High end, FLOP. */
  readonly high: number;
  /** The method with its inputs, in words. */
  readonly method: string;
  /** Where the range comes from. */
  readonly rangeBasis: string;
  /** 'lower' when `flop` is only a lower bound (catalog figures of post-training updates); absent = a point estimate. */
  readonly bound?: 'point' | 'lower';
}

const e3 = (v: number) => v.toPrecision(3);

/** 6 × active parameters × tokens (Kaplan et al. 2020, Sec. 2.1: C ≈ 6ND), range ×/÷ sixNdRangeFactor. */
export function sixND(activeParams: number, tokens: number): ComputeEstimate {
  const flop = 6 * activeParams * tokens;
  return {
    methodKind: 'six-nd',
    flop,
    low: flop / sixNdRangeFactor,
    high: flop * sixNdRangeFactor,
    method: `6 x ${e3(activeParams / 1e9)}B active x ${e3(tokens / 1e12)}T tokens`,
    rangeBasis: `x/÷${sixNdRangeFactor}: 6ND omits attention FLOPs, post-training and failed runs`,
  };
}

/**
 * Accelerator-hours × 3600 s × dense BF16 peak × utilization (the "hardware" method Epoch AI
 * uses alongside 6ND). Range spans `gpuHoursUtilization` low..high.
 */
export function fromGpuHours(gpuHours: number, peakBf16Tflops: number, chipName: string): ComputeEstimate {
  const at = (u: number) => gpuHours * 3600 * peakBf16Tflops * 1e12 * u;
  const u = gpuHoursUtilization;
  return {
    methodKind: 'gpu-hours',
    flop: at(u.central),
    low: at(u.low),
    high: at(u.high),
    method: `${e3(gpuHours / 1e6)}M ${chipName} hours x ${peakBf16Tflops} TFLOPS BF16 peak x ${u.central} utilization`,
    rangeBasis: `utilization ${u.low}-${u.high} (Llama 3 paper Table 4 for the top; whole-run average assumed for the bottom)`,
  };
}

/** The range an Epoch AI estimate gets from its confidence label. */
export function epochRange(flop: number, confidence: EpochConfidence): { low: number; high: number } {
  const k = epochRangeFactor[confidence];
  return { low: flop / k, high: flop * k };
}

/** The catalog figure plus every independent estimate the entry's public inputs allow. */
export interface ComputeCrossCheck {
  /** Race entry id. */
  readonly id: string;
  /** The figure the catalog uses (null when none). */
  readonly catalog: ComputeEstimate | null;
  /** 6ND from the entry's active parameters and tokens, when both are public. */
  readonly sixND: ComputeEstimate | null;
  /** From published accelerator-hours and the chip's BF16 peak, when both are known and the hours cover pre-training. */
  readonly gpuHours: ComputeEstimate | null;
  /** Why a cross-check is missing or not comparable. */
  readonly notes: readonly string[];
}

/** Recomputes the estimates for one entry. `chip` is the catalog chip of `entry.chips.chip`, if any. */
export function computeCrossCheck(entry: RaceEntry, chip: Chip | null): ComputeCrossCheck {
  const notes: string[] = [];
  const c = entry.trainingCompute;
  const catalog: ComputeEstimate | null = c ? { methodKind: c.methodKind, flop: c.flop, low: c.low, high: c.high, method: c.method, rangeBasis: c.rangeBasis, ...(c.bound ? { bound: c.bound } : {}) } : null;
  let six: ComputeEstimate | null = null;
  if (entry.params.activeB && entry.trainingTokens) six = sixND(entry.params.activeB * 1e9, entry.trainingTokens);
  else notes.push('6ND: active parameters or tokens not public');
  let hours: ComputeEstimate | null = null;
  const ch = entry.chips;
  if (ch?.gpuHours && /RL|post-training stage only/i.test(ch.scope)) notes.push(`GPU-hours cover only: ${ch.scope}`);
  else if (ch?.gpuHours && chip?.tflops.bf16) hours = fromGpuHours(ch.gpuHours, chip.tflops.bf16, chip.name);
  else if (ch?.gpuHours) notes.push(`GPU-hours: BF16 peak of chip '${ch.chip ?? ch.described}' not in the catalog`);
  else notes.push('GPU-hours: not published');
  return { id: entry.id, catalog, sixND: six, gpuHours: hours, notes };
}
