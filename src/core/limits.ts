/**
 * The one limits table every numeric input goes through, from a flag or a file field:
 * `hard` bounds refuse what is physically impossible or far beyond any deployment (exit 2,
 * one line with the unit, docs/errors.md "Limits"), `usual` bounds only warn on stderr. A unit
 * mistake of a factor of 1000 or more (bytes for GB, FLOPS for TFLOPS, kW for W) lands outside
 * the hard bounds or, at least, outside the `usual` band (a warning); src/core/limits.test.ts
 * checks both for every catalog chip, and that the catalog itself sits inside every band.
 */

/** One numeric quantity: what it is, its unit, what is possible and what is usual. */
export interface Limit {
  /** What the number is, for messages ("memory size"). */
  readonly what: string;
  /** Unit as users write it ("GB", "TFLOPS"). */
  readonly unit: string;
  /** Smallest and largest accepted value (inclusive). */
  readonly min: number;
  readonly max: number;
  /** Values outside this band are accepted with a warning on stderr. */
  readonly usual?: readonly [number, number];
  /**
   * A count with no unit to confuse, where a value that is an exact multiple of 1000 (8000 for 8)
   * is itself the sign of a slip: such values get a warning (real scale-up domains are 8, 72,
   * 256, 8960, 9216, ...).
   */
  readonly roundThousandIsSlip?: boolean;
  /** What a value above the usual band is, for the warning ("more than any cluster built"); default "an unusual <what>". */
  readonly above?: string;
}

/**
 * The bounds. Chip bands cover the catalog's 2017–2026 accelerators (16–288 GB, 0.3–8 TB/s,
 * 192–1200 W, ...) with room for a decade of growth; wafer-scale parts are unusual, not impossible.
 */
