/**
 * Achievable fractions of a chip's peak that the serving model uses: the only tuned numbers of the
 * serving model, one set per chip family, never per published point. Each value is a measurement
 * from data/calibration/calibration.md (section cited per family; public sources listed there); values marked "estimate"
 * have no measurement and follow the nearest measured family.
 */
import type { Chip } from '../catalog/schemas.js';

/** Achievable efficiencies of one chip family in inference kernels. */
export interface ServingEfficiency {
  /** Family name, for display. */
  readonly family: string;
  /** Large BF16/FP16 GEMM, fraction of dense BF16 peak. */
  readonly gemm: number;
  /** Large FP8/INT8 GEMM, fraction of dense FP8 peak. */
  readonly gemmFp8: number;
  /** Large FP4 GEMM, fraction of dense FP4 peak. */
  readonly gemmFp4: number;
  /** Achieved HBM bandwidth when streaming weights or KV cache, fraction of spec. */
  readonly memory: number;
  /** Prefill (causal flash) attention, fraction of dense peak at the KV precision. */
  readonly attention: number;
  /** Decode attention when compute-bound (MLA absorbed), fraction of dense peak at the KV precision. */
  readonly decodeAttention: number;
  /** GEMM rows (tokens) at which BF16 compute efficiency is half its asymptote beyond the memory roofline. */
  readonly gemmHalfM: number;
  /** Same for FP8/FP4 GEMMs (block scaling and wider tiles need more rows). */
  readonly gemmHalfMFp8: number;
  /** HBM fraction reached by grouped expert GEMMs at decode sizes (few tokens per expert). */
  readonly expertMemory: number;
  /** Measured FP8 grouped (MoE) GEMM asymptote, fraction of dense FP8 peak; absent = gemmFp8 × expertGemmFactor. */
  readonly groupedGemmFp8?: number;
  /** Latency of one small all-reduce inside a node (one-shot custom all-reduce kernel), seconds. */
  readonly allReduceLatencyS: number;
  /** Scale-up collective bus bandwidth over per-direction link spec. */
  readonly scaleUp: number;
  /** Scale-out achieved NIC rate over line rate. */
  readonly scaleOut: number;
  /** Where the numbers come from. */
  readonly source: string;
}

/*
 * allReduceLatencyS: calibration.md §3.1, NCCL 1 KiB all-reduce on 8 GPUs takes 15.6 µs on H100 and
 * 21.8 µs on A100; the one-shot custom kernels of TensorRT-LLM/vLLM/SGLang take about half: 8 µs
 * Hopper, 11 µs Ampere (AMD, generic: estimates).
 * gemmHalfM: see rowsFactor below.
 */
