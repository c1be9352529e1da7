/**
 * Per-chip-family achievable efficiencies: the only tuned numbers of the training model.
 * Priors are measurements from data/calibration/calibration.md (sections cited per
 * field); `gemm` and `gemmFp8` were then fitted on the catalog's published runs
 * (docs/training-model.md, "Calibration"): one value per chip family, never per run —
 * Ampere 0.70, Hopper 0.61 (FP8 0.52; refitted with NeMo TP overlap modelled, framework profiles), TPU 0.64 (fit.ts fitReport). Chips without measurements
 * or runs fall back to the generic curve.
 */
import type { Chip } from '../catalog/schemas.js';

/** Achievable efficiencies of one chip family. */
export interface ChipCalibration {
  /** Family name, for display. */
  readonly family: string;
  /** Large BF16 GEMM throughput in sustained training, fraction of dense BF16 peak (asymptote at large M, N, K). */
  readonly gemm: number;
  /** Large FP8 GEMM throughput, fraction of dense FP8 peak. */
  readonly gemmFp8: number;
  /** GEMM dimension at which shape losses (tiles, waves, launch) cost half as much as at 0, elements. */
  readonly gemmHalfDim: number;
  /** Flash-attention forward+backward throughput, fraction of dense BF16 peak (causal, seq >= 2k, head dim 128). */
  readonly attention: number;
  /** Achieved HBM bandwidth, fraction of spec (streaming element-wise kernels). */
  readonly memory: number;
  /** Scale-up link efficiency: collective bus bandwidth over per-direction spec. */
  readonly scaleUp: number;
  /** Scale-out efficiency: achieved per-accelerator NIC rate over line rate. */
  readonly scaleOut: number;
  /** α per ring step inside a node, seconds. */
  readonly scaleUpLatencyS: number;
  /** α per ring step across nodes, seconds. */
  readonly scaleOutLatencyS: number;
  /** Where the numbers come from. */
  readonly source: string;
  /** Overrides the global zero3FlatOverlap (only the fit sets it, fit.ts fitZero3FlatOverlap). */
  readonly zero3FlatOverlap?: number;
}

const nvlinkAlpha = 1.5e-6; // calibration.md §3.1: 8-GPU 1 KiB all-reduce 15.6 µs over 14 ring steps (H100).
const ibAlpha = 5e-6; // calibration.md §3.2: 16-node all-reduce floor 62-75 µs; NCCL tuner NET hwLat 9.6 µs/2 per direction.

/** Chips without measurements: the lower end of the measured curves. */
const generic = {
  family: 'generic (no measurements)',
  gemm: 0.7,
  gemmFp8: 0.55,
  gemmHalfDim: 128,
  attention: 0.4,
  memory: 0.8,
  scaleUp: 0.75,
  scaleOut: 0.8,
  scaleUpLatencyS: 2e-6,
  scaleOutLatencyS: ibAlpha,
  source: 'generic: the lower end of the measured NVIDIA curves (calibration.md §0), used for chips without measurements',
} as const satisfies ChipCalibration;

/** Calibrated families (keys are matched by `familyOf`). */
export const calibrations = {
  ampere: {
    family: 'NVIDIA Ampere (A100/A800)',
    gemm: 0.7,
    gemmFp8: 0.8,
    gemmHalfDim: 96,
    attention: 0.5,
    memory: 0.83,
    scaleUp: 0.77,
    scaleOut: 0.8,
    scaleUpLatencyS: nvlinkAlpha,
    scaleOutLatencyS: ibAlpha,
    source:
      'calibration.md §1.1 (cuBLAS 8192³ 254-257 TFLOPS = 81-82%), §2 (FA-2 causal fwd+bwd 155-173 TFLOPS at 1-2k), §4 (STREAM 1.61-1.75 TB/s), §3.1 (AR plateau 230 of 300 GB/s)',
  },
  hopper: {
    family: 'NVIDIA Hopper (H100/H800/H200)',
    gemm: 0.61,
    gemmFp8: 0.52,
    gemmHalfDim: 128,
    attention: 0.5,
    memory: 0.88,
    scaleUp: 0.82,
    scaleOut: 0.85,
    scaleUpLatencyS: nvlinkAlpha,
    scaleOutLatencyS: ibAlpha,
    source:
      'calibration.md §1.1 (MAMF 794 = 80%; FP8 cuBLAS 1290-1382 = 65-70%), §2 (FA-3 causal hd128 fwd 62%, bwd 0.85× fwd), §4 (STREAM 87-95%), §3.1 (ring 370 of 450 GB/s; H800 DeepEP 160 of 200), §3.2 (CX7 IB ~43-50 of 50 GB/s)',
  },
  h20: {
    family: 'NVIDIA H20 (compute-capped Hopper)',
    gemm: 0.95,
    gemmFp8: 0.95,
    gemmHalfDim: 32,
    attention: 0.7,
    memory: 0.78,
    scaleUp: 0.8,
    scaleOut: 0.85,
    scaleUpLatencyS: nvlinkAlpha,
    scaleOutLatencyS: ibAlpha,
    source: 'calibration.md §5 (GEMM 139-143 of 148 TFLOPS from M≈64; context attention 73%; GEMV 76-80% of HBM)',
  },
  ascend: {
    family: 'Huawei Ascend',
    gemm: 0.7,
    gemmFp8: 0.6,
    gemmHalfDim: 128,
    attention: 0.4,
    memory: 0.8,
    scaleUp: 0.7,
    scaleOut: 0.8,
    scaleUpLatencyS: 2e-6,
    scaleOutLatencyS: ibAlpha,
    source: 'calibration.md §5 (910B2 matmul 301-315 of 376 TFLOPS, crowd report flagged for caching: taken lower); no HBM/HCCL data: generic',
  },
  tpu: {
    ...generic,
    family: 'Google TPU (v3/v4)',
    gemm: 0.64,
    source:
      'no public TPU microbenchmarks in calibration.md: the generic priors, with the large-GEMM (MXU) efficiency fitted on the non-held-out TPU runs (Gopher on v3, PaLM on v4; fit.ts)',
  },
  generic,
} as const satisfies Record<string, ChipCalibration>;

