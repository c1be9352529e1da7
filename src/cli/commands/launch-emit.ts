/**
 * `--emit` / `--out` of `train` and `infer` (docs/launch.md): turns the chosen plan into a
 * framework or engine configuration (core/emit/) and prints it or writes its files.
 */
import { join } from 'node:path';
import { ChipboundError } from '../../core/errors.js';
import { renderLaunch, serveEmitters, trainEmitters } from '../../core/emit/emit.js';
import { scenarioLaunchInput, serveLaunchInput, trainLaunchInput } from '../../core/emit/inputs.js';
import type { LaunchConfig, ServeTarget, TrainTarget } from '../../core/emit/types.js';
import type { ScenarioResult } from '../../core/infer/scenario.js';
import type { KvPrecision, ServingResult, WeightPrecision } from '../../core/infer/types.js';
import type { Plan, TrainJob } from '../../core/train/types.js';
import type { Model } from '../../core/catalog/schemas.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { checkOutPath } from '../../io/out-path.js';

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

/**
 * The serving configuration of the layout an `infer --scenario` run chose (one pool, or the prefill
 * and decode pools when disaggregated). Notes where the scenario's engine profile or scheduling mode
 * is not what the target engine will run.
 */
export function scenarioLaunch(
  target: ServeTarget,
  model: Model,
  r: ScenarioResult,
  o: { precision?: WeightPrecision; kvPrecision?: KvPrecision; gpusPerNode?: number; draftTokens?: number; acceptLength?: number },
  chipDomain: number | null | undefined,
): LaunchConfig {
  const speculative = o.draftTokens !== undefined && o.acceptLength !== undefined ? { draftTokens: o.draftTokens, acceptLength: o.acceptLength } : undefined;
  const c = serveEmitters[target](scenarioLaunchInput(model, r, { precision: o.precision, kvPrecision: o.kvPrecision, speculative, gpusPerNode: o.gpusPerNode, chipDomain }));
  return { ...c, notes: [...c.notes, ...scenarioEmitNotes(target, r)] };
}

/** What an emitted configuration does not carry over from the scenario that chose its layout. */
export function scenarioEmitNotes(target: ServeTarget, r: ScenarioResult): string[] {
  const notes: string[] = [`layout chosen by --scenario ${r.scenario}${r.engine ? ` with engine profile ${r.engine}` : ''}, scheduling ${r.scheduling}, ${r.chunkTokens} tokens per pass`];
  const family = r.engine?.split('-')[0];
  if (family && family !== target && !(family === 'deepseek' && target === 'sglang')) notes.push(`the prediction used engine profile ${r.engine}; ${target} may schedule differently`);
  if (r.scheduling === 'static') notes.push(`the prediction assumed static batching (batch, then decode); ${target} runs in-flight batching with chunked prefill, which is usually faster`);
  if (r.scenario === 'server') notes.push(`server: sequences per replica capped at the largest batch whose KV cache fits (${Math.floor(r.maxBatch)} whole deployment); the predicted mean at the operating rate is ${Math.ceil(r.batch)}`);
  if (!r.feasible) notes.push(`the scenario found no feasible operating point (${r.reason ?? 'see the result'}); the configuration is emitted anyway`);
  return notes;
}

/** Refuses an --out without --emit. */
export function checkEmitFlags(o: EmitFlags): void {
  if (o.out !== undefined && o.emit === undefined) throw new ChipboundError('usage', '--out: needs --emit <target> (the configuration to write)');
  if (o.out !== undefined && o.out.trim() === '') throw new ChipboundError('usage', "--out: expected a folder, got ''");
  if (o.out !== undefined) checkOutPath('--out', o.out, 'folder');
}
