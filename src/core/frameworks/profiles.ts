/**
 * Software profiles: what one training framework release does, as documented behaviours with
 * their sources (docs/training-model.md §"Software profiles"). A profile is never a fitted
 * factor: every switch is a default or a capability the cited source states. The evaluator
 * reads the switches it models (attention kernel, dropout, pipeline sends, ZeRO-3 collectives,
 * FP8 activation caching, MoE dispatch, which plans the release can run); the others are listed
 * for the reader (`chipbound frameworks`) and named as not modelled.
 */
import type { Recompute, Schedule } from '../catalog/schemas.js';

/** The profile ids (issue 13). */
export const frameworkIds = [
  'megatron-deepspeed-2021',
  'megatron-deepspeed-2022',
  'deepspeed-zero3-2021',
  'megatron-lm-2022',
  'megatron-lm-2023',
  'megatron-lm-2024',
  'nemo-2024',
  'torchtitan-2024',
  'hai-llm-2024',
] as const;

/** One of the nine profile ids. */
export type FrameworkId = (typeof frameworkIds)[number];

/** The profile `chipbound train` uses when --framework is not given. */
export const defaultFrameworkId: FrameworkId = 'megatron-lm-2024';

type Zero = 0 | 1 | 2 | 3;

/** One documented behaviour of a release. */
export interface FrameworkSwitch {
  /** What it is (one phrase). */
  readonly behaviour: string;
  /** The value in this release (human-readable). */
  readonly value: string;
  /** Whether the training model uses it (false: listed, not yet modelled). */
  readonly modelled: boolean;
  /** Public source: paper section, documentation page or source file. */
  readonly source: string;
}

/** A framework release and the behaviours the training model takes from it. */
export interface FrameworkProfile {
  readonly id: FrameworkId;
  /** Human name with the release. */
  readonly name: string;
  /** Attention kernel: unfused (s×s scores materialized, Korthikanti et al. 2022 Table 2) or FlashAttention. */
  readonly attention: 'unfused' | 'flash';
  /** Dropout in the recipe the release ships (masks kept for backward). */
  readonly dropout: boolean;
  /** Megatron sequence parallelism available (Korthikanti et al. 2022 §4.2.2). */
  readonly sequenceParallel: boolean;
  /** Context parallelism available. */
  readonly contextParallel: boolean;
  /** Expert parallelism available (MoE models). */
  readonly expertParallel: boolean;
  /**
   * TP all-gathers/reduce-scatters overlapped with the adjacent GEMMs (Transformer Engine
   * userbuffers, on in NeMo's recipes); the overlapped kernels take SMs (calibration.ts overlapSmShare).
   */
  readonly tpCommOverlap: boolean;
  /** Pipeline sends scattered over the TP ranks (Megatron, Narayanan et al. 2021 §4.1); false: every TP rank sends the full activation (DeepSpeed's pipeline engine). */
  readonly ppScatterGather: boolean;
  /** Embedding and loss may be counted as pipeline layers (uneven first/last stages), so pp·vpp may reach layers + 2. */
  readonly unevenPipeline: boolean;
  /** Recomputation policies it offers. */
  readonly recomputes: readonly Recompute[];
  /**
   * What 'selective' recompute means: 'modules' — Megatron's selective recompute (norms,
   * activation function; attention core when unfused; Korthikanti et al. 2022 §5) — or 'per-op'
   * — torchtitan's per-op selective activation checkpointing, which saves the block input, the
   * attention output and every second matmul output and recomputes the rest (Liang et al. 2024).
   */
  readonly selectiveRecompute: 'modules' | 'per-op';
  /** ZeRO/FSDP stages it offers without pipeline parallelism (1 = distributed optimizer). */
  readonly zeroStages: readonly Zero[];
  /** ZeRO/FSDP stages it combines with pipeline parallelism. */
  readonly zeroWithPp: readonly Zero[];
  /** Pipeline schedules it offers. */
  readonly schedules: readonly Schedule[];
  /** ZeRO-3 collectives: flat over the data-parallel group (DeepSpeed before ZeRO++) or hierarchical and prefetched. */
  readonly zero3Collectives: 'flat' | 'hierarchical';
  /** Activations FP8 plans cache in FP8 (Transformer Engine: GEMM inputs; DeepSeek-V3: the FFN's). */
  readonly fp8Activations: 'gemm-inputs' | 'ffn';
  /** MoE token dispatch across nodes. */
  readonly moeDispatch: 'node-dedup' | 'per-copy';
  /** Every switch with its value and source (what `chipbound frameworks` prints). */
  readonly switches: readonly FrameworkSwitch[];
}

