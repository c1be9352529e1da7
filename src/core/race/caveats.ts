/**
 * Caveats printed next to every benchmark table (issue #10 item 3), per metric, with each metric's
 * family and setting class (issue #20). Sources: the papers, model cards and boards each caveat
 * names (the race entries in data/race list their URLs); docs/race.md explains the caveats.
 */
import type { RaceMetric } from './schema.js';

/** Benchmark families: the lag is measured per family, on each of its series (metric keys). */
export const benchmarkFamilies = ['gpqa', 'swe-bench-verified', 'aime', 'hle', 'mmlu-pro', 'mmlu', 'math', 'humaneval', 'livecodebench', 'arena'] as const;
export type BenchmarkFamily = (typeof benchmarkFamilies)[number];

/** What the metric measures and how comparable the numbers are. */
export interface MetricInfo {
  /** Display name. */
  readonly label: string;
  /** Unit of the score. */
  readonly unit: '%' | 'Elo';
  /** Caveats that apply to every score of this metric. */
  readonly caveats: readonly string[];
  /** Benchmark family. */
  readonly family: BenchmarkFamily;
  /** Setting class every score of this key must have: whose harness. */
  readonly harness: 'own' | 'common';
  /** Setting class: with tools (true) or without (false). */
  readonly tools: boolean;
  /** One-time table (YYYY-MM-DD): no model released later can have a score, so the series' lag ends here. */
  readonly snapshot?: string;
}

const contamination = 'contamination: the test set predates most of these models and is on the public web (race.md caveat 1)';
const labOwn = "lab-reported in the lab's own harness (or copied by another lab from the official report, flagged 'via' in the evaluator): not comparable across labs to the point (reference updates.md)";
const thinkingMixed = 'thinking and non-thinking scores are mixed where a lab reported only one mode; each row says';
const aimeSmall = '30 problems: one problem is 3.3 points';
const aaCaveat = 'Artificial Analysis runs every model in one harness (integers; the Oct 2025 table copied in the MiniMax-M2 README, released 2025-10-27): the comparable series, but only 6 entries (4 U.S., 2 Chinese) and one table, so its lag ends on 2025-10-27';
const mixedVariants = 'base-model and chat-model scores are mixed; each row shows its setting (race.md caveat 2)';

