/**
 * Scenario runs kept across visits: results are cached per scenario text (an unchanged scenario
 * never runs twice in a page's life, and opening the tab again shows the last answer at once),
 * and a run keeps going in its worker when the view is left, so returning picks it up where it
 * is instead of restarting from zero. One run at a time: starting another text cancels it.
 */
import type { ScenarioResult } from '../../core/scenario/types.js';
import { ScenarioClient } from './scenario-client.js';

/** A run's state as the view shows it. */
export interface ScenarioRun {
  readonly text: string;
  /** Variants finished so far, in order (all of them once `done`). */
  readonly results: readonly ScenarioResult[];
  readonly progress: { readonly done: number; readonly total: number; readonly what: string } | null;
  readonly error: string | null;
  readonly done: boolean;
  readonly cancelled: boolean;
}

const cache = new Map<string, ScenarioRun>();
const listeners = new Set<() => void>();
let client: ScenarioClient | null = null;
let running: string | null = null;

function update(text: string, patch: Partial<ScenarioRun>): void {
  const old = cache.get(text);
  if (!old) return;
  cache.set(text, { ...old, ...patch });
  for (const l of listeners) l();
}

/** The run of `text`, if one was started. */
export function scenarioRun(text: string): ScenarioRun | null {
  return cache.get(text) ?? null;
}

/** Calls `fn` on every change of any run; returns the unsubscribe. */
export function onScenarioChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Starts `text` unless it ran, runs or was cancelled already (`force`: run again anyway). */
export function startScenario(text: string, file: string, force = false): void {
  if (cache.has(text) && !force) return;
  if (force && running === text) return;
  if (running !== null && running !== text) cancelScenario();
  client ??= new ScenarioClient();
  running = text;
  cache.set(text, { text, results: [], progress: { done: 0, total: 0, what: 'starting…' }, error: null, done: false, cancelled: false });
  for (const l of listeners) l();
  client.run({ kind: 'scenario', text, file }, (m) => {
    if (m.kind === 'progress') update(text, { progress: { done: m.done, total: m.total, what: m.what } });
    else if (m.kind === 'partial') {
      const cur = cache.get(text);
      update(text, { results: [...(cur?.results ?? []), m.result] });
    } else if (m.kind === 'error') {
      running = null;
      update(text, { error: m.message, progress: null, done: true, results: [] });
    } else if (m.kind === 'result') {
      running = null;
      update(text, { results: m.results ?? [], progress: null, done: true });
    }
  });
}

/** Stops the running scenario (its finished variants stay on screen). */
export function cancelScenario(): void {
  const text = running;
  if (text === null) return;
  client?.cancel();
  running = null;
  update(text, { progress: null, cancelled: true });
}
