/**
 * Catalog schemas: the file formats for chips, models, published training runs and
 * published serving measurements. These are a contract (issue #2): users write these
 * files too, so field names are stable. Every object is strict (issue #14): an unknown or
 * misspelled field is an error naming the field and the nearest known one, and chip numbers
 * go through the limits table (src/core/limits.ts) with their unit in the message.
 */
import { z } from 'zod';
import { type LimitName } from '../limits.js';
import { ranged } from '../limits-schema.js';
import { strictObject } from './strict.js';
import { fieldPathIssues, fieldPaths } from './field-paths.js';
import { modelFindings } from './plausibility.js';

/** A finite, strictly positive number. */
const positive = z.number().finite().positive();
/** A whole number >= 1. */
const count = z.number().int().positive().max(1e9);
/** An optional value that may also be written as `null` (= not public / unknown). */
const unknownable = <T extends z.ZodType>(t: T) => t.nullable().optional();
/** An optional, nullable chip number within the limits table's bounds for `name`. */
const chipNumber = (name: LimitName) => unknownable(ranged(name));

/** Where a value comes from: a URL, or a paper reference with its section. */
export const sourceSchema = z.string().min(1);

/** Dense peak throughput per precision (TFLOPS; int8 in TOPS). No sparsity. */
export const tflopsSchema = strictObject({
  /** Dense FP8 TFLOPS. */
  fp8: chipNumber('tflops'),
  /** Dense BF16 TFLOPS (tensor units). */
  bf16: chipNumber('tflops'),
  /** Dense FP16 TFLOPS (tensor units). */
  fp16: chipNumber('tflops'),
  /** Dense TF32 TFLOPS (tensor units). */
  tf32: chipNumber('tflops'),
  /** Dense FP32 TFLOPS (vector or tensor units, whichever is higher). */
  fp32: chipNumber('tflopsFp32'),
  /** Dense INT8 TOPS. */
  int8: chipNumber('tflops'),
  /** Dense FP4 TFLOPS. */
  fp4: chipNumber('tflopsFp4'),
});

