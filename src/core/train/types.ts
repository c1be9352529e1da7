/**
 * The training-model contract shared by the evaluator (train/), the plan search (search/),
 * scenarios and the web app. Owned by train/; search/ codes against it.
 */
import type { Chip, Model, Recompute, Schedule, TrainPrecision } from '../catalog/schemas.js';
import type { FrameworkId } from '../frameworks/profiles.js';

/** A complete parallel plan. Product tp·pp·dp·cp = gpus; ep divides dp·cp·tp (experts carved from those ranks). */
export interface Plan {
  /** Tensor-parallel degree. */
  readonly tp: number;
  /** Pipeline-parallel degree (stages). */
  readonly pp: number;
  /** Data-parallel degree. */
  readonly dp: number;
  /** Context-parallel degree. */
  readonly cp: number;
  /** Expert-parallel degree (1 for dense models). */
  readonly ep: number;
  /**
   * Expert tensor-parallel degree: each routed expert's FFN split over etp ranks, with an
   * all-gather of the dispatched tokens and a reduce-scatter of the outputs inside the expert
   * GEMMs (Megatron-Core --expert-tensor-parallel-size, whose default is TP). Absent = 1 (experts
   * split by EP alone, DeepSeek-V3). ep·etp divides dp·cp·tp.
   */
  readonly etp?: number;
  /** Virtual pipeline stages per device (interleaved schedule; 1 otherwise). */
  readonly vpp: number;
  /** Micro-batch size, sequences. */
  readonly microBatch: number;
  /** Activation recomputation. */
  readonly recompute: Recompute;
  /** ZeRO stage (1 = distributed optimizer). */
  readonly zero: 0 | 1 | 2 | 3;
  /** GEMM input precision. */
  readonly precision: TrainPrecision;
  /** Pipeline schedule. */
  readonly schedule: Schedule;
  /** Megatron sequence parallelism (on by default when tp > 1). */
  readonly sequenceParallel: boolean;
}

