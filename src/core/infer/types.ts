/**
 * The serving-model contract: what to serve (ServingInput), how it is laid out (ServingPlan)
 * and what the model predicts (ServingResult, the `infer --json` shape). Pure types.
 */
import type { z } from 'zod';
import type { Chip, Model, kvPrecisionSchema, servingPhaseSchema, weightPrecisionSchema } from '../catalog/schemas.js';

/** Weight precision of a deployment (fp4 = NVFP4/MXFP4 block-scaled). */
export type WeightPrecision = z.infer<typeof weightPrecisionSchema>;
/** KV-cache precision. */
export type KvPrecision = z.infer<typeof kvPrecisionSchema>;
/** Which side of a (possibly disaggregated) deployment to predict. */
export type Phase = z.infer<typeof servingPhaseSchema>;

/**
 * Parallel layout. One model instance spans tp·dp·pp chips: attention runs as `dp` replicas of
 * `tp` chips per pipeline stage; MoE layers run as `ep`-way expert parallel over the tp·dp
 * chips of a stage (expert tensor parallel = tp·dp/ep). gpus / (tp·dp·pp) instances run side by side.
 */
export interface ServingPlan {
  /** Attention tensor-parallel degree per replica. */
  readonly tp: number;
  /** Pipeline stages. */
  readonly pp: number;
  /** Expert-parallel degree of MoE layers (1 = experts tensor-parallel with attention). */
  readonly ep: number;
  /** Attention data-parallel replicas inside one instance. */
  readonly dp: number;
}

/** Speculative decoding: draft tokens verified per step and mean tokens accepted per step. */
export interface Speculative {
  /** Draft tokens per sequence per step (MTP depth × steps, EAGLE tree size, ...). */
  readonly draftTokens: number;
  /** Mean tokens emitted per step per sequence (>= 1; includes the verified token). */
  readonly acceptLength: number;
}

/** What to serve, where, under which load. */
export interface ServingInput {
  readonly model: Model;
  readonly chip: Chip;
  /** Accelerators in the deployment. */
  readonly gpus: number;
  /** Parallel layout. */
  readonly plan: ServingPlan;
  /** Sequences in flight across the whole deployment; omitted = the largest batch that fits. */
  readonly batch?: number;
  /** Prompt tokens per request. */
  readonly promptTokens: number;
  /** Output tokens per request. */
  readonly outputTokens: number;
  /** Default 'both'. */
  readonly phase?: Phase;
  /** Default 'bf16'. */
  readonly precision?: WeightPrecision;
  /** Default 'bf16'. */
  readonly kvPrecision?: KvPrecision;
  /** Speculative decoding, if used. */
  readonly speculative?: Speculative;
  /** Engine cap on sequences per attention replica (TensorRT-LLM max_batch_size per rank). */
  readonly maxBatchPerReplica?: number;
  /** Fraction of memory left after weights and workspace given to the KV cache; default 0.9. */
  readonly kvMemoryFraction?: number;
  /** Tokens per forward pass per replica (prefill chunk); default 8192 (max_num_tokens of TensorRT-LLM/vLLM). */
  readonly maxNumTokens?: number;
  /** Accelerators per node; default min(chip.scaleUpDomain, 8). */
  readonly gpusPerNode?: number;
  /** Attention-DP prompt scheduling: 'aligned' (all replicas prefill together; default) or 'independent' (one replica's prefill stalls all at the MoE layers). */
  readonly dpPrefill?: 'aligned' | 'independent';
  /** Overlap communication with compute using two micro-batches (DeepSeek/SGLang TBO); default on when ep > 1. */
  readonly overlap?: boolean;
  /** Host time per engine iteration, seconds (the engine profile's); default efficiency.ts iterationOverheadS. */
  readonly hostOverheadS?: number;
}

/** Per-accelerator memory of a deployment, bytes. */
export interface ServingMemory {
  /** Usable accelerator memory, bytes. */
  readonly capacityBytes: number;
  /** Weights resident on one accelerator, bytes. */
  readonly weightBytes: number;
  /** Runtime reserve + activation workspace, bytes. */
  readonly workspaceBytes: number;
  /** Memory left for the KV cache, bytes (may be negative: weights do not fit). */
  readonly kvBudgetBytes: number;
  /** KV cache of one sequence at full length (prompt + output) on one accelerator, bytes. */
  readonly kvBytesPerSequence: number;
  /** KV cache in use at the chosen batch, bytes. */
  readonly kvUsedBytes: number;
}