export const chipSchema = strictObject({
  /** Catalog id, kebab-case (e.g. `nvidia-h800-sxm5-80gb`). */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lowercase id of letters, digits, ".", "_" or "-"'),
  /** Display name. */
  name: z.string().min(1),
  /** Vendor name (NVIDIA, AMD, Intel, Huawei, ...). */
  vendor: z.string().min(1),
  /** Micro-architecture (Hopper, CDNA3, Da Vinci, ...). */
  architecture: z.string().optional(),
  /** Where it is sold: `global` or `china` (a China-specific SKU). */
  market: z.string().optional(),
  /** Designed or marketed for datacenters (3A090 Note 2). */
  datacenter: z.boolean(),
  /** Dense peak throughput per precision. */
  tflops: tflopsSchema,
  /** Accelerator memory, GB (decimal, as marketed). */
  memoryGB: chipNumber('memoryGB'),
  /** Accelerator memory bandwidth, TB/s (decimal). */
  memoryTBps: chipNumber('memoryTBps'),
  /** Memory technology (HBM3, HBM2e, GDDR6, ...). */
  memoryType: z.string().optional(),
  /** Scale-up interconnect name (NVLink 4, HCCS, ICI, ...). */
  scaleUpInterconnect: z.string().optional(),
  /** Scale-up bandwidth per accelerator, GB/s, bidirectional (NVLink 4 on H100 = 900). */
  scaleUpGBps: chipNumber('scaleUpGBps'),
  /** Accelerators in one scale-up domain (8 for an HGX board, 72 for NVL72). */
  scaleUpDomain: unknownable(ranged('scaleUpDomain', true)),
  /** Scale-out network bandwidth per accelerator, Gb/s, one direction (one 400G NIC = 400). */
  scaleOutGbps: chipNumber('scaleOutGbps'),
  /** Host I/O (PCIe) bandwidth, GB/s, bidirectional. */
  hostIoGBps: chipNumber('hostIoGBps'),
  /** Applicable die area for 3A090 (all non-planar logic dies), mm². */
  dieAreaMm2: chipNumber('dieAreaMm2'),
  /** Logic process node. */
  processNode: z.string().optional(),
  /** Board power, W. */
  tdpW: chipNumber('tdpW'),
  /** Launch year. */
  launchYear: unknownable(z.number().int().min(1990).max(2100)),
  /** Purchase price per accelerator, USD. */
  priceUsd: chipNumber('priceUsd'),
  /** Typical cloud rental price per accelerator-hour, USD. */
  rentalUsdPerHour: chipNumber('usdPerHour'),
  /** Dotted field paths whose values are estimates, not published figures (e.g. `tflops.bf16`). */
  estimated: z.array(z.string()).default([]),
  /** Free-form notes. */
  notes: z.string().optional(),
  /** URLs or paper references for the values. */
  sources: z.array(sourceSchema).default([]),
  /** `shipping` (default when absent) or `announced` (a roadmap part, not shipped: kept out of defaults). */
  status: z.enum(['shipping', 'announced']).optional(),
  /** Dotted field paths read from a single secondary source or not re-read in the original. */
  unverified: z.array(z.string()).optional(),
  /** Dotted field paths of dense throughputs derived from a sparse figure (/2) or a precision ratio. */
  derivedDense: z.array(z.string()).optional(),
}).superRefine((c, ctx) => {
  // `estimated: [dieAreaMM2]` would flag nothing: every entry must name a field of the chip.
  for (const i of fieldPathIssues(c, ['estimated', 'unverified', 'derivedDense'], chipPaths())) ctx.addIssue({ code: 'custom', ...i });
});
let chipPathsCache: string[] | undefined;
const chipPaths = (): string[] => (chipPathsCache ??= fieldPaths(chipSchema));

/** True for a chip that has shipped (no `status`, or `shipping`); announced roadmap parts are false. */
export const isShipping = (chip: { readonly status?: 'shipping' | 'announced' }): boolean => chip.status !== 'announced';

export const mlaSchema = strictObject({
  /** Query LoRA rank (0 = no query compression). */
  qLoraRank: z.number().int().nonnegative(),
  /** Compressed KV latent rank. */
  kvLoraRank: ranged('modelWidth', true),
  /** Per-head query/key dimension without RoPE. */
  qkNopeHeadDim: ranged('headDim', true),
  /** Per-head decoupled RoPE dimension (shared key). */
  qkRopeHeadDim: z.number().int().nonnegative(),
  /** Per-head value dimension. */
  vHeadDim: ranged('headDim', true),
});

export const moeSchema = strictObject({
  /** Routed experts per MoE layer. */
  experts: ranged('experts', true),
  /** Routed experts each token activates (top-k). */
  activeExperts: ranged('experts', true),
  /** Shared (always-on) experts per MoE layer. */
  sharedExperts: z.number().int().nonnegative(),
  /** FFN width of one expert. */
  expertFfnHidden: ranged('expertWidth', true),
  /** Leading layers that are dense (use `ffnHidden`). */
  denseLayers: z.number().int().nonnegative().default(0),
  /** Most nodes a token is routed to (DeepSeek node-limited routing), if any. */
  maxNodesPerToken: ranged('experts', true).optional(),
  /** FFN width of a shared expert, if different from `expertFfnHidden`. */
  sharedExpertFfnHidden: ranged('expertWidth', true).optional(),
  /** Every n-th layer is MoE (1 = all non-dense layers). */
  layerFrequency: ranged('modelLayers', true).optional(),
});