export const metricInfo = {
  mmlu: {
    family: 'mmlu',
    harness: 'own',
    tools: false,
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
    family: 'gpqa',
    harness: 'own',
    tools: false,
    label: 'GPQA Diamond (lab-reported)',
    unit: '%',
    caveats: [
      '198 questions: one question is about 0.5 points, so gaps of 1-3 points are noise (race.md caveat 1)',
      'reasoning models report pass@1 averaged over samples with long thinking budgets (race.md caveat 2)',
      'some labs did not say the subset was Diamond (flagged per row)',
    ],
  },
  gpqaEpoch: {
    snapshot: '2025-05-01',
    family: 'gpqa',
    harness: 'common',
    tools: false,
    label: 'GPQA Diamond (Epoch AI uniform harness, 2025-05-01 copy)',
    unit: '%',
    caveats: ['one harness for every model; covers only API-served models evaluated by about May 2025 (race.md)', '198 questions: gaps of 1-3 points are noise'],
  },
  math: {
    family: 'math',
    harness: 'own',
    tools: false,
    label: 'MATH / MATH-500',
    unit: '%',
    caveats: [contamination, 'MATH (4-shot, full test) and MATH-500 (chat, often thinking mode) are mixed; each row shows its setting (race.md)', mixedVariants],
  },
  humaneval: {
    family: 'humaneval',
    harness: 'own',
    tools: false,
    label: 'HumanEval pass@1',
    unit: '%',
    caveats: [contamination, mixedVariants, 'missing for most 2025 models: labs moved to LiveCodeBench and SWE-bench (race.md "Gaps")'],
  },
  arena: {
    snapshot: '2025-08-06',
    family: 'arena',
    harness: 'common',
    tools: false,
    label: 'LMArena text Elo (2025-08-06 snapshot)',
    unit: 'Elo',
    caveats: [
      'one snapshot for every model: an older model\'s 2025 rating is not its launch-day standing (race.md caveat 3)',
      'Elo is relative and refit as models are added; the same model moves 10-30 points between snapshots',
      'the board row is sometimes a later API version or a chat-tuned variant',
    ],
  },
  mmluPro: {
    family: 'mmlu-pro',
    harness: 'own',
    tools: false,
    label: 'MMLU-Pro (lab-reported)',
    unit: '%',
    caveats: [labOwn, 'few 2025-26 U.S. labs report it (GPT-5.4 via a DeepSeek table); Artificial Analysis runs are the mmluProAA series', thinkingMixed],
  },
  aime2024: {
    family: 'aime',
    harness: 'own',
    tools: false,
    label: 'AIME 2024, no tools (lab-reported)',
    unit: '%',
    caveats: [labOwn, aimeSmall, 'AIME 2024 problems are public since Feb 2024: contamination grows for later models'],
  },
  aime2025: {
    family: 'aime',
    harness: 'own',
    tools: false,
    label: 'AIME 2025, no tools (lab-reported)',
    unit: '%',
    caveats: [labOwn, aimeSmall, 'saturating: 95-100% by late 2025, so the lag stops moving once both sides are near the top'],
  },
  sweBenchVerified: {
    family: 'swe-bench-verified',
    harness: 'own',
    tools: false,
    label: 'SWE-bench Verified (lab-reported, own agent scaffold)',
    unit: '%',
    caveats: [labOwn, 'each lab uses its own agent scaffold, step limit and context; parallel test-time compute is excluded where the lab gives both (Claude Sonnet 4.5: 77.2, 82.0 with it)', '500 tasks: one task is 0.2 points'],
  },
  livecodebench: {
    family: 'livecodebench',
    harness: 'own',
    tools: false,
    label: 'LiveCodeBench (lab-reported)',
    unit: '%',
    caveats: [labOwn, 'problem windows differ between versions (v5, v6, date ranges in each row): not one fixed test set'],
  },
  hle: {
    family: 'hle',
    harness: 'own',
    tools: false,
    label: "Humanity's Last Exam, text, no tools (lab-reported)",
    unit: '%',
    caveats: [labOwn, 'text-only subset vs full set differ by lab (each row says which)', 'heavy / parallel variants excluded'],
  },
  hleTools: {
    family: 'hle',
    harness: 'own',
    tools: true,
    label: "Humanity's Last Exam with tools (lab-reported)",
    unit: '%',
    caveats: [labOwn, 'tool sets (search, browsing, Python) differ by lab: the weakest comparability of the HLE series'],
  },
  gpqaAA: {
    snapshot: '2025-10-27',
    family: 'gpqa',
    harness: 'common',
    tools: false,
    label: 'GPQA Diamond (Artificial Analysis common harness, Oct 2025)',
    unit: '%',
    caveats: [aaCaveat, '198 questions: gaps of 1-3 points are noise'],
  },
  mmluProAA: {
    snapshot: '2025-10-27',
    family: 'mmlu-pro',
    harness: 'common',
    tools: false,
    label: 'MMLU-Pro (Artificial Analysis common harness, Oct 2025)',
    unit: '%',
    caveats: [aaCaveat],
  },
  aime2025AA: {
    snapshot: '2025-10-27',
    family: 'aime',
    harness: 'common',
    tools: false,
    label: 'AIME 2025 (Artificial Analysis common harness, Oct 2025)',
    unit: '%',
    caveats: [aaCaveat, aimeSmall],
  },
  hleAA: {
    snapshot: '2025-10-27',
    family: 'hle',
    harness: 'common',
    tools: false,
    label: "Humanity's Last Exam, no tools (Artificial Analysis common harness, Oct 2025)",
    unit: '%',
    caveats: [aaCaveat],
  },
  livecodebenchAA: {
    snapshot: '2025-10-27',
    family: 'livecodebench',
    harness: 'common',
    tools: false,
    label: 'LiveCodeBench (Artificial Analysis common harness, Oct 2025)',
    unit: '%',
    caveats: [aaCaveat],
  },
} as const satisfies Record<RaceMetric, MetricInfo>;

/** Caveats of the compute axis, printed with the efficiency table. */
export const computeCaveats: readonly string[] = [
  'most compute figures are estimates (Epoch AI or 6ND); the range is shown next to each (race.md "How to read the fields")',
  'benchmark-imputed estimates (closed models) are not independent of the score axis: marked and kept off the frontier',
  'RL post-training of reasoning models is missing or under-counted; distillation teachers are not counted',
];
