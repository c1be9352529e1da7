/** Emitter inputs from what the evaluators take and return (shared by the CLI and the web app). */
import type { Model } from '../catalog/schemas.js';
import { kvMemoryFraction, maxNumTokens } from '../infer/memory.js';
import type { ServingResult, Speculative } from '../infer/types.js';
import type { Plan, TrainJob } from '../train/types.js';
import type { ServeLaunchInput, TrainLaunchInput } from './types.js';

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