export const LIMITS = {
  /** Accelerators in one job or fleet (the largest 2025 clusters are ~10^5–10^6). */
  gpus: { what: 'accelerator count', unit: 'chips', min: 1, max: 10_000_000, usual: [1, 1_000_000], above: 'more accelerators than any cluster built (the largest are ~10^5-10^6)' },
  /**
   * Training tokens. The usual ceiling 10^14 is an estimate: 2.5× the largest published pre-training
   * runs, Qwen3's 36T (arXiv 2505.09388 §3) and Llama 4's ~40T (ai.meta.com/blog/llama-4-multimodal-intelligence).
   */
  tokens: { what: 'token count', unit: 'tokens', min: 1, max: 1e16, usual: [1e6, 1e14], above: 'more than any published pre-training run (the largest are ~4·10^13: Qwen3 36T, Llama 4 ~40T)' },
  /** Model parameters (the largest published are ~2·10^12). */
  params: { what: 'parameter count', unit: 'parameters', min: 1, max: 1e15 },
  /** Tokens in one global batch (globalBatch sequences × seq): the largest published are ~6·10^7; beyond 10^9 the batch was counted in tokens, not sequences. */
  batchTokens: { what: 'global batch', unit: 'tokens per step', min: 1, max: 1e9, usual: [1, 2e8] },
  /** Sequence / context length. */
  seq: { what: 'sequence length', unit: 'tokens', min: 1, max: 100_000_000, usual: [64, 2_097_152] },
  /** Prompt or output tokens of one request (1 is a valid output length). */
  requestTokens: { what: 'request length', unit: 'tokens', min: 1, max: 100_000_000, usual: [1, 2_097_152] },
  /** Global batch in sequences (frontier runs: 10^3-10^4 sequences; 4,194,304 is a token count typed as sequences). */
  globalBatch: { what: 'global batch', unit: 'sequences', min: 1, max: 1e9, usual: [1, 1_048_576] },
  /** Days (deadlines, durations). */
  /** Training deadlines: an hour to ten years is usual; 0.03 (43 minutes) or 30,000 (82 years) is a unit slip more often than a plan. */
  days: { what: 'duration', unit: 'days', min: 1e-6, max: 1e6, usual: [1 / 24, 3_652.5] },
  /** Sequences in flight in one serving deployment (the largest published serving batches are ~10^3-10^4 per deployment). */
  servingBatch: { what: 'serving batch', unit: 'sequences in flight', min: 1, max: 1e9, usual: [1, 65_536] },
  /** Traffic, output tokens per second for a whole service. */
  tokensPerSecond: { what: 'token rate', unit: 'tokens/s', min: 1e-6, max: 1e12, usual: [1e-3, 1e9] },
  /** Latency bound, seconds. */
  seconds: { what: 'latency', unit: 's', min: 1e-6, max: 1e6 },
  memoryGB: { what: 'memory size', unit: 'GB', min: 1, max: 100_000, usual: [4, 4_000] },
  memoryTBps: { what: 'memory bandwidth', unit: 'TB/s', min: 0.01, max: 1_000, usual: [0.1, 100] },
  /** Dense peak per precision (TFLOPS; INT8 in TOPS). */
  tflops: { what: 'peak throughput', unit: 'TFLOPS', min: 1, max: 1_000_000, usual: [10, 20_000] },
  /** Dense FP32 (vector units on most chips: tens of TFLOPS). */
  tflopsFp32: { what: 'FP32 peak throughput', unit: 'TFLOPS', min: 0.1, max: 100_000, usual: [1, 2_000] },
  /** Dense FP4 (Blackwell-class and later: thousands of TFLOPS). */
  tflopsFp4: { what: 'FP4 peak throughput', unit: 'TFLOPS', min: 1, max: 1_000_000, usual: [100, 200_000] },
  /** 0 = no scale-up link. */
  scaleUpGBps: { what: 'scale-up bandwidth', unit: 'GB/s', min: 0, max: 100_000, usual: [10, 20_000] },
  scaleUpDomain: { what: 'scale-up domain', unit: 'chips', min: 1, max: 1_000_000, usual: [1, 100_000], roundThousandIsSlip: true },
  /** 0 = no scale-out network. */
  scaleOutGbps: { what: 'scale-out bandwidth', unit: 'Gb/s', min: 0, max: 100_000, usual: [10, 10_000] },
  hostIoGBps: { what: 'host I/O bandwidth', unit: 'GB/s', min: 0, max: 10_000, usual: [1, 2_000] },
  dieAreaMm2: { what: 'die area', unit: 'mm²', min: 1, max: 100_000, usual: [10, 5_000] },
  tdpW: { what: 'board power', unit: 'W', min: 10, max: 100_000, usual: [50, 5_000] },
  priceUsd: { what: 'price per accelerator', unit: 'USD', min: 1, max: 1e8, usual: [100, 1e6] },
  usdPerHour: { what: 'rental price', unit: 'USD per accelerator-hour', min: 0.001, max: 10_000, usual: [0.01, 200] },
  /** Model sizes (the largest published models: ~2·10^3 B, hidden ~2·10^4, ~10^2 layers, vocab ~10^5-10^6). */
  paramsB: { what: 'parameter count', unit: 'billion parameters', min: 1e-6, max: 1e6, usual: [0.01, 20_000] },
  modelLayers: { what: 'layer count', unit: 'layers', min: 1, max: 100_000, usual: [1, 1_000] },
  modelWidth: { what: 'model width', unit: 'units', min: 1, max: 10_000_000, usual: [64, 200_000] },
  ffnWidth: { what: 'FFN width', unit: 'units', min: 1, max: 100_000_000, usual: [64, 1_000_000] },
  /** Width of one MoE expert (DeepSeek-V3 2,048; Mixtral 14,336-16,384). */
  expertWidth: { what: 'expert FFN width', unit: 'units', min: 1, max: 10_000_000, usual: [32, 100_000] },
  heads: { what: 'head count', unit: 'heads', min: 1, max: 1_000_000, usual: [1, 2_048] },
  headDim: { what: 'head dimension', unit: 'units', min: 1, max: 1_000_000, usual: [8, 2_048] },
  vocab: { what: 'vocabulary size', unit: 'tokens', min: 1, max: 100_000_000, usual: [256, 2_000_000] },
  /** Learned absolute position table (GPT-3, OPT: 2,048; BERT 512): a parameter table, never near a million rows. */
  positions: { what: 'learned position table', unit: 'positions', min: 1, max: 100_000_000, usual: [64, 65_536] },
  experts: { what: 'expert count', unit: 'experts', min: 1, max: 10_000_000, usual: [1, 100_000] },
  /** Per-token latency bound (TPOT), seconds: tens of ms for chat, a second is slow. */
  tpotSeconds: { what: 'time per output token', unit: 's', min: 1e-6, max: 3_600, usual: [0.0005, 5] },
  /** Measured time to first token (catalog serving points: 0.05-0.8 s). */
  ttftSeconds: { what: 'time to first token', unit: 's', min: 1e-6, max: 3_600, usual: [0.001, 30] },
  /** Measured token rate per accelerator (catalog serving points: 43-6,700 tokens/s). */
  gpuTokenRate: { what: 'token rate per accelerator', unit: 'tokens/s', min: 1e-6, max: 1e9, usual: [0.1, 200_000] },
  /** Measured token rate of a deployment (catalog serving points: 50-125,000 tokens/s). */
  measuredTokenRate: { what: 'measured token rate', unit: 'tokens/s', min: 1e-6, max: 1e12, usual: [1, 1e8] },
  tpotMs: { what: 'time-per-output-token target', unit: 'ms', min: 0.001, max: 3_600_000, usual: [0.5, 5_000] },
  ttftMs: { what: 'time-to-first-token target', unit: 'ms', min: 0.001, max: 3_600_000, usual: [1, 600_000] },
  /** Technology envelope (data/envelope/default.yaml: 1.2-1.4 TFLOPS/mm², 2.8-3.8 TFLOPS/W, 16-24 GB and 0.7-1 TB/s per HBM stack). */
  tflopsPerMm2: { what: 'dense BF16 throughput per die area', unit: 'TFLOPS/mm²', min: 1e-4, max: 100, usual: [0.05, 20] },
  tflopsPerW: { what: 'dense BF16 throughput per watt', unit: 'TFLOPS/W', min: 1e-4, max: 1_000, usual: [0.05, 50] },
  precisionRatio: { what: 'throughput ratio to BF16', unit: '×', min: 0.01, max: 100, usual: [0.25, 16] },
  gbPerStack: { what: 'HBM capacity per stack', unit: 'GB', min: 0.1, max: 10_000, usual: [1, 256] },
  gbpsPerStack: { what: 'HBM bandwidth per stack', unit: 'GB/s', min: 1, max: 1_000_000, usual: [100, 20_000] },
  usdPerKWh: { what: 'energy price', unit: 'USD per kWh', min: 1e-4, max: 100, usual: [0.01, 1] },
  /**
   * Training tokens per (active) parameter: Chinchilla-optimal is ~20, Llama 3 8B 1,900, Qwen3-0.6B
   * ~60,000 (36T tokens); beyond 10^5 the token count was typed in the wrong unit (500T for 500B).
   */
  tokensPerParam: { what: 'training tokens per parameter', unit: 'tokens per parameter', min: 0, max: Number.MAX_VALUE, usual: [0, 1e5] },
  /** Least possible training time (every chip at 100% of its peak): published runs take weeks to months; beyond 10 years a count was mistyped. */
  trainingYears: { what: 'training time', unit: 'years', min: 0, max: Number.MAX_VALUE, usual: [0, 10] },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** Numbers in messages: grouped digits below 10^21, exponent form beyond. */
export function grouped(v: number): string {
  return Number.isFinite(v) && Math.abs(v) < 1e21 && Math.abs(v) >= 1e-3 ? v.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(v);
}

/** null when `value` is within the hard bounds, else the message (`85899345920 is not a plausible memory size in GB (expected 1-100,000)`). */
export function outOfRange(name: LimitName, value: number): string | null {
  const l: Limit = LIMITS[name];
  if (!Number.isFinite(value)) return `expected a finite ${l.what} in ${l.unit}, got ${String(value)}`;
  if (value < l.min || value > l.max) return `${grouped(value)} is not a plausible ${l.what} in ${l.unit} (expected ${grouped(l.min)}-${grouped(l.max)})`;
  return null;
}

/** null when `value` is within the usual band, else a warning text. */
export function unusual(name: LimitName, value: number): string | null {
  const l: Limit = LIMITS[name];
  // 0 where 0 is allowed means "none" (scaleUpGBps 0: no link), not a unit slip.
  if (l.roundThousandIsSlip && value >= 1000 && value % 1000 === 0) return `${grouped(value)} ${l.unit} is an unusual ${l.what} (${grouped(value / 1000)} × 1000?); check the value`;
  if (!l.usual || (value >= l.usual[0] && value <= l.usual[1]) || (value === 0 && l.min === 0)) return null;
  if (l.above !== undefined && value > l.usual[1]) return `${grouped(value)} ${l.unit} is ${l.above}; check the value`;
  return `${grouped(value)} ${l.unit} is an unusual ${l.what} (usually ${grouped(l.usual[0])}-${grouped(l.usual[1])} ${l.unit}); check the unit`;
}

/** Chip fields checked against LIMITS (dotted path -> limit). */
export const CHIP_FIELD_LIMITS: Readonly<Record<string, LimitName>> = {
  memoryGB: 'memoryGB',
  memoryTBps: 'memoryTBps',
  'tflops.fp8': 'tflops',
  'tflops.bf16': 'tflops',
  'tflops.fp16': 'tflops',
  'tflops.tf32': 'tflops',
  'tflops.fp32': 'tflopsFp32',
  'tflops.int8': 'tflops',
  'tflops.fp4': 'tflopsFp4',
  scaleUpGBps: 'scaleUpGBps',
  scaleUpDomain: 'scaleUpDomain',
  scaleOutGbps: 'scaleOutGbps',
  hostIoGBps: 'hostIoGBps',
  dieAreaMm2: 'dieAreaMm2',
  tdpW: 'tdpW',
  priceUsd: 'priceUsd',
  rentalUsdPerHour: 'usdPerHour',
};

/** Warnings (`memoryGB: 6000 GB is an unusual memory size ...`) for a chip's values that are possible but unusual. */
export function chipWarnings(chip: unknown): string[] {
  return fieldWarnings(chip, CHIP_FIELD_LIMITS);
}

/** Model fields checked against LIMITS (the schema applies the hard bounds; these give the warnings). */
export const MODEL_FIELD_LIMITS: Readonly<Record<string, LimitName>> = {
  layers: 'modelLayers',
  hidden: 'modelWidth',
  ffnHidden: 'ffnWidth',
  heads: 'heads',
  kvHeads: 'heads',
  headDim: 'headDim',
  vocab: 'vocab',
  contextLength: 'seq',
  learnedPositions: 'positions',
  'moe.experts': 'experts',
  'moe.activeExperts': 'experts',
  'moe.expertFfnHidden': 'expertWidth',
  'moe.sharedExpertFfnHidden': 'expertWidth',
  'mla.kvLoraRank': 'modelWidth',
  'mla.qkNopeHeadDim': 'headDim',
  'mla.vHeadDim': 'headDim',
  kvShareLayers: 'modelLayers',
  'published.totalB': 'paramsB',
  'published.activeB': 'paramsB',
};

/** The limit of a serving point's measured value, by its kind (`tpot_s` is seconds, not ms). */
const MEASURED_KIND_LIMITS: Readonly<Record<string, LimitName>> = {
  tpot_s: 'tpotSeconds',
  ttft_s: 'ttftSeconds',
  output_tokens_per_sec: 'measuredTokenRate',
  total_tokens_per_sec: 'measuredTokenRate',
  output_tokens_per_sec_per_gpu: 'gpuTokenRate',
  total_tokens_per_sec_per_gpu: 'gpuTokenRate',
  input_tokens_per_sec_per_gpu: 'gpuTokenRate',
};

/** Warnings for a serving point's measured value outside the usual band of its kind (`tpot_s: 6.51`, ms typed as s). */
export function servingWarnings(point: unknown): string[] {
  const m = point !== null && typeof point === 'object' ? (point as { measured?: { kind?: unknown; value?: unknown } }).measured : undefined;
  const name = typeof m?.kind === 'string' ? MEASURED_KIND_LIMITS[m.kind] : undefined;
  const w = name && typeof m?.value === 'number' ? unusual(name, m.value) : null;
  return w ? [`measured.value: ${w} (measured.kind ${String(m?.kind)})`] : [];
}

/** Technology envelope fields (`*` = every list entry). */
export const ENVELOPE_FIELD_LIMITS: Readonly<Record<string, LimitName>> = {
  'processes.*.reticleMm2': 'dieAreaMm2',
  'processes.*.dieAreasMm2.*': 'dieAreaMm2',
  'processes.*.bf16TflopsPerMm2': 'tflopsPerMm2',
  'processes.*.fp8PerBf16': 'precisionRatio',
  'processes.*.int8PerBf16': 'precisionRatio',
  'processes.*.staticW': 'tdpW',
  'processes.*.bf16TflopsPerW': 'tflopsPerW',
  'processes.*.tdpCeilingW': 'tdpW',
  'processes.*.hostIoGBps': 'hostIoGBps',
  'hbm.*.gbPerStack': 'gbPerStack',
  'hbm.*.gbpsPerStack': 'gbpsPerStack',
  'scaleUp.*.gbpsPerLink': 'scaleUpGBps',
  'nics.*.gbps': 'scaleOutGbps',
  'pricing.baseUsdPerHour': 'usdPerHour',
  'pricing.usdPerKWh': 'usdPerKWh',
};

/** Scenario fields (`*` = every list entry). */
export const SCENARIO_FIELD_LIMITS: Readonly<Record<string, LimitName>> = {
  'pools.*.count': 'gpus',
  'pools.*.priceUsd': 'priceUsd',
  'pools.*.usdPerHour': 'usdPerHour',
  'workloads.*.tokens': 'tokens',
  'workloads.*.seq': 'seq',
  'workloads.*.promptTokens': 'requestTokens',
  'workloads.*.outputTokens': 'requestTokens',
  'workloads.*.globalBatch': 'globalBatch',
  'workloads.*.outputTokensPerSecond': 'tokensPerSecond',
  'workloads.*.maxTpotSeconds': 'tpotSeconds',
  'workloads.*.deadlineDays': 'days',
};

/** Warnings for the values at `table`'s dotted paths (`*` = each list entry) that are possible but unusual. */
export function fieldWarnings(value: unknown, table: Readonly<Record<string, LimitName>>): string[] {
  const out: string[] = [];
  const walk = (v: unknown, rest: readonly string[], at: readonly string[], name: LimitName): void => {
    if (rest.length === 0) {
      const w = typeof v === 'number' ? unusual(name, v) : null;
      if (w) out.push(`${at.join('.')}: ${w}`);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const [k, ...tail] = rest;
    if (k === '*') {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, tail, [...at, String(i)], name));
      return;
    }
    walk((v as Record<string, unknown>)[k], tail, [...at, k], name);
  };
  for (const [path, name] of Object.entries(table)) walk(value, path.split('.'), [], name);
  return out;
}

