/**
 * Race catalog entry (issue #10): one notable language model with its release date, openness,
 * architecture link, training tokens, training compute (published or estimated, with the method
 * and a range), training chips and lab-reported or independent benchmark scores. Every value
 * carries its source; estimated values are listed in `estimated` by dotted field path.
 */
import { z } from 'zod';
import { calendarDate } from '../limits-schema.js';
import { strictObject } from '../catalog/strict.js';

/** A real calendar date (core/limits.ts calendarDateError). */
const date = calendarDate();
const positive = z.number().finite().positive();

/**
 * Benchmarks the race compares (keys of `benchmarks`). One key = one benchmark in one setting
 * class: tool use and a common harness (Epoch AI, Artificial Analysis) get their own keys, so
 * scores under one key are comparable by construction (see setting.ts for the check).
 */
export const raceMetrics = [
  'mmlu',
  'gpqa',
  'gpqaEpoch',
  'math',
  'humaneval',
  'arena',
  'mmluPro',
  'aime2024',
  'aime2025',
  'sweBenchVerified',
  'livecodebench',
  'hle',
  'hleTools',
  'gpqaAA',
  'mmluProAA',
  'aime2025AA',
  'hleAA',
  'livecodebenchAA',
] as const;
export type RaceMetric = (typeof raceMetrics)[number];

/** One benchmark score with how it was obtained. */
export const benchmarkScoreSchema = strictObject({
  /** The score: percent correct (0-100), or an Elo rating for `arena`. */
  score: z.number().finite(),
  /** Evaluation setting as the source states it (shots, CoT, pass@k, thinking mode, base/chat). */
  setting: z.string().min(1),
  /** Which checkpoint was evaluated (base, chat, API snapshot). */
  variant: z.string().optional(),
  /** Who ran the evaluation: `lab`, `third-party (...)`, `epoch`, `lmarena`. */
  evaluator: z.string().min(1),
  /** Date of the measurement or leaderboard snapshot (Arena scores drift between snapshots). */
  date: date.optional(),
  /** Arena: 95% confidence interval as printed by the board (e.g. "+4/-4"). */
  ci95: z.string().optional(),
  /** Arena: votes behind the rating. */
  votes: z.number().int().nonnegative().optional(),
  /** URL of the source. */
  source: z.string().min(1),
  /** Table / row / column inside the source. */
  location: z.string().optional(),
  /** What makes this number hard to compare (setting, variant, contamination, unverified copy). */
  caveat: z.string().optional(),
  /** Measured with thinking / extended reasoning on (true), off (false), or not stated (null). */
  thinking: z.boolean().nullable().optional(),
  /** Measured with tools (search, code execution). Absent = no tools. */
  tools: z.boolean().optional(),
  /** `own`: the developer's harness (also when another lab copied the number); `common`: one harness for every model (Epoch AI, Artificial Analysis, LMArena). Absent: derived from `evaluator`. */
  harness: z.enum(['own', 'common']).optional(),
  /** k of pass@k when the source states it (1 = pass@1), or null when not stated. */
  passAt: z.number().int().positive().nullable().optional(),
});
export type BenchmarkScore = z.infer<typeof benchmarkScoreSchema>;

/** How a training-compute figure was obtained. */
export const computeMethodSchema = z.enum([
  /** Stated by the lab. */
  'published',
  /** Epoch AI's notable-models estimate (their method in `method`). */
  'epoch',
  /** 6 x active parameters x training tokens (Kaplan et al. 2020, Sec. 2.1). */
  'six-nd',
  /** Published accelerator-hours x chip peak x a stated utilization. */
  'gpu-hours',
]);
export type ComputeMethod = z.infer<typeof computeMethodSchema>;

/** Epoch AI's confidence label for its estimates. */
export const epochConfidenceSchema = z.enum(['Confident', 'Likely', 'Speculative']);
export type EpochConfidence = z.infer<typeof epochConfidenceSchema>;

