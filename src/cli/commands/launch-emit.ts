/**
 * `--emit` / `--out` of `train` and `infer` (docs/launch.md): turns the chosen plan into a
 * framework or engine configuration (core/emit/) and prints it or writes its files.
 */
import { join } from 'node:path';
import { ChipboundError } from '../../core/errors.js';
import { renderLaunch, serveEmitters, trainEmitters } from '../../core/emit/emit.js';
import { serveLaunchInput, trainLaunchInput } from '../../core/emit/inputs.js';
import type { LaunchConfig, ServeTarget, TrainTarget } from '../../core/emit/types.js';
import type { ServingResult } from '../../core/infer/types.js';
import type { Plan, TrainJob } from '../../core/train/types.js';
import type { Model } from '../../core/catalog/schemas.js';
import { writeFileAtomic } from '../../io/write-atomic.js';

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

/** The training configuration of a plan. */
export function trainLaunch(target: TrainTarget, job: TrainJob, plan: Plan, framework: string | undefined): LaunchConfig {
  return trainEmitters[target](trainLaunchInput(job, plan, framework));
}

/** The serving configuration of an evaluated deployment (one pool: the deployment's phase). */
export function serveLaunch(target: ServeTarget, model: Model, r: ServingResult, o: { gpusPerNode?: number; draftTokens?: number; acceptLength?: number }, chipDomain: number | null | undefined): LaunchConfig {
  const speculative = o.draftTokens !== undefined && o.acceptLength !== undefined ? { draftTokens: o.draftTokens, acceptLength: o.acceptLength } : undefined;
  return serveEmitters[target](serveLaunchInput(model, r, { speculative, gpusPerNode: o.gpusPerNode, chipDomain }));
}

/** Refuses an --out without --emit. */
export function checkEmitFlags(o: EmitFlags): void {
  if (o.out !== undefined && o.emit === undefined) throw new ChipboundError('usage', '--out: needs --emit <target> (the configuration to write)');
}
