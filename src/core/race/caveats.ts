/**
 * Caveats printed next to every benchmark table (issue #10 item 3), per metric. Sources:
 * shared/reference/race.md, "Trust caveats" 1-5, which cites the papers and boards.
 */
import type { RaceMetric } from './schema.js';

/** What the metric measures and how comparable the numbers are. */
export interface MetricInfo {
  /** Display name. */
  readonly label: string;
  /** Unit of the score. */
  readonly unit: '%' | 'Elo';
  /** Caveats that apply to every score of this metric. */
  readonly caveats: readonly string[];
}

const contamination = 'contamination: the test set predates most of these models and is on the public web (race.md caveat 1)';
const mixedVariants = 'base-model and chat-model scores are mixed; each row shows its setting (race.md caveat 2)';

export const metricInfo = {
  mmlu: {
    label: 'MMLU',
    unit: '%',
    caveats: [
      contamination,
      'settings differ: 5-shot for most labs, 0-shot CoT for OpenAI simple-evals, CoT@k for some Gemini figures (race.md caveat 2)',
      mixedVariants,
      'saturated near 90%: the weakest signal of the race (race.md)',
    ],
  },
  gpqa: {
    label: 'GPQA Diamond (lab-reported)',
    unit: '%',
    caveats: [
      '198 questions: one question is about 0.5 points, so gaps of 1-3 points are noise (race.md caveat 1)',
      'reasoning models report pass@1 averaged over samples with long thinking budgets (race.md caveat 2)',
      'some labs did not say the subset was Diamond (flagged per row)',
    ],
  },
  gpqaEpoch: {
    label: 'GPQA Diamond (Epoch AI uniform harness, 2025-05-01 copy)',
    unit: '%',
    caveats: ['one harness for every model; covers only API-served models evaluated by about May 2025 (race.md)', '198 questions: gaps of 1-3 points are noise'],
  },
  math: {
    label: 'MATH / MATH-500',
    unit: '%',
    caveats: [contamination, 'MATH (4-shot, full test) and MATH-500 (chat, often thinking mode) are mixed; each row shows its setting (race.md)', mixedVariants],
  },
  humaneval: {
    label: 'HumanEval pass@1',
    unit: '%',
    caveats: [contamination, mixedVariants, 'missing for most 2025 models: labs moved to LiveCodeBench and SWE-bench (race.md "Gaps")'],
  },
  arena: {
    label: 'LMArena text Elo (2025-08-06 snapshot)',
    unit: 'Elo',
    caveats: [
      'one snapshot for every model: an older model\'s 2025 rating is not its launch-day standing (race.md caveat 3)',
      'Elo is relative and refit as models are added; the same model moves 10-30 points between snapshots',
      'the board row is sometimes a later API version or a chat-tuned variant',
    ],
  },
} as const satisfies Record<RaceMetric, MetricInfo>;

/** Caveats of the compute axis, printed with the efficiency table. */
export const computeCaveats: readonly string[] = [
  'most compute figures are estimates (Epoch AI or 6ND); the range is shown next to each (race.md "How to read the fields")',
  'benchmark-imputed estimates (closed models) are not independent of the score axis: marked and kept off the frontier',
  'RL post-training of reasoning models is missing or under-counted; distillation teachers are not counted',
];