/** Decode-step time terms for one accelerator, seconds. */
export interface StepBreakdown {
  /** Dense (attention projections, dense FFN, shared experts, LM head) GEMMs. */
  readonly denseGemm: number;
  /** Routed-expert GEMMs (weight loading of the touched experts, or compute). */
  readonly experts: number;
  /** Attention over the KV cache (or the prompt, in prefill). */
  readonly attention: number;
  /** Tensor-parallel all-reduces. */
  readonly tpComm: number;
  /** Expert-parallel dispatch + combine all-to-all (before overlap). */
  readonly epComm: number;
  /** Part of epComm left on the critical path after two-micro-batch overlap (epComm − epExposed is hidden). */
  readonly epExposed: number;
  /** Pipeline hops. */
  readonly ppComm: number;
  /** Kernel launch and synchronisation overhead. */
  readonly overhead: number;
  /** Host (CPU) time per engine iteration not hidden behind the GPU (from the engine profile). */
  readonly host: number;
  /** Total after overlap. */
  readonly total: number;
}

/** Why a deployment cannot run, as a value. */
export type ServingIssue =
  | { readonly code: 'exceeds_memory'; readonly needGiB: number; readonly haveGiB: number }
  | { readonly code: 'batch_too_large'; readonly batch: number; readonly maxBatch: number };

/** The prediction (the `infer --json` shape). */
export interface ServingResult {
  readonly model: string;
  readonly chip: string;
  readonly gpus: number;
  readonly plan: ServingPlan;
  readonly phase: Phase;
  readonly precision: WeightPrecision;
  readonly kvPrecision: KvPrecision;
  readonly promptTokens: number;
  readonly outputTokens: number;
  /** Model instances side by side (gpus / (tp·dp·pp)). */
  readonly instances: number;
  /** Sequences in flight across the deployment. */
  readonly batch: number;
  /** Whether the deployment runs at this batch (weights + KV fit). */
  readonly fits: boolean;
  /** Why not, when it does not. */
  readonly issue: ServingIssue | null;
  /** KV-cache bytes per token of the whole model (all layers), at the KV precision. */
  readonly kvCacheBytesPerToken: number;
  /** Largest batch (sequences, whole deployment) whose full-length KV cache fits. */
  readonly maxBatch: number;
  readonly memory: ServingMemory;
  readonly prefill: {
    /** Seconds to prefill the whole batch's prompts (per instance, in parallel across instances). */
    readonly seconds: number;
    /** Prompt tokens per second, whole deployment, when prefilling back to back. */
    readonly tokensPerSecond: number;
    /** Prompt tokens per second per accelerator. */
    readonly tokensPerSecondPerGpu: number;
    readonly breakdown: StepBreakdown;
  };
  readonly decode: {
    /** Output tokens per second, whole deployment, decode only. */
    readonly tokensPerSecond: number;
    /** Output tokens per second per accelerator, decode only. */
    readonly tokensPerSecondPerGpu: number;
    /** Seconds per output token per sequence, pure decode (speculative acceptance applied). */
    readonly tpotSeconds: number;
    /** Seconds of one decode step. */
    readonly stepSeconds: number;
    /** Mean context length attended during decode, tokens. */
    readonly meanContext: number;
    readonly breakdown: StepBreakdown;
  };
  /** Time to first token of one request: its prompt's prefill, seconds (no queueing). */
  readonly ttftSeconds: number;
  /** Seconds per output token seen by a user, including stalls for other requests' prefills (phase both). */
  readonly tpotSeconds: number;
  /** End-to-end latency of one request, seconds. */
  readonly e2eSeconds: number;
  /** Output tokens per second, whole deployment, prefill and decode interleaved (phase both). */
  readonly outputTokensPerSecond: number;
  /** Output tokens per second per accelerator. */
  readonly outputTokensPerSecondPerGpu: number;
  /** Prompt + output tokens per second, whole deployment. */
  readonly totalTokensPerSecond: number;
  /** Requests completed per second, whole deployment. */
  readonly requestsPerSecond: number;
  /** Rental cost per million output tokens (decode share of accelerator time), USD; null without a price. */
  readonly costPerMillionOutputTokensUsd: number | null;
  /** Rental cost per million prompt tokens (prefill share), USD. */
  readonly costPerMillionInputTokensUsd: number | null;
  /** Rental cost of one request (prompt + output), USD. */
  readonly costPerQueryUsd: number | null;
  /** Accelerator price used, USD per accelerator-hour. */
  readonly usdPerGpuHour: number | null;
  /** Energy per output token at board power, joules, all accelerator time charged to output (null without a TDP). */
  readonly joulesPerOutputToken: number | null;
  /** Energy per processed token (prompt + output) at board power, joules. */
  readonly joulesPerToken: number | null;
  /** Notes on assumptions (one sentence each). */
  readonly notes: readonly string[];
}