const all: readonly Recompute[] = ['none', 'selective', 'full'];
const src = {
  narayanan: 'Narayanan et al. 2021, arXiv 2104.04473 (Megatron-LM PTD-P)',
  korthikanti: 'Korthikanti et al. 2022, arXiv 2205.05198 (sequence parallelism, selective recompute)',
  flash: 'Dao et al. 2022, arXiv 2205.14135 (FlashAttention); Dao 2023, arXiv 2307.08691 (FlashAttention-2)',
  dsPipe: 'DeepSpeed runtime/pipe/engine.py: "ZeRO-2 and ZeRO-3 are incompatible with pipeline parallelism"; TrainSchedule is 1F1B (deepspeed.ai/tutorials/pipeline)',
  zero: 'Rajbhandari et al. 2020, arXiv 1910.02054 (ZeRO stages 1-3)',
  zeroPP: 'Wang et al. 2023, arXiv 2306.10209 (ZeRO++: hierarchical partitioning; earlier ZeRO-3 gathers over the flat group)',
  mtnlg: 'Smith et al. 2022, arXiv 2201.11990 §3 (MT-NLG on Megatron-DeepSpeed: ZeRO-1 with PP, full recompute)',
  bloom: 'BigScience 2022, arXiv 2211.05100 §3.4 (Megatron-DeepSpeed fork: ZeRO-1, fused softmax, no FlashAttention)',
  mlmArgs: 'NVIDIA/Megatron-LM megatron/training/arguments.py (--use-distributed-optimizer, --overlap-grad-reduce, --tp-comm-overlap, --context-parallel-size)',
  mlmSplit: 'NVIDIA/Megatron-LM arguments.py --account-for-embedding-in-pipeline-split / --account-for-loss-in-pipeline-split (Llama 3.1 405B recipes: 126 layers + embedding + loss on PP16×VP8)',
  mcoreMoe: 'NVIDIA/Megatron-LM megatron/core/transformer/moe/README.md (expert parallelism, all-to-all dispatcher)',
  nemoOverlap: 'NVIDIA NeMo Framework user guide, "Communication Overlap" (TP userbuffers overlap, chunked DP overlap, BF16 grad reduce)',
  nemoPar: 'NVIDIA NeMo Framework user guide, "Parallelisms" (TP, SP, PP with interleaving, CP, EP, distributed optimizer)',
  te: 'NVIDIA Transformer Engine docs (FP8 GEMM inputs saved for backward)',
  titan: 'Liang et al. 2024, arXiv 2410.06511 (TorchTitan: FSDP2, per-op selective activation checkpointing, async TP, PP schedules incl. interleaved zero bubble)',
  llama3: 'Llama Team 2024, arXiv 2407.21783 §3.3.2 (FSDP without resharding after forward with PP, i.e. ZeRO-2 + PP; CP for long context)',
  zb: 'Qi et al. 2024, arXiv 2401.10241 (zero-bubble pipeline); PyTorch 2.5 torch.distributed.pipelining ScheduleInterleavedZeroBubble',
  dsv2: 'DeepSeek-AI 2024, arXiv 2405.04434 §3.1.3 (HAI-LLM: zero-bubble pipeline, EP, ZeRO-1)',
  dsv3: 'DeepSeek-AI 2024, arXiv 2412.19437 §3.2 (DualPipe, node-limited dispatch, §3.3.2 FP8 activation caching, no TP)',
} as const;

function sw(behaviour: string, value: string, modelled: boolean, source: string): FrameworkSwitch {
  return { behaviour, value, modelled, source };
}