/** Calibration family key. */
export type Family = keyof typeof calibrations;

/** The family of a chip, from its architecture, vendor and id. */
export function familyOf(chip: Chip): Family {
  const text = `${chip.id} ${chip.name} ${chip.architecture ?? ''}`.toLowerCase();
  if (/\bh20\b|nvidia-h20(?!\d)/.test(text)) return 'h20'; // not h200
  if (/hopper|h100|h800|h200|gh200/.test(text)) return 'hopper';
  if (/ampere|a100|a800/.test(text)) return 'ampere';
  if (/ascend|huawei/.test(text) || chip.vendor.toLowerCase() === 'huawei') return 'ascend';
  if (/\btpu\b|google-tpu/.test(text)) return 'tpu';
  return 'generic';
}

/** The calibration for a chip. */
export function calibrationFor(chip: Chip): ChipCalibration {
  return calibrations[familyOf(chip)];
}

/**
 * Whole-run average throughput over steady-state throughput (restarts, failures, evaluation,
 * checkpoints, batch ramp-up, slower phases). Used only to compare whole-run averages
 * (GPU-hours per token) and for the days/cost of --tokens. Measured on Llama 3 405B
 * (arXiv 2407.21783): 3.8e25 FLOPs in 30.84M H100-hours = 34.5% average MFU (Table 2 and §3.3)
 * against 41% steady state at 16K GPUs (Table 4): 0.84. One global value, not per run.
 */
export const goodput = 0.84;

/**
 * Fraction of the overlappable data-parallel communication (gradient reduce-scatter during the
 * last backward, parameter all-gather during the first forward) that actually hides behind
 * compute: NCCL kernels take SMs and HBM bandwidth from the overlapped GEMMs, and older
 * frameworks (Megatron-LM 2021, InternEvo) overlap less. Fitted globally (the loss is flat
 * between 0.25 and 0.75; docs/training-model.md).
 */
export const dpOverlap = 0.5;

/**
 * Share of the prefetched (hierarchical, FSDP-style) ZeRO-3 per-layer gathers and gradient
 * reduce-scatters that overlaps the micro-batch's compute (the rest runs in series with it; the
 * flat DeepSpeed style has its own, zero3FlatOverlap). Fitted on the in-summary hierarchical
 * ZeRO-3 runs (OPT-175B, BloombergGPT, PaLM, TinyLlama; mean capped |log error| 0.107 at 0.5,
 * 0.111 at 0.8, 0.094 at 1.0): the catalog holds no run whose prefetch fails to hide, so 1.0
 * (docs/training-model.md §3.2).
 */
export const zero3PrefetchOverlap = 1;

/**
 * Share of the flat-style (DeepSpeed ZeRO-3 before ZeRO++) per-layer gathers and gradient
 * reduce-scatters that overlaps the micro-batch's compute; the rest runs in series with it.
 * DeepSpeed prefetches (stage3_prefetch_bucket_size), but its flat collectives run one rank per
 * NIC over the whole data-parallel group, and a fetch that has not arrived blocks the submodule
 * that needs it. Exposed time per micro-batch = (1 − f)·C + max(0, f·C − compute). Fitted on the
 * only public flat ZeRO-3 runs, the six SC21 Table 2 rows (arXiv 2104.04473; fit.ts
 * fitZero3FlatOverlap, same robust loss as the GEMM fits): loss 0.045 at 0.56, against 0.059 at
 * 0.5 and 0.120 at 1.0, largest row error 10%. The earlier form, which hid f of min(C, compute),
 * fitted 0.69 at loss 0.107 and left the 1,120-GPU row at −20.5% (docs/training-model.md §4).
 */
export const zero3FlatOverlap = 0.56;

/**
 * Share of the compute units that overlapped communication kernels take from the computation they
 * hide behind: DeepSeek-V3 runs its DualPipe all-to-all dispatch/combine kernels on 20 of the
 * H800's 132 SMs (arXiv 2412.19437 §3.2.2), so computation overlapped with them runs ≈ 15% slower.
 * Overlap is not free: hidden communication costs this share of its own duration.
 */
export const overlapSmShare = 20 / 132;

/** Runtime reserve per accelerator (CUDA context, NCCL/communication buffers, allocator slack), bytes. */
export const runtimeReserveBytes = 2.5 * 2 ** 30;
