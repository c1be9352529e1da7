/**
 * Engine profiles: the serving twin of the training `--framework`. Each profile records what a
 * serving engine documents about how it runs a model (scheduling, chunk size, CUDA graphs,
 * attention kernels, FP8 grouped GEMMs, two-micro-batch overlap, speculative decoding, attention
 * DP) with its public sources, plus the host time per engine iteration that the model charges.
 * Pure data; `infer --engine <id>` and `chipbound engines` read it.
 */

/** How prefill and decode share the accelerators. */
export type SchedulingMode = 'static' | 'inflight' | 'disaggregated';
/** Every scheduling mode, in display order. */
export const schedulingModes = ['static', 'inflight', 'disaggregated'] as const satisfies readonly SchedulingMode[];

/** Engine profile ids. */
export const engineIds = ['trtllm-2024', 'trtllm-2025', 'vllm-2025', 'sglang-2025', 'deepseek-infer-2025'] as const;
/** An engine profile id. */
export type EngineId = (typeof engineIds)[number];

/** One engine's documented behaviours. */
export interface EngineProfile {
  readonly id: EngineId;
  /** Engine and release line. */
  readonly name: string;
  /** What the engine does by default. */
  readonly scheduling: SchedulingMode;
  /** Token budget per forward pass per attention replica (decode tokens + prefill chunk), tokens. */
  readonly chunkTokens: number;
  /** Decode steps captured in CUDA graphs. */
  readonly cudaGraphs: boolean;
  /** Attention kernels: GQA/MHA models and MLA models. */
  readonly attention: { readonly gqa: string; readonly mla: string };
  /** FP8 grouped-GEMM kernels for MoE experts (null when none is documented). */
  readonly fp8GroupedGemm: string | null;
  /** Overlaps expert-parallel all-to-all with compute by splitting the batch into two micro-batches. */
  readonly twoMicroBatchOverlap: boolean;
  /** Speculative decoding methods supported. */
  readonly speculative: readonly string[];
  /** Attention data parallelism for MoE models (DP attention + EP experts). */
  readonly attentionDp: boolean;
  /** Host (CPU) time per engine iteration not hidden behind the GPU, seconds. */
  readonly hostOverheadS: number;
  /** Where the host-overhead number comes from. */
  readonly hostOverheadBasis: string;
  /** Public sources for the behaviours above. */
  readonly sources: readonly string[];
}

/*
 * Host overhead per iteration. The serving model's decode points (mostly TensorRT-LLM 2024
 * releases, data/serving) were matched with 1 ms per iteration (efficiency.ts iterationOverheadS):
 * that is the 2024 TensorRT-LLM value. Engines that schedule step n+1 on the CPU while the GPU runs
 * step n (SGLang's overlap scheduler, TensorRT-LLM's PyTorch-flow overlap scheduler, vLLM V1's
 * async scheduling) hide most of it; their values are estimates (no published per-step figure).
 */