export const modelSchema = strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lowercase id of letters, digits, ".", "_" or "-"'),
    name: z.string().min(1),
    /** Transformer layers. */
    layers: ranged('modelLayers', true),
    /** Model (residual) width. */
    hidden: ranged('modelWidth', true),
    /** Dense FFN width. */
    ffnHidden: ranged('ffnWidth', true),
    /** Attention (query) heads. */
    heads: ranged('heads', true),
    /** Key/value heads (= heads for MHA, fewer for GQA/MQA). */
    kvHeads: ranged('heads', true),
    /** Per-head dimension; default hidden / heads. */
    headDim: ranged('headDim', true).optional(),
    /** Vocabulary size. */
    vocab: ranged('vocab', true),
    /** SwiGLU/GeGLU-style FFN with three matrices. */
    gatedFfn: z.boolean(),
    /** Input embedding and LM head share weights. */
    tiedEmbeddings: z.boolean(),
    /** Multi-head latent attention (DeepSeek-V2/V3). */
    mla: mlaSchema.optional(),
    /** Mixture of experts. */
    moe: moeSchema.optional(),
    /** Cross-layer attention: this many consecutive layers share one KV cache (Hunyuan-Large CLA: 2). Default 1. */
    kvShareLayers: ranged('modelLayers', true).optional(),
    /** Multi-token-prediction modules (DeepSeek-V3: 1). */
    mtpDepth: z.number().int().nonnegative().optional(),
    /** Linear layers carry biases (GPT-2/3, OPT, BLOOM). Small; counted when true. */
    bias: z.boolean().optional(),
    /** Learned absolute position embeddings of this length (GPT-3, OPT), counted as parameters. */
    learnedPositions: ranged('seq', true).optional(),
    /** Context length the model was trained with (default sequence for commands). */
    contextLength: ranged('seq', true).optional(),
    /** Published parameter counts, billions, for comparison with the computed ones. */
    published: strictObject({
        totalB: ranged('paramsB').optional(),
        activeB: ranged('paramsB').optional(),
      })
      .optional(),
    /** Dotted field paths whose values are estimates, not published figures. */
    estimated: z.array(z.string()).optional(),
    notes: z.string().optional(),
    sources: z.array(sourceSchema).default([]),
  })
  .superRefine((m, ctx) => {
    for (const i of fieldPathIssues(m, ['estimated'], modelPaths())) ctx.addIssue({ code: 'custom', ...i });
    if (m.heads % m.kvHeads !== 0 && !m.mla) {
      ctx.addIssue({ code: 'custom', path: ['kvHeads'], message: `heads (${m.heads}) must be a multiple of kvHeads (${m.kvHeads})` });
    }
    if (m.moe && m.moe.activeExperts > m.moe.experts) {
      ctx.addIssue({ code: 'custom', path: ['moe', 'activeExperts'], message: 'activeExperts must not exceed experts' });
    }
    if (m.moe && m.moe.denseLayers > m.layers) {
      ctx.addIssue({ code: 'custom', path: ['moe', 'denseLayers'], message: 'denseLayers must not exceed layers' });
      return;
    }
    if (m.moe?.maxNodesPerToken !== undefined && m.moe.maxNodesPerToken > m.moe.activeExperts) {
      ctx.addIssue({ code: 'custom', path: ['moe', 'maxNodesPerToken'], message: `a token cannot reach more nodes (${m.moe.maxNodesPerToken}) than the experts it activates (activeExperts ${m.moe.activeExperts})` });
    }
    if (m.learnedPositions !== undefined && m.contextLength !== undefined && m.contextLength > m.learnedPositions) {
      ctx.addIssue({ code: 'custom', path: ['contextLength'], message: `${m.contextLength} tokens is longer than the ${m.learnedPositions} learned positions (learnedPositions); such a model cannot attend beyond them` });
    }
    if (m.mtpDepth !== undefined && m.mtpDepth > m.layers) {
      ctx.addIssue({ code: 'custom', path: ['mtpDepth'], message: `${m.mtpDepth} multi-token-prediction modules for a ${m.layers}-layer model (DeepSeek-V3 has 1); each is a transformer block` });
    }
    // A published parameter count 10x or more away from the shape's: a unit slip (plausibility.ts).
    for (const f of modelFindings(m as Model).errors) ctx.addIssue({ code: 'custom', path: f.path.split('.'), message: f.message });
  });