/** What to train, where. */
export interface TrainJob {
  readonly model: Model;
  readonly chip: Chip;
  /** Accelerators. */
  readonly gpus: number;
  /** Accelerators per scale-up domain used (placement). Default: the chip's scaleUpDomain (8 when unknown), capped at gpus. */
  readonly gpusPerNode?: number;
  /** Scale-out bandwidth per accelerator, Gb/s, overriding the chip's. */
  readonly scaleOutGbps?: number;
  /** Sequence length, tokens. */
  readonly seq: number;
  /** Global batch, sequences. */
  readonly globalBatch: number;
  /** Tokens to train (for days, GPU-hours, cost, energy). */
  readonly tokens?: number;
  /**
   * Fused (flash) attention kernels. Default true. False models the pre-2022 unfused attention
   * (s×s scores materialized, softmax/dropout memory-bound; Korthikanti et al. 2022 Table 2 5as²b term).
   */
  readonly flashAttention?: boolean;
  /**
   * FlashAttention generation with fused attention: 2 (default: FlashAttention-2, July 2023, or a
   * later kernel) or 1 (FlashAttention-1, runs trained before July 2023), whose forward+backward
   * throughput is 0.44× (head dim 128) to 0.56× (head dim 64) of FlashAttention-2's on A100 and
   * H100 (Dao 2023, arXiv 2307.08691 Fig. 4-7; data/calibration/calibration.json attention rows).
   */
  readonly flashAttentionVersion?: 1 | 2;
  /** Dropout in the layers (masks kept for backward). Default false: modern LLM pre-training uses none (Llama 3, DeepSeek-V3); GPT-3-era runs used 0.1. */
  readonly dropout?: boolean;
  /** Adam moment precision: fp32 (default) or bf16 (DeepSeek-V3 §3.3.3). */
  readonly optimizerMoments?: 'fp32' | 'bf16';
  /**
   * How the framework runs ZeRO-3's parameter all-gathers and gradient reduce-scatters.
   * 'hierarchical' (default): NCCL hierarchical collectives prefetched and hidden behind the
   * micro-batch's compute (PyTorch FSDP, DeepSpeed with ZeRO++ hpZ). 'flat': over the flat
   * data-parallel group at each rank's own NIC rate, overlapped only with the global DP overlap
   * efficiency — DeepSpeed ZeRO-3 before ZeRO++ (arXiv 2306.10209 §1, §3; docs/training-model.md §3.2).
   */
  readonly zero3Collectives?: 'hierarchical' | 'flat';
  /**
   * ZeRO-3 hybrid sharding: parameters, gradients and optimizer states are sharded over groups of
   * this many data-parallel ranks and replicated across the groups, whose gradients are
   * all-reduced once per step (MiCS, Zhang et al. 2022, arXiv 2205.00119; PyTorch FSDP
   * HYBRID_SHARD; torchtitan HSDP). Default: one group of all dp·cp ranks (plain ZeRO-3).
   */
  readonly zero3ShardGroup?: number;
  /**
   * Activations an FP8 plan caches in FP8. 'ffn' (default, kept from earlier versions so that
   * callers' FP8 plans keep their memory): the FFN/expert activations, SwiGLU inputs included
   * (DeepSeek-V3 §3.3.2, fine-grained FP8 caching in its in-house framework). 'gemm-inputs'
   * (Transformer Engine, Megatron/NeMo): only the saved inputs of FP8 GEMMs — here the FFN
   * down-projection input. `chipbound validate` picks it from the run's framework.
   */
  readonly fp8Activations?: 'gemm-inputs' | 'ffn';
  /**
   * MoE token dispatch across nodes. 'node-dedup' (default): with node-limited routing one copy
   * per destination node crosses the network and is forwarded over NVLink (DeepSeek-V3 §3.2.2,
   * DeepEP). 'per-copy': every routed copy is sent to its expert's rank (Megatron-core's
   * all-to-all dispatcher), so node-limited routing does not cut the inter-node bytes.
   */
  readonly moeDispatch?: 'node-dedup' | 'per-copy';
  /**
   * Pipeline sends split across the TP ranks (Megatron's scatter/gather, Narayanan et al. 2021
   * §4.1). Default true. False: DeepSpeed's pipeline engine, where every TP rank sends the full
   * t·h activation over the network.
   */
  readonly ppScatterGather?: boolean;
  /**
   * The software release that runs the job (src/core/frameworks/profiles.ts). It sets the
   * defaults of the behaviour fields above (a field given here wins) and limits the plans to
   * those the release can run. Absent: generic behaviours, every plan allowed.
   */
  readonly framework?: FrameworkId;
}

/** Why a plan cannot run. */
export type Infeasible =
  | {
      /** The plan needs more memory per accelerator than the chip has. */
      readonly code: 'exceeds_memory';
      /** The largest memory term (weights, gradients, optimizer, activations, buffers). */
      readonly term: string;
      /** Peak memory per accelerator, GiB. */
      readonly needGiB: number;
      /** Accelerator memory, GiB. */
      readonly haveGiB: number;
      readonly message: string;
    }
  | {
      /** The plan is inconsistent (degrees do not multiply to the GPU count, divisibility). */
      readonly code: 'invalid_plan';
      readonly message: string;
    };

/** Memory per accelerator of the most loaded pipeline stage. */
export interface MemoryBreakdown {
  /** Peak, GiB (sum of the terms below). */
  readonly peakGiB: number;
  /** Accelerator capacity, GiB. */
  readonly capacityGiB: number;
  /** capacity − peak, GiB (negative: does not fit). */
  readonly headroomGiB: number;
  /** Model weights (BF16; with --precision fp8 the FP8 weights and their FP8 transposes, also 2 B/param), GiB. */
  readonly weightsGiB: number;
  /** Gradients (FP32 main grads, or sharded with ZeRO-2/3), GiB. */
  readonly gradientsGiB: number;
  /** FP32 master weights and Adam moments, GiB. */
  readonly optimizerGiB: number;
  /** Activations of the micro-batches in flight, GiB. */
  readonly activationsGiB: number;
  /** Communication buffers and the runtime reserve, GiB. */
  readonly buffersGiB: number;
}