/** Builds the switch list from the modelled fields plus the release's documented-only behaviours. */
function profile(p: Omit<FrameworkProfile, 'switches'>, extra: readonly FrameworkSwitch[], sources: { tpOverlap: string; attention: string; pipeline: string; zero: string; schedules: string; recompute: string; parallel: string; moe: string }): FrameworkProfile {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  return {
    ...p,
    switches: [
      sw('TP communication overlap (modelled: hidden behind the layer GEMMs, at the SM cost of the overlapped kernels)', yes(p.tpCommOverlap), true, sources.tpOverlap),
      sw('attention kernel', p.attention === 'flash' ? 'FlashAttention-2 or later (fused; validate gives runs trained before July 2023 FlashAttention-1)' : 'unfused (s×s scores, softmax and dropout memory-bound)', true, sources.attention),
      sw('dropout in the recipe', yes(p.dropout), true, sources.attention),
      sw('sequence parallelism', yes(p.sequenceParallel), true, sources.parallel),
      sw('context parallelism', yes(p.contextParallel), true, sources.parallel),
      sw('expert parallelism', yes(p.expertParallel), true, sources.moe),
      sw('pipeline sends', p.ppScatterGather ? 'scatter/gather over TP ranks' : 'full activation from every TP rank', true, sources.pipeline),
      sw('embedding/loss as pipeline layers (uneven split)', yes(p.unevenPipeline), true, sources.pipeline),
      sw('recompute policies', `${p.recomputes.join(', ')}${p.recomputes.includes('selective') ? ` (selective = ${p.selectiveRecompute === 'per-op' ? 'per-op SAC: block input, attention output and every second matmul output saved' : 'Megatron modules: norms and activation function recomputed'})` : ''}`, true, sources.recompute),
      sw('ZeRO/FSDP stages', p.zeroStages.join(', '), true, sources.zero),
      sw('ZeRO/FSDP stages with PP', p.zeroWithPp.join(', ') || 'none (no PP)', true, sources.zero),
      sw('pipeline schedules', p.schedules.join(', '), true, sources.schedules),
      sw('ZeRO-3 collectives', p.zero3Collectives, true, sources.zero),
      sw('FP8 activations cached', p.fp8Activations, true, sources.moe === src.dsv3 ? src.dsv3 : src.te),
      sw('MoE dispatch', p.moeDispatch, true, sources.moe),
      ...extra,
    ],
  };
}

const noOverlap = (source: string) => [
  sw('DP gradient-reduce overlap', 'no (reduce after the last backward)', false, source),
  sw('gradient reduce precision', 'fp32', false, source),
];