export const trainingComputeSchema = strictObject({
    /** Central training compute, FLOP (all stages the method counts). */
    flop: positive,
    /** Published by the lab, or estimated. */
    kind: z.enum(['published', 'estimated']),
    /** Which estimator produced `flop`. */
    methodKind: computeMethodSchema,
    /** The method in words, with its inputs (e.g. "6 x 37B x 14.8T"). */
    method: z.string().min(1),
    /** Epoch AI's confidence label, when `methodKind` is `epoch`. */
    confidence: epochConfidenceSchema.optional(),
    /** The estimate was imputed from benchmark scores (not independent of the score axis). */
    imputedFromBenchmarks: z.boolean().default(false),
    /** Low end of the plausible range, FLOP. */
    low: positive,
    /** High end of the plausible range, FLOP. */
    high: positive,
    /** Where the range comes from. */
    rangeBasis: z.string().min(1),
    /** URL of the source. */
    source: z.string().min(1),
    /** Row / section inside the source. */
    location: z.string().optional(),
    /** `lower`: the figure is a lower bound (e.g. a base model's pre-training, post-training not counted); absent = a point estimate. [low, high] is then the range of the bound itself. */
    bound: z.enum(['point', 'lower']).optional(),
    /** A second defensible figure, FLOP, with why it differs (shown in notes, not used). */
    alternative: strictObject({ flop: positive, why: z.string().min(1) }).optional(),
  })
  .superRefine((c, ctx) => {
    if (!(c.low <= c.flop && c.flop <= c.high)) ctx.addIssue({ code: 'custom', path: ['low'], message: `expected low <= flop <= high, got ${c.low} / ${c.flop} / ${c.high}` });
    if (c.kind === 'published' && c.methodKind !== 'published') ctx.addIssue({ code: 'custom', path: ['methodKind'], message: "a published figure has methodKind 'published'" });
  });
export type TrainingCompute = z.infer<typeof trainingComputeSchema>;

export const trainingChipsSchema = strictObject({
  /** Catalog chip id (data/chips), or null when the source names no catalog part. */
  chip: z.string().min(1).nullable(),
  /** The chip as the source describes it. */
  described: z.string().min(1),
  /** Accelerators used, if published. */
  count: z.number().int().positive().nullable().optional(),
  /** Accelerator-hours, if published (or derived; see `estimated`). */
  gpuHours: positive.nullable().optional(),
  /** How `gpuHours` was obtained. */
  gpuHoursBasis: z.string().optional(),
  /** Which stage the chips and hours cover (pre-training, RL only, ...). */
  scope: z.string().min(1),
  source: z.string().min(1),
  location: z.string().optional(),
});
export type TrainingChips = z.infer<typeof trainingChipsSchema>;