/** Step-time parts, seconds per step (each the part on the critical path unless named Total). */
export interface StepBreakdown {
  /** Computation on the slowest stage: m micro-batches, forward + backward (+ recompute). */
  readonly computeS: number;
  /** … of which GEMMs (roofline with shape-dependent efficiency). */
  readonly gemmS: number;
  /** … of which attention kernels. */
  readonly attentionS: number;
  /** … of which memory-bound element-wise work (norms, activations, casts, loss). */
  readonly elementwiseS: number;
  /** … of which recomputation. */
  readonly recomputeS: number;
  /** Tensor/sequence-parallel collectives (exposed). */
  readonly tpCommS: number;
  /** Context-parallel ring exchange (exposed part). */
  readonly cpCommS: number;
  /** Expert-parallel all-to-all dispatch/combine (exposed part). */
  readonly epCommS: number;
  /** Expert-parallel all-to-all, total before overlap. */
  readonly epCommTotalS: number;
  /** Pipeline point-to-point sends. */
  readonly ppCommS: number;
  /** Pipeline bubble (idle time of the schedule). */
  readonly bubbleS: number;
  /** Data-parallel gradient reduce-scatter/all-reduce and parameter all-gather, exposed part. */
  readonly dpCommS: number;
  /** Data-parallel communication, total before overlap. */
  readonly dpCommTotalS: number;
  /** ZeRO-3 per-layer parameter gathers and gradient scatters, exposed part. */
  readonly zero3CommS: number;
  /** ZeRO-3 per-layer gathers and scatters, total before overlap. */
  readonly zero3CommTotalS: number;
  /** Optimizer step: memory-bound Adam update, plus the gradient-norm clip (one more read of the local gradients and a scalar all-reduce over all ranks). */
  readonly optimizerS: number;
}

/** Time, money and energy to train `tokens` (present when the job gives tokens). */
export interface TrainCost {
  /** Tokens trained. */
  readonly tokens: number;
  /** Wall-clock days at the predicted steady-state rate divided by the goodput. */
  readonly days: number;
  /** Accelerator-hours. */
  readonly gpuHours: number;
  /** Cost, USD (rental when the chip has a rental price, else purchase amortized), or null. */
  readonly costUsd: number | null;
  /** How costUsd was computed. */
  readonly costBasis: string;
  /** Facility energy, MWh (TDP × utilization × PUE), or null without a TDP. */
  readonly energyMWh: number | null;
  /** Assumptions, one sentence each. */
  readonly assumptions: readonly string[];
}

/** The evaluation of one plan (the JSON shape of `chipbound train --json`). */
export interface TrainResult {
  readonly plan: Plan;
  /** Whether the plan is valid and fits the chip's memory. */
  readonly fits: boolean;
  /** Why not, when it does not. */
  readonly infeasible?: Infeasible;
  readonly memory: MemoryBreakdown;
  /** Seconds per optimizer step. */
  readonly stepTimeSeconds: number;
  /** Training tokens per second, whole job. */
  readonly tokensPerSecond: number;
  /** Training tokens per second per accelerator. */
  readonly tokensPerSecondPerGpu: number;
  /** Model FLOPs (Megatron-LM convention, see docs/training-model.md) / (step time × gpus × dense BF16 peak). */
  readonly mfu: number;
  /** Hardware FLOPs (with recomputation) / (step time × gpus × dense BF16 peak). */
  readonly hfu: number;
  /** Model FLOPs / (step time × gpus × dense peak of the GEMM precision: FP8 peak for fp8 plans, else BF16); at most 1. */
  readonly mfuPrecisionPeak: number;
  /** Micro-batches per pipeline per step. */
  readonly microbatches: number;
  /** Model FLOPs per step. */
  readonly flopsPerStep: number;
  readonly breakdown: StepBreakdown;
  /** Present when the job gives `tokens`. */
  readonly cost?: TrainCost;
}