let modelPathsCache: string[] | undefined;
const modelPaths = (): string[] => (modelPathsCache ??= fieldPaths(modelSchema));

export const recomputeSchema = z.enum(['none', 'selective', 'full']);
export const scheduleSchema = z.enum(['1f1b', 'interleaved', 'zb', 'dualpipe']);
export const trainPrecisionSchema = z.enum(['bf16', 'fp8']);
/** Serving weight precision (fp4 = NVFP4/MXFP4 block-scaled 4-bit). */
export const weightPrecisionSchema = z.enum(['bf16', 'fp16', 'fp8', 'int8', 'int4', 'fp4']);
/** Serving KV-cache precision. */
export const kvPrecisionSchema = z.enum(['bf16', 'fp8']);
/** Which side of a (possibly disaggregated) deployment is served: both, prefill-only or decode-only. */
export const servingPhaseSchema = z.enum(['both', 'prefill', 'decode']);

/** A (possibly partial) parallel plan as a source reports it. */
export const planSchema = strictObject({
  tp: count.optional(),
  pp: count.optional(),
  dp: count.optional(),
  cp: count.optional(),
  ep: count.optional(),
  vpp: count.optional(),
  microBatch: count.optional(),
  recompute: recomputeSchema.optional(),
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  precision: trainPrecisionSchema.optional(),
  schedule: scheduleSchema.optional(),
  sequenceParallel: z.boolean().optional(),
});

/** A published run's plan: the plan fields plus what the source says about its kernels. */
export const runPlanSchema = strictObject({
  ...planSchema.shape,
  /** false for runs trained before FlashAttention reached their stack (src/core/train/validate.ts). */
  flashAttention: z.boolean().optional(),
  /** Dropout in the recipe when the source gives it (default: with unfused attention, the GPT-3-era dropout 0.1; src/core/train/validate.ts). */
  dropout: z.boolean().optional(),
  /** Adam moment precision when the source gives it (src/core/train/validate.ts optimizerMomentsOf). */
  optimizerMoments: z.enum(['fp32', 'bf16']).optional(),
  /** ZeRO-3 collective style when the source gives it (src/core/train/validate.ts zero3CollectivesOf). */
  zero3Collectives: z.enum(['hierarchical', 'flat']).optional(),
  /** ZeRO-3 hybrid sharding group when the source gives it (MiCS, FSDP HYBRID_SHARD; src/core/train/types.ts). */
  zero3ShardGroup: z.number().int().positive().optional(),
});

/** What a published training run measured, in the source's own definition. */
export const runMeasureSchema = z.enum([
  /** Seconds per optimizer step. */
  'step_time_s',
  /** Training tokens per second per accelerator. */
  'tokens_per_sec_per_gpu',
  /** Model FLOPs utilization, fraction, against `peakBasis`. */
  'mfu',
  /** Hardware FLOPs utilization (counts recompute), fraction, against `peakBasis`. */
  'hfu',
  /** Achieved model TFLOPS per accelerator (source's FLOP formula). */
  'tflops_per_gpu',
  /** Accelerator-hours per trillion tokens (whole-run average). */
  'gpu_hours_per_trillion_tokens',
]);