export const raceEntrySchema = strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    name: z.string().min(1),
    /** Developer. */
    lab: z.string().min(1),
    /** Lab headquarters, ISO 3166-1 alpha-2 (US, CN, FR). */
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO-2 country code such as US or CN'),
    /** Public release date. */
    releaseDate: date,
    /** What the release date is (launch post, GitHub commit). */
    releaseDateBasis: z.string().optional(),
    /** Weights downloadable. */
    openWeights: z.boolean(),
    /** A reasoning (long chain-of-thought, RL-trained) model. */
    reasoning: z.boolean().default(false),
    /** Catalog model id (data/models) with this architecture, if any. */
    architectureModel: z.string().optional(),
    /** Architecture in words (dense, MoE, MLA...). */
    architecture: z.string().min(1),
    /** Parameters, billions; null when undisclosed. */
    params: strictObject({
      /** Total parameters, billions. */
      totalB: positive.nullable(),
      /** Parameters active per token, billions (= total for dense). */
      activeB: positive.nullable(),
    }),
    /** Training tokens (pre-training, plus continued pre-training where stated); null when undisclosed. */
    trainingTokens: positive.nullable(),
    /** Source of `trainingTokens`. */
    trainingTokensSource: z.string().optional(),
    /** Training compute; null when neither published nor estimable from public inputs. */
    trainingCompute: trainingComputeSchema.nullable(),
    /** Training accelerators, where published or attributed. */
    chips: trainingChipsSchema.optional(),
    benchmarks: strictObject({
      /** MMLU, percent (lab headline; shots in `setting`). */
      mmlu: benchmarkScoreSchema.optional(),
      /** GPQA Diamond as reported by the lab, percent. */
      gpqa: benchmarkScoreSchema.optional(),
      /** GPQA Diamond in Epoch AI's uniform harness, percent. */
      gpqaEpoch: benchmarkScoreSchema.optional(),
      /** MATH or MATH-500 (see `setting`), percent. */
      math: benchmarkScoreSchema.optional(),
      /** HumanEval pass@1, percent. */
      humaneval: benchmarkScoreSchema.optional(),
      /** LMArena text Elo in one common snapshot (see `date`). */
      arena: benchmarkScoreSchema.optional(),
      /** MMLU-Pro, percent (lab-reported). */
      mmluPro: benchmarkScoreSchema.optional(),
      /** AIME 2024, percent, no tools (lab-reported). */
      aime2024: benchmarkScoreSchema.optional(),
      /** AIME 2025, percent, no tools (lab-reported). */
      aime2025: benchmarkScoreSchema.optional(),
      /** SWE-bench Verified, percent resolved (lab-reported, the lab's own agent scaffold). */
      sweBenchVerified: benchmarkScoreSchema.optional(),
      /** LiveCodeBench pass@1, percent (version window in `setting`). */
      livecodebench: benchmarkScoreSchema.optional(),
      /** Humanity's Last Exam, text, no tools, percent (lab-reported). */
      hle: benchmarkScoreSchema.optional(),
      /** Humanity's Last Exam with tools (search, code), percent (lab-reported). */
      hleTools: benchmarkScoreSchema.optional(),
      /** GPQA Diamond in Artificial Analysis's common harness, percent. */
      gpqaAA: benchmarkScoreSchema.optional(),
      /** MMLU-Pro in Artificial Analysis's common harness, percent. */
      mmluProAA: benchmarkScoreSchema.optional(),
      /** AIME 2025 in Artificial Analysis's common harness, percent. */
      aime2025AA: benchmarkScoreSchema.optional(),
      /** HLE (no tools) in Artificial Analysis's common harness, percent. */
      hleAA: benchmarkScoreSchema.optional(),
      /** LiveCodeBench in Artificial Analysis's common harness, percent. */
      livecodebenchAA: benchmarkScoreSchema.optional(),
    }),
    /** Catalog runs (data/runs) that record this model's training, first = the one to reproduce. */
    relatedRuns: z.array(z.string()).optional(),
    /** Dotted paths of values that are estimates (e.g. `trainingCompute`, `chips.count`). */
    estimated: z.array(z.string()).default([]),
    /** Dotted paths of values copied from a cited summary that could not be re-read from the original. */
    unverified: z.array(z.string()).default([]),
    notes: z.string().optional(),
    /** Every URL the entry's values come from. */
    sources: z.array(z.string().min(1)).min(1),
  })
  .superRefine((e, ctx) => {
    const c = e.trainingCompute;
    if (c && c.kind === 'estimated' && !e.estimated.includes('trainingCompute')) {
      ctx.addIssue({ code: 'custom', path: ['estimated'], message: "an estimated trainingCompute must be listed in 'estimated'" });
    }
    if (c && c.kind === 'published' && e.estimated.includes('trainingCompute')) {
      ctx.addIssue({ code: 'custom', path: ['estimated'], message: "a published trainingCompute must not be listed in 'estimated'" });
    }
  });

export type RaceEntry = z.infer<typeof raceEntrySchema>;
export type RaceEntryInput = z.input<typeof raceEntrySchema>;