/**
 * null when `s` is a real calendar date YYYY-MM-DD (1900–2200), else what is wrong. One check for
 * flags and files: `Date.parse('2023-02-30')` rolls over to March 2, this does not.
 */
export function calendarDateError(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return `expected a date YYYY-MM-DD, got '${s}'`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return `expected a year from 1900 to 2200, got '${s}'`;
  if (mo < 1 || mo > 12) return `'${s}' is not a calendar date (month ${m[2]})`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `'${s}' is not a calendar date (${m[1]}-${m[2]} has ${days} days)`;
  return null;
}

/** The numbers of a training job that `trainingWarnings` judges as a whole, and the flag or field naming each. */
export interface TrainingCheck {
  /** Training tokens, if given. */
  readonly tokens?: number;
  /** Parameters a token goes through (active for MoE); 6·N·tokens FLOPs (Kaplan et al. 2020, arXiv 2001.08361). */
  readonly activeParams: number;
  /** Sum over the job's accelerators of their highest dense peak, FLOP/s (the least time is 6·N·tokens over it). */
  readonly peakFlops?: number;
  readonly globalBatch?: number;
  readonly seq?: number;
  readonly names: { readonly tokens: string; readonly globalBatch: string; readonly gpus?: string };
  /** What runs it, for the message ("16 × NVIDIA A100"). */
  readonly on?: string;
}