const families = {
  hopper: {
    family: 'NVIDIA Hopper (H100/H200/H800/GH200)',
    gemm: 0.8,
    gemmFp8: 0.65,
    gemmFp4: 0.65,
    memory: 0.88,
    attention: 0.6,
    decodeAttention: 0.67,
    gemmHalfM: 32,
    gemmHalfMFp8: 128,
    expertMemory: 0.65,
    groupedGemmFp8: 0.67,
    allReduceLatencyS: 8e-6,
    scaleUp: 0.8,
    scaleOut: 0.85,
    source:
      'data/calibration/serving-deepgemm.yaml (DeepGEMM grouped FP8 GEMMs on H800: 61-68% of FP8 peak at 4,096-8,192 rows per group, 41-62% at 256-1,024); calibration.md §1.1 (BF16 MAMF 80%, FP8 cuBLAS 63-70%; DeepGEMM masked grouped decode GEMM on H800 at M = 64: 1.7-2.7 of 3.35 TB/s), §1.2 (efficiency vs M), §4 (HBM 86-92%, decode attention 91%), §2 (FA-3 causal hd128 fwd 62%; FlashMLA compute-bound 660 of 989 TFLOPS), §3.1 (ring 370 of 450 GB/s), §3.2 (CX7 ~43-50 of 50 GB/s)',
  },
  h20: {
    family: 'NVIDIA H20 (compute-capped Hopper)',
    gemm: 0.95,
    gemmFp8: 0.95,
    gemmFp4: 0.95,
    memory: 0.78,
    attention: 0.7,
    decodeAttention: 0.7,
    gemmHalfM: 8,
    gemmHalfMFp8: 16,
    expertMemory: 0.47,
    allReduceLatencyS: 8e-6,
    scaleUp: 0.8,
    scaleOut: 0.85,
    source:
      'calibration.md §5 (GEMM 139-143 of 148 and 281-286 of 296 TFLOPS, saturated from M ≈ 64; DeepGEMM masked grouped decode GEMM 1.7-1.9 of 4.0 TB/s; context attention 73%; H20-3e GEMV 76-80% of HBM; DeepEP NVL 205 GB/s)',
  },
  ampere: {
    family: 'NVIDIA Ampere (A100/A800)',
    gemm: 0.8,
    gemmFp8: 0.8,
    gemmFp4: 0.8,
    memory: 0.82,
    attention: 0.55,
    decodeAttention: 0.5,
    gemmHalfM: 32,
    gemmHalfMFp8: 32,
    expertMemory: 0.6,
    allReduceLatencyS: 11e-6,
    scaleUp: 0.77,
    scaleOut: 0.8,
    source: 'calibration.md §1.1 (cuBLAS 81-82%), §4 (STREAM/GEMV 79-85%), §2 (FA-2 fwd ~60%), §3.1 (AR 230 of 300 GB/s); grouped-expert HBM: estimate',
  },
  blackwell: {
    family: 'NVIDIA Blackwell (estimate: Hopper curves)',
    gemm: 0.75,
    gemmFp8: 0.65,
    gemmFp4: 0.5,
    memory: 0.85,
    attention: 0.55,
    decodeAttention: 0.6,
    gemmHalfM: 32,
    gemmHalfMFp8: 128,
    expertMemory: 0.6,
    allReduceLatencyS: 8e-6,
    scaleUp: 0.8,
    scaleOut: 0.85,
    source:
      'estimate: no Blackwell measurement in calibration.md; Hopper values, slightly lower for the newer kernels, except FP4 GEMM 0.5, fitted on the TensorRT-LLM v1 B200/GB200 dense rows of data/serving (one value for the family)',
  },
  cdna3: {
    family: 'AMD CDNA 3 (MI300X/MI325X/MI308X)',
    gemm: 0.5,
    gemmFp8: 0.38,
    gemmFp4: 0.38,
    memory: 0.8,
    attention: 0.4,
    decodeAttention: 0.4,
    gemmHalfM: 64,
    gemmHalfMFp8: 128,
    expertMemory: 0.5,
    allReduceLatencyS: 12e-6,
    scaleUp: 0.7,
    scaleOut: 0.8,
    source:
      'not in calibration.md: SemiAnalysis "MI300X vs H100 vs H200 Benchmark Part 1: Training" (2024-12-22), GEMM section: MI300X BF16 ≈ 620-650 of 1,307 TFLOPS, FP8 ≈ 990 of 2,615; HBM, attention and links: generic estimates',
  },
  generic: {
    family: 'generic (no measurements)',
    gemm: 0.7,
    gemmFp8: 0.55,
    gemmFp4: 0.5,
    memory: 0.8,
    attention: 0.45,
    decodeAttention: 0.45,
    gemmHalfM: 32,
    gemmHalfMFp8: 128,
    expertMemory: 0.55,
    allReduceLatencyS: 10e-6,
    scaleUp: 0.75,
    scaleOut: 0.8,
    source: 'estimate: the lower end of the measured NVIDIA curves (calibration.md §0), for chips without measurements',
  },
} as const satisfies Record<string, ServingEfficiency>;

/** Family key. */
export type ServingFamily = keyof typeof families;

/** The family of a chip from its id, name and architecture. */
export function servingFamilyOf(chip: Chip): ServingFamily {
  const text = `${chip.id} ${chip.name} ${chip.architecture ?? ''}`.toLowerCase();
  if (/\bh20\b|nvidia-h20(?!0)/.test(text)) return 'h20';
  if (/hopper|h100|h800|h200|gh200/.test(text)) return 'hopper';
  if (/ampere|a100|a800/.test(text)) return 'ampere';
  if (/blackwell|b200|gb200|b300/.test(text)) return 'blackwell';
  if (/cdna ?3|mi300|mi308|mi325/.test(text)) return 'cdna3';
  return 'generic';
}

