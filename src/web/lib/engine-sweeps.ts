/**
 * Engine profiles as series of the Serve comparison chart (issue 17): for each engine of
 * `engines=`, the request-rate sweep of the MLPerf server scenario on the view's chip and layout,
 * computed by the core's runScenario exactly as `chipbound infer --scenario server --engine <id>
 * --sweep 10 --json` does (its `sweep` array). Each load point that is not overloaded becomes one
 * point: output tokens/s per accelerator against 1 / p99 TPOT (tokens/s per user). Pure (no DOM).
 */
import { ChipboundError } from '../../core/errors.js';
import { engineProfile, type EngineId } from '../../core/infer/engines.js';
import { fixedLength } from '../../core/infer/lengths.js';
import { mlperfLlama2Limits, runScenario, type ScenarioInput, type ScenarioResult } from '../../core/infer/scenario.js';
import type { ServingInput } from '../../core/infer/types.js';
import type { ServingPoint } from '../charts/compare-charts.js';

/** Points of each engine's request-rate sweep (the CLI's `--sweep` default). */
export const ENGINE_SWEEP_POINTS = 10;

/** The scenario the CLI runs for `infer --scenario server --engine <id>` with the view's inputs and TPOT target. */
export function engineScenario(input: ServingInput, engine: EngineId, tpotTargetMs: number | null): ScenarioInput {
  const limits = tpotTargetMs === null ? mlperfLlama2Limits.server : { tpotSeconds: tpotTargetMs / 1000 };
  return {
    model: input.model,
    chip: input.chip,
    gpus: input.gpus,
    plan: { tp: input.plan.tp, pp: input.plan.pp ?? 1, dp: input.plan.dp ?? 1, ep: input.plan.ep ?? 1 },
    precision: input.precision,
    kvPrecision: input.kvPrecision,
    promptTokens: fixedLength(input.promptTokens),
    outputTokens: fixedLength(input.outputTokens),
    scenario: 'server',
    engine,
    ...limits,
    sweepPoints: ENGINE_SWEEP_POINTS,
  };
}

/** The `chipbound infer` command whose `--json` has the same sweep. */
export function engineCommand(input: ServingInput, engine: EngineId, tpotTargetMs: number | null): string {
  const p = input.plan;
  const f = [`--model ${input.model.id}`, `--chip ${input.chip.id}`, `--gpus ${input.gpus}`, `--tp ${p.tp}`, `--pp ${p.pp ?? 1}`, `--dp ${p.dp ?? 1}`, `--ep ${p.ep ?? 1}`];
  f.push(`--prompt-tokens ${input.promptTokens}`, `--output-tokens ${input.outputTokens}`, `--precision ${input.precision ?? 'bf16'}`, `--kv-precision ${input.kvPrecision ?? 'bf16'}`);
  f.push('--scenario server', `--engine ${engine}`);
  f.push(tpotTargetMs === null ? `--ttft-ms ${mlperfLlama2Limits.server.ttftSeconds * 1000} --tpot-ms ${mlperfLlama2Limits.server.tpotSeconds * 1000}` : `--tpot-ms ${tpotTargetMs}`);
  f.push(`--sweep ${ENGINE_SWEEP_POINTS}`);
  return `chipbound infer ${f.join(' ')} --json`;
}

/** Each engine's sweep as chart points labelled `<chip label> · <engine id>`, the commands, and why an engine has no points. */
export function engineSweeps(input: ServingInput, engines: readonly EngineId[], tpotTargetMs: number | null, chipLabel: string): { points: ServingPoint[]; notes: string[]; commands: { label: string; command: string }[] } {
  const points: ServingPoint[] = [];
  const notes: string[] = [];
  const commands: { label: string; command: string }[] = [];
  for (const engine of engines) {
    const label = `${chipLabel} · ${engine}`;
    if ((input.phase ?? 'both') !== 'both') {
      notes.push(`${label}: engine profiles model prefill and decode together (phase both), not the ${input.phase} phase alone.`);
      continue;
    }
    let r: ScenarioResult;
    try {
      r = runScenario(engineScenario(input, engine, tpotTargetMs));
    } catch (e) {
      notes.push(`${label}: ${e instanceof ChipboundError || e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    commands.push({ label, command: engineCommand(input, engine, tpotTargetMs) });
    const ok = r.sweep.filter((p) => Number.isFinite(p.ttftP99Seconds) && Number.isFinite(p.tpotP99Seconds) && p.tpotP99Seconds > 0);
    if (!ok.length) {
      notes.push(`${label}: ${r.reason ?? 'every load point of the sweep is overloaded'}`);
      continue;
    }
    if (ok.length < r.sweep.length) notes.push(`${label}: ${r.sweep.length - ok.length} overloaded load point${r.sweep.length - ok.length > 1 ? 's' : ''} (queue grows without bound) not drawn.`);
    for (const p of ok) {
      points.push({
        chip: label,
        batch: p.batch,
        perUser: 1 / p.tpotP99Seconds,
        perGpu: p.outputTokensPerSecondPerGpu,
        tpotMs: p.tpotP99Seconds * 1000,
        ttftMs: p.ttftP99Seconds * 1000,
        engine,
        engineName: engineProfile(engine).name,
        requestsPerSecond: p.requestsPerSecond,
      });
    }
  }
  return { points, notes, commands };
}
