/**
 * `--emit` / `--out` of `train` and `infer` (docs/launch.md): turns the chosen plan into a
 * framework or engine configuration (core/emit/) and prints it or writes its files.
 */
import { join } from 'node:path';
import { ChipboundError } from '../../core/errors.js';
import { maxGpusPerHost, renderLaunch, serveEmitters, trainEmitters } from '../../core/emit/emit.js';
import type { LaunchConfig, ServeLaunchInput, ServeTarget, TrainTarget } from '../../core/emit/types.js';
import type { ServingResult } from '../../core/infer/types.js';
import type { Plan, TrainJob } from '../../core/train/types.js';
import type { Model } from '../../core/catalog/schemas.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { kvMemoryFraction, maxNumTokens } from '../../core/infer/memory.js';

/** Where an emitted configuration goes: printed (no out) or written into `out`. */
export interface EmitFlags {
  readonly emit?: string;
  readonly out?: string;
}

/** Prints or writes a configuration; returns the text for stdout. */
export function deliverLaunch(c: LaunchConfig, out: string | undefined): string {
  if (out === undefined) return renderLaunch(c);
  for (const f of c.files) writeFileAtomic(join(out, f.name), f.content);
  return [
    `${c.target} configuration (${c.version}) written: ${c.files.map((f) => join(out, f.name)).join(', ')}`,
    ...(c.placeholders.length ? [`placeholders to fill: ${c.placeholders.join(', ')}`] : []),
    ...c.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

/** GPUs per host for launch scripts: the scale-up domain used, at most an HGX board. */
function hostGpus(perNode: number): number {
  return Math.min(perNode, maxGpusPerHost);
}

/** The training configuration of a plan. */
export function trainLaunch(target: TrainTarget, job: TrainJob, plan: Plan, framework: string | undefined): LaunchConfig {
  const perNode = Math.max(1, Math.min(job.gpusPerNode ?? job.chip.scaleUpDomain ?? 8, job.gpus));
  return trainEmitters[target]({
    model: job.model,
    gpus: job.gpus,
    gpusPerNode: hostGpus(perNode),
    seq: job.seq,
    globalBatch: job.globalBatch,
    ...(job.tokens !== undefined ? { tokens: job.tokens } : {}),
    plan,
    ...(framework !== undefined ? { framework } : {}),
  });
}

/** The serving configuration of an evaluated deployment (one pool: the deployment's phase). */
export function serveLaunch(target: ServeTarget, model: Model, r: ServingResult, o: { gpusPerNode?: number; draftTokens?: number; acceptLength?: number }, chipDomain: number | null | undefined): LaunchConfig {
  const input: ServeLaunchInput = {
    model,
    pools: [{ phase: r.phase, gpus: r.gpus, plan: r.plan, batch: r.batch }],
    promptTokens: r.promptTokens,
    outputTokens: r.outputTokens,
    precision: r.precision,
    kvPrecision: r.kvPrecision,
    ...(o.draftTokens !== undefined && o.acceptLength !== undefined ? { speculative: { draftTokens: o.draftTokens, acceptLength: o.acceptLength } } : {}),
    gpusPerNode: hostGpus(o.gpusPerNode ?? Math.min(chipDomain ?? 8, 8)),
    // The defaults the serving prediction uses (core/infer/types.ts ServingInput).
    maxNumTokens,
    kvMemoryFraction,
  };
  return serveEmitters[target](input);
}

/** Refuses an --out without --emit. */
export function checkEmitFlags(o: EmitFlags): void {
  if (o.out !== undefined && o.emit === undefined) throw new ChipboundError('usage', '--out: needs --emit <target> (the configuration to write)');
}
