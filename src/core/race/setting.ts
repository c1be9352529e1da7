/**
 * The comparability rule of the lag (issue #20): two scores are comparable when they are on the
 * same benchmark (one metric key: AIME 2024 and 2025 are different keys) in the same setting
 * class. The setting class is whose harness ran it (`own`: the developer's, also when another
 * lab copied the number from the official report; `common`: one harness for every model, such
 * as Epoch AI, Artificial Analysis, LMArena) and whether tools were used. Thinking mode and
 * pass@k are recorded and shown, not split on: a frontier is each country's best available
 * model, and most 2025-26 frontier scores are thinking-mode pass@1 averages.
 */
import { metricInfo } from './caveats.js';
import { raceMetrics, type BenchmarkScore, type RaceMetric } from './schema.js';

/** A score's setting class, as recorded or derived. */
export interface SettingClass {
  /** Whose harness ran it. */
  readonly harness: 'own' | 'common';
  /** Tools used (search, code execution). */
  readonly tools: boolean;
  /** Thinking on / off, or null when the source does not say. */
  readonly thinking: boolean | null;
  /** k of pass@k when stated, else null. */
  readonly passAt: number | null;
}

/** Evaluators that run every model in one harness. */
const COMMON = /^(epoch|lmarena)\b|artificial analysis/i;

/** The setting class of one score: the recorded fields, else derived from the evaluator (no tools when unstated). */
export function settingClassOf(b: BenchmarkScore): SettingClass {
  return {
    harness: b.harness ?? (COMMON.test(b.evaluator) ? 'common' : 'own'),
    tools: b.tools ?? false,
    thinking: b.thinking ?? null,
    passAt: b.passAt ?? null,
  };
}

/** Whether a score belongs in its metric's series, and why not when it does not. */
export function comparability(metric: RaceMetric, b: BenchmarkScore): { readonly ok: true } | { readonly ok: false; readonly why: string } {
  const want = metricInfo[metric];
  const got = settingClassOf(b);
  if (got.harness !== want.harness) return { ok: false, why: `${got.harness} harness, the ${metric} series is ${want.harness}-harness` };
  if (got.tools !== want.tools) return { ok: false, why: `${got.tools ? 'with' : 'without'} tools, the ${metric} series is ${want.tools ? 'with' : 'without'} tools` };
  return { ok: true };
}

/** The setting class of a metric's series in words, e.g. "own harness, no tools". */
export function seriesSetting(metric: RaceMetric): string {
  const m = metricInfo[metric];
  return `${m.harness === 'own' ? "lab's own harness" : 'common harness'}, ${m.tools ? 'with tools' : 'no tools'}`;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Names users type for a metric, normalized (lower case, letters and digits only). */
const ALIASES: Readonly<Record<string, RaceMetric>> = {
  gpqadiamond: 'gpqa',
  swebench: 'sweBenchVerified',
  swebenchverified: 'sweBenchVerified',
  swev: 'sweBenchVerified',
  aime: 'aime2025',
  aime25: 'aime2025',
  aime24: 'aime2024',
  hlenotools: 'hle',
  humanityslastexam: 'hle',
  hlewithtools: 'hleTools',
  lcb: 'livecodebench',
  lmarena: 'arena',
};

/** Parses a metric name, case- and punctuation-insensitive ('GPQA', 'swe-bench-verified', 'mmlu_pro'); null when unknown. */
export function parseMetric(name: string): RaceMetric | null {
  const n = norm(name);
  return raceMetrics.find((m) => norm(m) === n) ?? ALIASES[n] ?? null;
}