export const runSchema = strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  name: z.string().min(1),
  /** Runs from the same paper table share a group. */
  group: z.string().optional(),
  /** Catalog model id. */
  model: z.string().min(1),
  /** Catalog chip id. */
  chip: z.string().min(1),
  /** Accelerators used. */
  gpus: count,
  /** Accelerators per node (default: the chip's scale-up domain, capped at 8). */
  gpusPerNode: count.optional(),
  /** Scale-out bandwidth per accelerator actually installed, Gb/s, if the source says (overrides the chip). */
  scaleOutGbps: positive.optional(),
  /** Sequence length, tokens. */
  seq: count,
  /** Global batch, sequences. */
  globalBatch: count,
  /** The plan as published; missing fields are assumed (see `assumptions`). */
  plan: runPlanSchema,
  /** Framework (Megatron-LM, NeMo, HAI-LLM, MegaScale, ...). */
  framework: z.string().optional(),
  measured: strictObject({
    /** Which quantity the source measured. */
    kind: runMeasureSchema,
    /** The value (fractions for mfu/hfu). */
    value: positive,
    /** For mfu/hfu/tflops: the peak TFLOPS the source divided by. */
    peakBasisTflops: positive.optional(),
    /** The source's FLOP formula, when it matters for comparing (e.g. "Megatron Eq. 3, 96BsLh^2"). */
    flopFormula: z.string().optional(),
    /** Whole-run average (includes restarts, eval, downtime) rather than steady state. */
    wholeRunAverage: z.boolean().default(false),
  }),
  /** What the catalog assumed where the source is silent, one sentence each. */
  assumptions: z.array(z.string()).default([]),
  /** How much to trust this record: high | medium | low, with a reason. */
  trust: z.string().min(1),
  /** Excluded from the accuracy summary (with the reason in notes), e.g. no plan published at all. */
  excludeFromSummary: z.boolean().default(false),
  /** Held out: never used to fit calibration; reported separately to show the model generalizes. */
  heldOut: z.boolean().default(false),
  notes: z.string().optional(),
  sources: z.array(sourceSchema).min(1),
});