/**
 * A ceiling on the share of its chip's highest dense peak a training run sustains, an estimate
 * with margin: the highest published figure is MegaScale's 55.2% MFU for a 175B model on 12,288
 * GPUs (arXiv 2402.15627, abstract), and FP8 runs sit far below their FP8 peak. 0.6 keeps the
 * warning's "at least" true.
 */
export const bestSustainedShare = 0.6;

/**
 * Warnings for a training job whose inputs are each within bounds but that is implausible as a
 * whole (adversarial run 3, issue #14): tokens per parameter beyond LIMITS.tokensPerParam (500T
 * for a 13B model), a least training time (all chips at bestSustainedShare of their highest dense
 * peak) beyond LIMITS.trainingYears, and a global batch whose tokens per step (sequences × seq) are
 * beyond LIMITS.batchTokens' usual band.
 */
export function trainingWarnings(j: TrainingCheck): string[] {
  const out: string[] = [];
  if (j.tokens !== undefined && j.activeParams > 0) {
    const tpp = j.tokens / j.activeParams;
    if (unusual('tokensPerParam', tpp)) {
      out.push(`${j.names.tokens}: ${grouped(j.tokens)} tokens is ${grouped(Math.round(tpp))} tokens per parameter (${grouped(Math.round(j.activeParams))} parameters); more than ${grouped(LIMITS.tokensPerParam.usual[1])} is far beyond any published run: check the unit (B, T; ${grouped(j.tokens / 1000)}?)`);
    } else if (j.peakFlops !== undefined && j.peakFlops > 0) {
      const years = (6 * j.activeParams * j.tokens) / (bestSustainedShare * j.peakFlops) / (365.25 * 86_400);
      if (unusual('trainingYears', years)) {
        out.push(`${j.names.tokens}: ${grouped(j.tokens)} tokens take at least ${grouped(Math.round(years))} years${j.on ? ` on ${j.on}` : ''} even at ${bestSustainedShare * 100}% of peak, more than any published run sustained (more than ${LIMITS.trainingYears.usual[1]} years): check the unit of the tokens${j.names.gpus ? ` or ${j.names.gpus}` : ''}`);
      }
    }
  }
  if (j.globalBatch !== undefined && j.seq !== undefined) {
    const t = j.globalBatch * j.seq;
    if (t > LIMITS.batchTokens.usual[1]) {
      out.push(`${j.names.globalBatch}: ${grouped(j.globalBatch)} sequences × seq ${grouped(j.seq)} = ${grouped(t)} tokens per step, more than the usual ${grouped(LIMITS.batchTokens.usual[1])} (the largest published batches are ~60,000,000 tokens); the global batch counts sequences: check the value`);
    }
  }
  return out;
}
