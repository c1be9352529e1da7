/** Emitter inputs from what the evaluators take and return (shared by the CLI and the web app). */
import type { Model } from '../catalog/schemas.js';
import { kvMemoryFraction, maxNumTokens } from '../infer/memory.js';
import type { ScenarioResult } from '../infer/scenario.js';
import type { KvPrecision, ServingResult, Speculative, WeightPrecision } from '../infer/types.js';
import type { Plan, TrainJob } from '../train/types.js';
import type { ServeLaunchInput, ServePool, TrainLaunchInput } from './types.js';

/** Most GPUs per host the launch scripts assume (an HGX board); larger scale-up domains (NVL72) span several hosts. */
export const maxGpusPerHost = 8;

/** The training emitter input of a job and a plan (GPUs per host: the job's scale-up domain used, at most 8). */
export function trainLaunchInput(job: TrainJob, plan: Plan, framework?: string): TrainLaunchInput {
  const perNode = Math.max(1, Math.min(job.gpusPerNode ?? job.chip.scaleUpDomain ?? 8, job.gpus, maxGpusPerHost));
  return {
    model: job.model,
    gpus: job.gpus,
    gpusPerNode: perNode,
    seq: job.seq,
    globalBatch: job.globalBatch,
    ...(job.tokens !== undefined ? { tokens: job.tokens } : {}),
    plan,
    ...(framework !== undefined ? { framework } : {}),
  };
}

/** The serving emitter input of an evaluated deployment: one pool, the deployment's phase. */
export function serveLaunchInput(model: Model, r: ServingResult, o: { speculative?: Speculative; gpusPerNode?: number; chipDomain?: number | null }): ServeLaunchInput {
  return {
    model,
    pools: [{ phase: r.phase, gpus: r.gpus, plan: r.plan, batch: r.batch }],
    promptTokens: r.promptTokens,
    outputTokens: r.outputTokens,
    precision: r.precision,
    kvPrecision: r.kvPrecision,
    ...(o.speculative ? { speculative: o.speculative } : {}),
    gpusPerNode: Math.min(o.gpusPerNode ?? Math.min(o.chipDomain ?? 8, 8), maxGpusPerHost),
    // The defaults the serving prediction uses (ServingInput in core/infer/types.ts).
    maxNumTokens,
    kvMemoryFraction,
  };
}

/**
 * The serving emitter input of a scenario result (`infer --scenario`): the layout the scenario
 * chose, the engine's token budget per pass, the longest request lengths (max-model-len must hold
 * them) and, disaggregated, one pool per side. Sequences in flight: the batch at the operating
 * point offline; in server the largest batch whose KV cache fits (arrivals are bursty; the engine
 * admits what arrives up to that cap).
 */
export function scenarioLaunchInput(
  model: Model,
  r: ScenarioResult,
  o: { precision?: WeightPrecision; kvPrecision?: KvPrecision; speculative?: Speculative; gpusPerNode?: number; chipDomain?: number | null; kvMemoryFraction?: number },
): ServeLaunchInput {
  const decodeBatch = Math.max(1, Math.ceil(r.scenario === 'offline' ? r.batch : r.maxBatch));
  const pools: ServePool[] = [];
  if (r.pools) {
    const p = r.pools.prefillPlan;
    const instances = Math.max(1, Math.floor(r.pools.prefillGpus / (p.tp * p.dp * p.pp)));
    // Prompts per pass per replica: the token budget over the mean prompt (at least one).
    const perPass = Math.max(1, Math.floor(r.chunkTokens / Math.max(1, r.promptTokens.mean)));
    pools.push({ phase: 'prefill', gpus: r.pools.prefillGpus, plan: p, batch: instances * p.dp * perPass });
    pools.push({ phase: 'decode', gpus: r.pools.decodeGpus, plan: r.pools.decodePlan, batch: decodeBatch });
  } else {
    pools.push({ phase: 'both', gpus: r.gpus, plan: r.plan, batch: decodeBatch });
  }
  return {
    model,
    pools,
    promptTokens: r.promptTokens.max,
    outputTokens: r.outputTokens.max,
    precision: o.precision ?? 'bf16',
    kvPrecision: o.kvPrecision ?? 'bf16',
    ...(o.speculative ? { speculative: o.speculative } : {}),
    gpusPerNode: Math.min(o.gpusPerNode ?? Math.min(o.chipDomain ?? 8, 8), maxGpusPerHost),
    maxNumTokens: r.chunkTokens,
    kvMemoryFraction: o.kvMemoryFraction ?? kvMemoryFraction,
  };
}