/** A published serving (inference) measurement. */
export const servingPointSchema = strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  name: z.string().min(1),
  /** Measurements from the same source table share a group. */
  group: z.string().optional(),
  model: z.string().min(1),
  chip: z.string().min(1),
  gpus: count,
  /** Tensor, pipeline, expert and attention-data parallel degrees. */
  plan: strictObject({ tp: count.optional(), pp: count.optional(), ep: count.optional(), dp: count.optional() })
    .default({}),
  /** Weight precision (fp4 = NVFP4/MXFP4 block-scaled 4-bit). */
  precision: weightPrecisionSchema.default('bf16'),
  /** KV-cache precision. */
  kvPrecision: kvPrecisionSchema.default('bf16'),
  /** Serving engine and version (vLLM 0.6, SGLang, TensorRT-LLM, ...). */
  engine: z.string().optional(),
  /** Prefill-only, decode-only (disaggregated), or both. */
  phase: servingPhaseSchema.default('both'),
  /** Prompt tokens per request. */
  promptTokens: count,
  /** Output tokens per request. */
  outputTokens: count,
  /** Sequences in flight (concurrency), if reported. */
  batch: count.optional(),
  /**
   * How the load was offered: `offline` (all requests queued at the start, the engine runs the
   * largest batch that fits), `online` (fixed concurrency or request rate), `latency` (one or a
   * few requests at a time). Default `offline` when `batch` is absent, else `online`.
   */
  mode: z.enum(['offline', 'online', 'latency']).optional(),
  /** Speculative decoding (MTP, EAGLE, draft model): draft tokens per step and mean accepted tokens per step (>= 1). */
  speculative: strictObject({ draftTokens: z.number().int().positive(), acceptLength: z.number().finite().min(1) })
    .optional(),
  /** Whether the engine overlaps expert-parallel communication with compute (two micro-batches: SGLang TBO/SBO, vLLM DBO, DeepSeek); default on when ep > 1 with DP attention. */
  overlap: z.boolean().optional(),
  /**
   * How attention-DP replicas schedule prompts: `aligned` (all replicas prefill in the same forward
   * pass, SGLang DP attention) or `independent` (each replica schedules its own prompts, so one
   * replica's prefill stalls every replica at the shared MoE layers; TensorRT-LLM attention DP). Default aligned.
   */
  dpPrefill: z.enum(['aligned', 'independent']).optional(),
  /** Fraction of the memory left after weights that the engine gives to the KV cache (TensorRT-LLM kv_cache_free_gpu_mem_fraction), if published. */
  kvMemoryFraction: z.number().finite().gt(0).max(1).optional(),
  /** Engine cap on tokens per forward pass per attention replica (max_num_tokens; prefill chunk size), if set. */
  maxNumTokens: count.optional(),
  /** Engine cap on sequences per attention replica (TensorRT-LLM max_batch_size per rank), if set. */
  maxBatchPerReplica: count.optional(),
  /** Accelerators per node, when a deployment spans nodes (default: the chip's scale-up domain, capped at 8). */
  gpusPerNode: count.optional(),
  /** Benchmark scenario (MLPerf definitions): `offline` or `server` (highest Poisson rate meeting p99 ttftMs/tpotMs); predicted with infer/scenario.ts. */
  scenario: z.enum(['offline', 'server']).optional(),
  /** Engine profile id (infer/engines.ts) for scenario points. */
  engineProfile: z.string().optional(),
  /** Server scenario p99 limits, milliseconds. */
  ttftMs: positive.optional(),
  tpotMs: positive.optional(),
  /** Longest prompt / output of the request set when lengths vary (promptTokens/outputTokens are then means). */
  promptTokensMax: count.optional(),
  outputTokensMax: count.optional(),
  /** Chip values that differ from the catalog entry for this system (e.g. GH200's 96 GB / 4.0 TB/s HBM on H100 silicon). */
  chipOverride: strictObject({ memoryGB: positive.optional(), memoryTBps: positive.optional() }).optional(),
  /** Accepted relative error for the golden test (fraction), set from trust: high 0.35, medium 0.5, low 0.75 (data/serving uses up to 1.5); at most 3, an estimate (a percentage is a slip). */
  band: positive.max(3, { message: 'expected a fraction of the measured value (0.35 for ±35%), at most 3; a percentage was given?' }).optional(),
  measured: strictObject({
    kind: z.enum([
      'output_tokens_per_sec',
      'output_tokens_per_sec_per_gpu',
      'total_tokens_per_sec',
      'total_tokens_per_sec_per_gpu',
      'input_tokens_per_sec_per_gpu',
      'ttft_s',
      'tpot_s',
    ]),
    value: positive,
  }),
  assumptions: z.array(z.string()).default([]),
  /**
   * Dotted paths of values that are estimates or not yet checked against their source (e.g.
   * `measured.value` written from memory). Such points still count in the summary unless
   * `excludeFromSummary` says otherwise; `validate --inference` flags them.
   */
  estimated: z.array(z.string()).optional(),
  trust: z.string().min(1),
  excludeFromSummary: z.boolean().default(false),
  notes: z.string().optional(),
  sources: z.array(sourceSchema).min(1),
}).superRefine((p, ctx) => {
  for (const i of fieldPathIssues(p, ['estimated'], servingPaths())) ctx.addIssue({ code: 'custom', ...i });
});
let servingPathsCache: string[] | undefined;
const servingPaths = (): string[] => (servingPathsCache ??= fieldPaths(servingPointSchema));

export type Chip = z.infer<typeof chipSchema>;
export type ChipInput = z.input<typeof chipSchema>;
export type Model = z.infer<typeof modelSchema>;
export type ModelInput = z.input<typeof modelSchema>;
export type Recompute = z.infer<typeof recomputeSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
export type TrainPrecision = z.infer<typeof trainPrecisionSchema>;
export type PublishedPlan = z.infer<typeof planSchema>;
export type Run = z.infer<typeof runSchema>;
export type RunMeasure = z.infer<typeof runMeasureSchema>;
export type ServingPoint = z.infer<typeof servingPointSchema>;