/** The nine profiles, by id (a typed table: every id has exactly one profile). */
export const frameworkProfiles = {
  'megatron-deepspeed-2021': profile(
    {
      id: 'megatron-deepspeed-2021', name: 'Megatron-DeepSpeed (2021, MT-NLG era)', attention: 'unfused', dropout: true, tpCommOverlap: false, sequenceParallel: false, contextParallel: false,
      expertParallel: false, ppScatterGather: false, unevenPipeline: false, recomputes: ['none', 'full'], selectiveRecompute: 'modules', zeroStages: [0, 1, 2, 3], zeroWithPp: [0, 1], schedules: ['1f1b'],
      zero3Collectives: 'flat', fp8Activations: 'gemm-inputs', moeDispatch: 'per-copy',
    },
    noOverlap(src.mtnlg),
    { tpOverlap: src.mtnlg, attention: src.mtnlg, pipeline: src.dsPipe, zero: `${src.dsPipe}; ${src.zero}`, schedules: src.dsPipe, recompute: src.mtnlg, parallel: src.mtnlg, moe: src.mtnlg },
  ),
  'megatron-deepspeed-2022': profile(
    {
      id: 'megatron-deepspeed-2022', name: 'Megatron-DeepSpeed (2022, BLOOM / GLM-130B era)', attention: 'unfused', dropout: true, tpCommOverlap: false, sequenceParallel: false, contextParallel: false,
      expertParallel: true, ppScatterGather: false, unevenPipeline: false, recomputes: ['none', 'full'], selectiveRecompute: 'modules', zeroStages: [0, 1, 2, 3], zeroWithPp: [0, 1], schedules: ['1f1b'],
      zero3Collectives: 'flat', fp8Activations: 'gemm-inputs', moeDispatch: 'per-copy',
    },
    noOverlap(src.bloom),
    { tpOverlap: src.bloom, attention: src.bloom, pipeline: src.dsPipe, zero: `${src.dsPipe}; ${src.zero}`, schedules: src.dsPipe, recompute: src.bloom, parallel: src.bloom, moe: 'Rajbhandari et al. 2022, arXiv 2201.05596 (DeepSpeed-MoE expert parallelism)' },
  ),
  'deepspeed-zero3-2021': profile(
    {
      id: 'deepspeed-zero3-2021', name: 'DeepSpeed ZeRO-3 (2021, before ZeRO++)', attention: 'unfused', dropout: true, tpCommOverlap: false, sequenceParallel: false, contextParallel: false,
      expertParallel: false, ppScatterGather: false, unevenPipeline: false, recomputes: ['none', 'full'], selectiveRecompute: 'modules', zeroStages: [0, 1, 2, 3], zeroWithPp: [], schedules: ['1f1b'],
      zero3Collectives: 'flat', fp8Activations: 'gemm-inputs', moeDispatch: 'per-copy',
    },
    noOverlap(src.zero),
    { tpOverlap: src.zero, attention: src.narayanan, pipeline: src.dsPipe, zero: `${src.zero}; ${src.zeroPP}; ${src.dsPipe}`, schedules: src.dsPipe, recompute: src.zero, parallel: src.narayanan, moe: src.zero },
  ),
  'megatron-lm-2022': profile(
    {
      id: 'megatron-lm-2022', name: 'Megatron-LM (2022, sequence parallelism + selective recompute)', attention: 'unfused', dropout: true, tpCommOverlap: false, sequenceParallel: true, contextParallel: false,
      expertParallel: false, ppScatterGather: true, unevenPipeline: false, recomputes: all, selectiveRecompute: 'modules', zeroStages: [0, 1], zeroWithPp: [0, 1], schedules: ['1f1b', 'interleaved'],
      zero3Collectives: 'hierarchical', fp8Activations: 'gemm-inputs', moeDispatch: 'per-copy',
    },
    noOverlap(src.korthikanti),
    { tpOverlap: src.korthikanti, attention: src.korthikanti, pipeline: src.narayanan, zero: src.mlmArgs, schedules: src.narayanan, recompute: src.korthikanti, parallel: src.korthikanti, moe: src.mlmArgs },
  ),
  'megatron-lm-2023': profile(
    {
      id: 'megatron-lm-2023', name: 'Megatron-LM (2023, FlashAttention, Transformer Engine FP8)', attention: 'flash', dropout: false, tpCommOverlap: false, sequenceParallel: true, contextParallel: false,
      expertParallel: false, ppScatterGather: true, unevenPipeline: false, recomputes: all, selectiveRecompute: 'modules', zeroStages: [0, 1], zeroWithPp: [0, 1], schedules: ['1f1b', 'interleaved'],
      zero3Collectives: 'hierarchical', fp8Activations: 'gemm-inputs', moeDispatch: 'per-copy',
    },
    [sw('DP gradient-reduce overlap', 'no (default off)', false, src.mlmArgs), sw('gradient reduce precision', 'fp32', false, src.mlmArgs)],
    { tpOverlap: src.mlmArgs, attention: src.flash, pipeline: src.narayanan, zero: src.mlmArgs, schedules: src.narayanan, recompute: src.korthikanti, parallel: src.mlmArgs, moe: src.mlmArgs },
  ),
  'megatron-lm-2024': profile(
    {
      id: 'megatron-lm-2024', name: 'Megatron-LM / Megatron-Core (2024)', attention: 'flash', dropout: false, tpCommOverlap: false, sequenceParallel: true, contextParallel: true,
      expertParallel: true, ppScatterGather: true, unevenPipeline: true, recomputes: all, selectiveRecompute: 'modules', zeroStages: [0, 1], zeroWithPp: [0, 1], schedules: ['1f1b', 'interleaved'],
      zero3Collectives: 'hierarchical', fp8Activations: 'gemm-inputs', moeDispatch: 'per-copy',
    },
    [sw('DP gradient-reduce overlap', 'available (--overlap-grad-reduce), default off', false, src.mlmArgs), sw('gradient reduce precision', 'fp32 by default', false, src.mlmArgs)],
    { tpOverlap: src.mlmArgs, attention: src.flash, pipeline: `${src.narayanan}; ${src.mlmSplit}`, zero: src.mlmArgs, schedules: src.narayanan, recompute: src.korthikanti, parallel: src.mlmArgs, moe: src.mcoreMoe },
  ),
  'nemo-2024': profile(
    {
      id: 'nemo-2024', name: 'NVIDIA NeMo (2024, Megatron-Core recipes)', attention: 'flash', dropout: false, tpCommOverlap: true, sequenceParallel: true, contextParallel: true,
      expertParallel: true, ppScatterGather: true, unevenPipeline: true, recomputes: all, selectiveRecompute: 'modules', zeroStages: [0, 1], zeroWithPp: [0, 1], schedules: ['1f1b', 'interleaved'],
      zero3Collectives: 'hierarchical', fp8Activations: 'gemm-inputs', moeDispatch: 'per-copy',
    },
    [sw('DP gradient-reduce overlap', 'on, chunked per layer', false, src.nemoOverlap), sw('gradient reduce precision', 'bf16 available', false, src.nemoOverlap)],
    { tpOverlap: src.nemoOverlap, attention: src.flash, pipeline: `${src.nemoPar}; ${src.mlmSplit}`, zero: src.nemoPar, schedules: src.nemoPar, recompute: src.nemoPar, parallel: src.nemoPar, moe: src.mcoreMoe },
  ),
  'torchtitan-2024': profile(
    {
      id: 'torchtitan-2024', name: 'TorchTitan (2024, PyTorch FSDP2 + TP + PP + CP)', attention: 'flash', dropout: false, tpCommOverlap: false, sequenceParallel: true, contextParallel: true,
      expertParallel: false, ppScatterGather: true, unevenPipeline: false, recomputes: all, selectiveRecompute: 'per-op', zeroStages: [0, 2, 3], zeroWithPp: [0, 2, 3], schedules: ['1f1b', 'interleaved', 'zb'],
      zero3Collectives: 'hierarchical', fp8Activations: 'gemm-inputs', moeDispatch: 'per-copy',
    },
    [sw('DP gradient-reduce overlap', 'yes (FSDP2 per-block prefetch and reduce-scatter)', false, src.titan), sw('gradient reduce precision', 'fp32 reduce by default (mixed-precision policy)', false, src.titan)],
    { tpOverlap: src.titan, attention: src.titan, pipeline: src.titan, zero: `${src.titan}; ${src.llama3}`, schedules: `${src.titan}; ${src.zb}`, recompute: src.titan, parallel: `${src.titan}; ${src.llama3}`, moe: src.titan },
  ),
  'hai-llm-2024': profile(
    {
      id: 'hai-llm-2024', name: "DeepSeek's HAI-LLM (2024)", attention: 'flash', dropout: false, tpCommOverlap: false, sequenceParallel: true, contextParallel: false,
      expertParallel: true, ppScatterGather: true, unevenPipeline: true, recomputes: all, selectiveRecompute: 'modules', zeroStages: [0, 1], zeroWithPp: [0, 1], schedules: ['1f1b', 'zb', 'dualpipe'],
      zero3Collectives: 'hierarchical', fp8Activations: 'ffn', moeDispatch: 'node-dedup',
    },
    [sw('DP gradient-reduce overlap', 'yes', false, src.dsv3), sw('gradient reduce precision', 'bf16', false, src.dsv3)],
    { tpOverlap: src.dsv3, attention: src.dsv3, pipeline: src.dsv3, zero: src.dsv2, schedules: `${src.dsv2}; ${src.dsv3}`, recompute: src.dsv3, parallel: src.dsv3, moe: src.dsv3 },
  ),
} as const satisfies Record<FrameworkId, FrameworkProfile>;

/** Whether a string is a profile id. */
export function isFrameworkId(s: string): s is FrameworkId {
  return (frameworkIds as readonly string[]).includes(s);
}

/** The profile of an id. */
export function frameworkProfile(id: FrameworkId): FrameworkProfile {
  return frameworkProfiles[id];
}
