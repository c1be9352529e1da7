/**
 * The three scheduling modes at a given load, per attention replica (docs/serving.md §2).
 *
 * - `static`: batch then decode (evaluate.ts): prompts are prefilled in their own forward passes and
 *   every decoding sequence stalls while they run.
 * - `inflight`: continuous batching with chunked prefill (TensorRT-LLM in-flight batching + chunked
 *   context, vLLM V1, SGLang; Agrawal et al., "Sarathi-Serve", OSDI 2024). Each step runs the b
 *   decode tokens plus a prefill chunk in one forward pass, up to a token budget. In steady state a
 *   request occupies a decode slot for osl/accept steps and brings isl prompt tokens, so each step
 *   carries c = b·isl/(osl/accept) prompt tokens: prefill work rides on memory-bound decode steps.
 * - `disaggregated`: separate prefill and decode pools (DistServe, OSDI 2024; DeepSeek's inference
 *   system); the KV cache of each prompt crosses the scale-out network (scenario.ts).
 */
import type { Chip, Model } from '../catalog/schemas.js';
import { linksOf } from './comm.js';
import { iterationOverheadS } from './efficiency.js';
import { scale } from './evaluate.js';
import { maxSequencesPerReplica, servingMemory } from './memory.js';
import { decodeAttention, deployment, prefillAttention, stageForward, type Deployment } from './step.js';
import type { KvPrecision, ServingPlan, Speculative, StepBreakdown, WeightPrecision } from './types.js';

/** What an in-flight step model needs (one deployment layout, mean lengths). */
export interface ReplicaContext {
  readonly model: Model;
  readonly chip: Chip;
  readonly plan: ServingPlan;
  readonly d: Deployment;
  /** Mean prompt tokens. */
  readonly isl: number;
  /** Mean output tokens. */
  readonly osl: number;
  /** Token budget per forward pass per attention replica. */
  readonly chunkTokens: number;
  /** Host time per iteration, seconds. */
  readonly hostS: number;
  readonly speculative?: Speculative;
  /** Largest number of sequences per attention replica whose KV cache fits (0 = weights do not fit). */
  readonly maxPerReplica: number;
}

/** Builds the context of one layout. `kvLen` sizes each sequence's KV reservation (prompt + output, tokens). */
export function replicaContext(a: {
  model: Model;
  chip: Chip;
  plan: ServingPlan;
  precision: WeightPrecision;
  kvPrecision: KvPrecision;
  isl: number;
  osl: number;
  kvLen: number;
  chunkTokens: number;
  hostS?: number;
  speculative?: Speculative;
  gpusPerNode?: number;
  overlap?: boolean;
  kvMemoryFraction?: number;
  maxBatchPerReplica?: number;
}): ReplicaContext {
  const links = linksOf(a.chip, a.gpusPerNode);
  const overlap = a.overlap ?? (a.plan.ep > 1 && a.plan.dp > 1);
  const d = deployment(a.model, a.chip, a.plan, a.precision, a.kvPrecision, links, overlap);
  const mem = servingMemory(a.model, a.chip, a.plan, a.precision, a.kvPrecision, a.kvLen, 0, a.kvMemoryFraction);
  return {
    model: a.model,
    chip: a.chip,
    plan: a.plan,
    d,
    isl: a.isl,
    osl: a.osl,
    chunkTokens: a.chunkTokens,
    hostS: a.hostS ?? iterationOverheadS,
    speculative: a.speculative,
    maxPerReplica: maxSequencesPerReplica(mem, a.maxBatchPerReplica),
  };
}

/** One in-flight step at b sequences decoding per replica. */
export interface InflightStep {
  /** Sequences decoding per replica (after the token budget). */
  readonly batch: number;
  /** Prompt tokens carried per step per replica. */
  readonly prefillTokens: number;
  /** Prompt-token room left in the budget per step. */
  readonly prefillRoom: number;
  /** Seconds per step. */
  readonly stepSeconds: number;
  /** Output tokens per second per replica. */
  readonly outputTokensPerSecond: number;
  /** Requests completed per second per replica. */
  readonly requestsPerSecond: number;
  /** Terms of one step (all pipeline stages, host included). */
  readonly breakdown: StepBreakdown;
}

/** Decode steps a request spends in the batch (speculative acceptance applied). */
export function decodeSteps(c: ReplicaContext): number {
  return Math.max(1, c.osl / (c.speculative?.acceptLength ?? 1));
}

/**
 * One in-flight step with b sequences decoding per replica, carrying `prefillTokens` prompt tokens
 * (default: the steady-state share b·isl/decodeSteps, capped by the budget). `decodeOnly`: a
 * decode pool (disaggregated), no prompt tokens at all.
 */
export function inflightStep(c: ReplicaContext, b: number, prefillTokens?: number, decodeOnly = false): InflightStep {
  const { model: m, plan } = c;
  const q = 1 + (c.speculative?.draftTokens ?? 0);
  const n = decodeSteps(c);
  // The budget holds decode tokens and the prompt share they bring; beyond it prefill cannot keep up.
  const bMax = c.chunkTokens / (q + (decodeOnly ? 0 : c.isl / n));
  const batch = Math.max(0, Math.min(b, bMax));
  const room = Math.max(0, c.chunkTokens - batch * q);
  const pre = decodeOnly ? 0 : Math.min(prefillTokens ?? (batch * c.isl) / n, room);
  const pp = plan.pp;
  const decTokens = (batch * q) / pp;
  const preTokens = pre / pp;
  const meanContext = c.isl + c.osl / 2;
  const attn = decodeAttention(m, batch / pp, q, meanContext);
  // A chunk of a prompt attends to its own tokens and the chunks before it: over a whole prompt the
  // work is that of prefilling it at once (causal), so the share per step is pre/isl prompts.
  const extra = pre > 0 ? prefillAttention(m, preTokens / c.isl, c.isl) : undefined;
  const stage = stageForward(c.d, decTokens + preTokens, attn, decTokens + (pre > 0 ? preTokens / c.isl : 0), undefined, extra);
  const draftFactor = c.speculative ? 1 + c.speculative.draftTokens / m.layers : 1;
  const staged = scale(stage, pp * draftFactor);
  const breakdown = { ...staged, host: c.hostS, total: staged.total + c.hostS };
  const step = breakdown.total;
  const accept = c.speculative?.acceptLength ?? 1;
  return {
    batch,
    prefillTokens: pre,
    prefillRoom: room,
    stepSeconds: step,
    outputTokensPerSecond: (batch * accept) / step,
    requestsPerSecond: (batch * accept) / c.osl / step,
    breakdown,
  };
}

/** A prompt-only forward pass of up to the budget (the prefill pool of a disaggregated deployment). */
export function prefillPass(c: ReplicaContext): { readonly seconds: number; readonly tokens: number; readonly breakdown: StepBreakdown } {
  const perPass = Math.max(1, Math.floor(c.chunkTokens / c.isl));
  const tokens = c.isl >= c.chunkTokens ? c.chunkTokens : perPass * c.isl;
  const prompts = tokens / c.isl;
  const stage = stageForward(c.d, tokens, prefillAttention(c.model, prompts, c.isl), Math.max(1, prompts));
  const staged = scale(stage, 1);
  const breakdown = { ...staged, host: c.hostS, total: staged.total + c.hostS };
  return { seconds: breakdown.total, tokens, breakdown };
}