const profiles = {
  'trtllm-2024': {
    id: 'trtllm-2024',
    name: 'TensorRT-LLM 0.9-0.16 (C++ runtime, 2024; MLPerf Inference v4.x submissions)',
    scheduling: 'inflight',
    chunkTokens: 8192,
    cudaGraphs: true,
    attention: { gqa: 'XQA (decode) + FMHA v2 (context), FP8 KV', mla: 'none (MLA models unsupported in this line)' },
    fp8GroupedGemm: 'CUTLASS MoE (per-tensor FP8)',
    twoMicroBatchOverlap: false,
    speculative: ['draft model', 'Medusa', 'ReDrafter', 'lookahead'],
    attentionDp: false,
    hostOverheadS: 1e-3,
    hostOverheadBasis: 'matched on the TensorRT-LLM v0.14/v0.17 points of data/serving (efficiency.ts iterationOverheadS)',
    sources: [
      'https://github.com/NVIDIA/TensorRT-LLM/blob/v0.14.0/docs/source/advanced/gpt-attention.md (in-flight batching, chunked context, paged KV, XQA)',
      'https://github.com/NVIDIA/TensorRT-LLM/blob/v0.14.0/docs/source/performance/perf-best-practices.md (max_num_tokens 8192 default, enable_chunked_context)',
      'https://developer.nvidia.com/blog/nvidia-h200-tensor-core-gpus-and-nvidia-tensorrt-llm-set-mlperf-llm-inference-records/ (MLPerf Inference v4.0 with TensorRT-LLM)',
    ],
  },
  'trtllm-2025': {
    id: 'trtllm-2025',
    name: 'TensorRT-LLM 0.19-1.x (PyTorch flow, 2025)',
    scheduling: 'inflight',
    chunkTokens: 8192,
    cudaGraphs: true,
    attention: { gqa: 'TRT-LLM attention backend (XQA / FMHA), FP8 KV', mla: 'TRT-LLM MLA kernels (FlashMLA-style absorbed decode)' },
    fp8GroupedGemm: 'DeepGEMM-style 1×128 block-scaled grouped GEMM (Hopper), CUTLASS/TRT-LLM-Gen (Blackwell)',
    twoMicroBatchOverlap: true,
    speculative: ['MTP', 'EAGLE-3', 'draft model', 'n-gram'],
    attentionDp: true,
    hostOverheadS: 0.5e-3,
    hostOverheadBasis: 'estimate: overlap scheduler hides most CPU work',
    sources: [
      'https://github.com/NVIDIA/TensorRT-LLM/blob/v1.0.0/docs/source/torch/features/overlap_scheduler.md (overlap scheduler)',
      'https://github.com/NVIDIA/TensorRT-LLM/blob/v1.0.0/docs/source/advanced/disaggregated-service.md (disaggregated serving)',
      'https://github.com/NVIDIA/TensorRT-LLM/blob/v1.0.0/docs/source/blogs/tech_blog/blog1_Pushing_Latency_Boundaries_Optimizing_DeepSeek-R1_Performance_on_NVIDIA_B200_GPUs.md (MTP, attention DP, two-batch overlap)',
    ],
  },
  'vllm-2025': {
    id: 'vllm-2025',
    name: 'vLLM 0.8-0.11 (V1 engine, 2025)',
    scheduling: 'inflight',
    chunkTokens: 8192,
    cudaGraphs: true,
    attention: { gqa: 'FlashAttention-3 / FlashInfer, FP8 KV', mla: 'FlashMLA (decode), FlashAttention (prefill)' },
    fp8GroupedGemm: 'Triton / CUTLASS / DeepGEMM fused MoE',
    twoMicroBatchOverlap: true,
    speculative: ['EAGLE', 'MTP', 'n-gram', 'draft model'],
    attentionDp: true,
    hostOverheadS: 0.7e-3,
    hostOverheadBasis: 'estimate: V1 moves scheduling and detokenization off the critical path; sampling remains',
    sources: [
      'https://blog.vllm.ai/2025/01/27/v1-alpha-release.html (V1: chunked prefill always on, unified token budget, CUDA graphs)',
      'https://docs.vllm.ai/en/v0.10.0/configuration/optimization.html (max_num_batched_tokens, chunked prefill)',
      'https://docs.vllm.ai/en/v0.10.0/serving/expert_parallel_deployment.html (EP, DP attention, dual-batch overlap)',
    ],
  },
  'sglang-2025': {
    id: 'sglang-2025',
    name: 'SGLang 0.4.x-0.5.x (2025)',
    // Chunked prefill, but prefill and decode batches alternate unless --enable-mixed-chunk is set
    // (off by default): decoders wait while a prefill batch runs, i.e. the static mode here.
    scheduling: 'static',
    chunkTokens: 8192,
    cudaGraphs: true,
    attention: { gqa: 'FlashInfer / FlashAttention-3, FP8 KV', mla: 'FlashMLA / FlashInfer MLA (absorbed decode), FA3 prefill' },
    fp8GroupedGemm: 'DeepGEMM grouped contiguous (prefill) and masked (decode)',
    twoMicroBatchOverlap: true,
    speculative: ['EAGLE', 'EAGLE-3', 'MTP'],
    attentionDp: true,
    hostOverheadS: 0.3e-3,
    hostOverheadBasis: 'estimate: zero-overhead overlap scheduler (CPU runs one batch ahead of the GPU)',
    sources: [
      'https://lmsys.org/blog/2024-12-04-sglang-v0-4/ (zero-overhead batch scheduler)',
      'https://lmsys.org/blog/2025-05-05-large-scale-ep/ (PD disaggregation, DP attention, DeepEP, DeepGEMM, two-batch overlap)',
      'https://docs.sglang.ai/advanced_features/server_arguments.html (chunked_prefill_size; enable_mixed_chunk, default off)',
    ],
  },
  'deepseek-infer-2025': {
    id: 'deepseek-infer-2025',
    name: "DeepSeek's V3/R1 inference system (2025)",
    scheduling: 'disaggregated',
    chunkTokens: 16384,
    cudaGraphs: true,
    attention: { gqa: 'n/a (MLA models only)', mla: 'FlashMLA (absorbed decode), MHA prefill' },
    fp8GroupedGemm: 'DeepGEMM grouped contiguous (prefill) and masked (decode)',
    twoMicroBatchOverlap: true,
    speculative: ['MTP'],
    attentionDp: true,
    hostOverheadS: 0.3e-3,
    hostOverheadBasis: 'estimate: same scheduling structure as SGLang (no per-step figure published)',
    sources: [
      'https://github.com/deepseek-ai/open-infra-index/blob/main/202502OpenSourceWeek/day_6_one_more_thing_deepseekV3R1_inference_system_overview.md (PD disaggregation; prefill EP32/DP32, decode EP144; dual micro-batch overlap)',
      'https://github.com/deepseek-ai/profile-data (prefill and decode overlap traces)',
      'https://github.com/deepseek-ai/DeepGEMM, https://github.com/deepseek-ai/FlashMLA, https://github.com/deepseek-ai/DeepEP',
    ],
  },
} as const satisfies Record<EngineId, EngineProfile>;

/** All engine profiles, in id order. */
export function engineProfiles(): readonly EngineProfile[] {
  return engineIds.map((id) => profiles[id]);
}

/** Whether a string is an engine id. */
export function isEngineId(id: string): id is EngineId {
  return (engineIds as readonly string[]).includes(id);
}

/** One engine profile. */
export function engineProfile(id: EngineId): EngineProfile {
  return profiles[id];
}
