/**
 * Launch-configuration emitters (docs/launch.md): a chosen training plan or serving deployment
 * rendered as the arguments or config file a framework or engine takes. Pure: each emitter takes
 * the plan object and returns file contents; the CLI writes or prints them.
 */
import type { Model } from '../catalog/schemas.js';
import type { KvPrecision, Phase, ServingPlan, Speculative, WeightPrecision } from '../infer/types.js';
import type { Plan } from '../train/types.js';

/** One emitted option: the framework's name for it, its value, and where the value comes from. */
export interface LaunchOption {
  /** Flag (`--tensor-model-parallel-size`) or dotted config key (`parallelism.tensor_parallel_degree`). */
  readonly key: string;
  /** Value; `true` for a flag without a value; a string starting with `$` or `<` is a placeholder. */
  readonly value: string | number | boolean | readonly string[];
  /** Where the value comes from: `plan.tp`, `model.layers`, `job.globalBatch`, `placeholder`, `default` (the emitter's choice, named in the notes). */
  readonly from: string;
}

/** One emitted file. */
export interface LaunchFile {
  /** File name (no folder). */
  readonly name: string;
  /** Full text. */
  readonly content: string;
}

/** An emitted launch configuration. */
export interface LaunchConfig {
  /** Target (`megatron`, `vllm`, ...). */
  readonly target: string;
  /** The framework or engine version whose options were used (data/launch/ lists them). */
  readonly version: string;
  /** Every option set, with its origin (what the validity test checks). */
  readonly options: readonly LaunchOption[];
  /** Files to write (script, TOML, YAML, per-pool configs). */
  readonly files: readonly LaunchFile[];
  /** Placeholders the user must fill (data, tokenizer, checkpoint), by name. */
  readonly placeholders: readonly string[];
  /** What the emitter assumed or could not express (one sentence each). */
  readonly notes: readonly string[];
}

/** A training plan to emit: the job's shape and the plan found or given. */
export interface TrainLaunchInput {
  readonly model: Model;
  /** Accelerators. */
  readonly gpus: number;
  /** Accelerators per node (scale-up domain used), at most gpus. */
  readonly gpusPerNode: number;
  /** Sequence length, tokens. */
  readonly seq: number;
  /** Global batch, sequences. */
  readonly globalBatch: number;
  /** Tokens to train (gives the iteration count), if known. */
  readonly tokens?: number;
  /** The plan; `etp` is the expert-tensor-parallel degree when the plan sets one (default: 1 with ep > 1, as chipbound's MoE memory model assumes). */
  readonly plan: Plan & { readonly etp?: number };
  /** Framework profile id (`megatron-lm-2024`, `nemo-2024`, `torchtitan-2024`, `hai-llm-2024`, ...), if chosen. */
  readonly framework?: string;
}

/** One serving pool (a whole colocated deployment, or one side of a disaggregated one). */
export interface ServePool {
  /** both = colocated prefill and decode; prefill / decode = one pool of a disaggregated deployment. */
  readonly phase: Phase;
  /** Accelerators in the pool. */
  readonly gpus: number;
  /** Parallel layout of one instance. */
  readonly plan: ServingPlan;
  /** Sequences in flight across the pool. */
  readonly batch: number;
}

/** A serving deployment to emit. */
export interface ServeLaunchInput {
  readonly model: Model;
  /** One pool, or a prefill and a decode pool (disaggregated). */
  readonly pools: readonly ServePool[];
  /** Prompt tokens per request. */
  readonly promptTokens: number;
  /** Output tokens per request. */
  readonly outputTokens: number;
  /** Weight precision. */
  readonly precision: WeightPrecision;
  /** KV-cache precision. */
  readonly kvPrecision: KvPrecision;
  /** Speculative decoding, if used. */
  readonly speculative?: Speculative;
  /** Accelerators per node. */
  readonly gpusPerNode: number;
  /** Tokens per forward pass per replica (prefill chunk), as the prediction assumed. */
  readonly maxNumTokens: number;
  /** Fraction of free memory given to the KV cache, as the prediction assumed. */
  readonly kvMemoryFraction: number;
}

/** Training targets. */
export const trainTargets = ['megatron', 'nemo', 'torchtitan'] as const;
export type TrainTarget = (typeof trainTargets)[number];
/** Serving targets. */
export const serveTargets = ['vllm', 'sglang', 'trtllm'] as const;
export type ServeTarget = (typeof serveTargets)[number];