/** The serving efficiencies of a chip. */
export function servingEfficiency(chip: Chip): ServingEfficiency {
  return families[servingFamilyOf(chip)];
}

/**
 * GEMM compute efficiency at M rows: asymptote × M / (M + halfM). Fitted to calibration.md §1.2
 * (H100, N = K = 8192, with the roofline blend below): FP8 37% at M = 256, 51% at 512, 59% at 1024
 * against a 62-65% asymptote → halfM ≈ 128; BF16 62%/77%/73% against 80% → halfM ≈ 32;
 * H20 reaches 83-92% from M = 64 → halfM ≈ 8-16.
 */
export function rowsFactor(m: number, halfM: number): number {
  return m / (m + halfM);
}

/**
 * Imperfect overlap of memory traffic and math inside one kernel: t = max(tc, tm) + k·min(tc, tm).
 * k = 0.3 reproduces the H100 BF16 GEMM curve at N = K = 8192 (calibration.md §1.2: M = 64 → 170
 * TFLOPS, M = 256 → 609, M = 1024 → 721; pure max() would give 190, 760, 790).
 */
export const rooflineBlend = 0.3;

/**
 * Launch, ramp and tail of one kernel under CUDA graphs, seconds. calibration.md §4: weight reads of
 * 4-16 MB reach only 1.0-1.9 of 3.35 TB/s on H100, i.e. a fixed ≈ 3 µs per kernel; with the
 * launch gap ≈ 4 µs. Reproduces batch-1..8 decode of Llama-3.1-8B (TRT-LLM v0.14 ITL 5-8 ms).
 */
export const kernelOverheadS = 4e-6;
/** Kernels per transformer layer: norm, QKV, RoPE + KV append, attention, output projection, residual + norm, gate/up, activation, down, residual. */
export const kernelsPerDenseLayer = 10;
/** Extra kernels of an MLA layer: q down-projection + norm, kv down-projection + norm, the two absorbed batched matmuls (DeepSeek-V2 §2.1). */
export const extraKernelsMla = 6;
/** Extra kernels of an MoE layer: router GEMM, top-k, permute, unpermute/reduce, shared-expert GEMMs and activation. */
export const extraKernelsMoe = 8;

/**
 * Host work per engine iteration (scheduling, sampling, output processing), seconds, not hidden by
 * CUDA graphs, when no engine profile is given (engine profiles carry their own: engines.ts). Chosen against the published points as a whole: batch-1..16 decode of TensorRT-LLM
 * v0.14 and vLLM is 10-20% slower than the kernels alone (docs/serving.md §1.5).
 */
export const iterationOverheadS = 1e-3;

/**
 * Per-sequence cost of decode attention per layer, seconds: paged-KV block tables, split-KV
 * reduction and the tail of short sequences (one thread-block group per sequence and head).
 * Chosen against the published large-batch decode points as a whole (docs/serving.md §1.5).
 */
export const sequenceLayerS = 0.3e-6;

/**
 * Two-micro-batch overlap of EP communication with compute is partial: t = max(c, m) + k·min(c, m).
 * SGLang's large-scale EP deployment (lmsys.org blog, 2025-05-05, "two-batch overlap") reports
 * 27-35% higher throughput with TBO than without, where compute and communication are of similar
 * size: (c + m)/1.3 ≈ max + 0.5·min.
 */
export const overlapBlend = 0.5;

/** Grouped expert GEMM compute relative to a dense GEMM of the same precision: DeepGEMM grouped contiguous 61-68% and masked 41-62% of FP8 peak vs 69-77% dense (calibration.md §1.1). */
export const expertGemmFactor = 0.8;

/** Latency of one small all-reduce across nodes, seconds. calibration.md §3.2: 2-node NVLSTree floor ≈ 46 µs, 16-node 62-75 µs. */
export const allReduceInterNodeLatencyS = 46e-6;
/** Latency of one expert-parallel dispatch or combine, seconds. calibration.md §3.2: DeepEP low-latency EP8 over NVLink 77 µs dispatch / 114 µs combine at 128 tokens (bandwidth included); floor taken as 25 µs. */
export const allToAllLatencyS = 25e-6;
/** Latency of one pipeline hop, seconds (NCCL Ring-Simple base 8.4 µs + NVLink hop; formulas.md §3.6). */
export const p2pLatencyS = 12e-6;
