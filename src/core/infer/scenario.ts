/**
 * Scenarios users benchmark (MLPerf Inference definitions): `offline` (every request queued at the
 * start: maximum throughput) and `server` (Poisson arrivals: the highest request rate whose 99th
 * percentile TTFT and TPOT meet the targets), plus the request-rate sweep that gives the
 * throughput-latency curve. Works for the three scheduling modes (scheduling.ts) and an engine
 * profile (engines.ts); when no layout is given, the layout with the best result is chosen.
 */
import { ChipboundError } from '../errors.js';
import { scaleUpLinkIssue } from './comm.js';
import { engineProfile, type EngineId, type SchedulingMode } from './engines.js';
import { gpuHourPrice } from './cost.js';
import { kvBytesPerToken } from './kv.js';
import type { LengthDist } from './lengths.js';
import { disaggregatedMode, inflightMode, overloaded, staticMode, type Mode, type PoolLayouts } from './scenario-modes.js';
import { inflightStep, prefillPass, replicaContext, type ReplicaContext } from './scheduling.js';
import { layouts } from './search.js';
import type { ServingInput, ServingPlan, StepBreakdown } from './types.js';

/** Which benchmark scenario. */
export type ScenarioKind = 'offline' | 'server';

/** MLPerf Inference Llama-2-70B latency limits, seconds (MLPerf Inference rules, v4.0+). */
export const mlperfLlama2Limits = {
  server: { ttftSeconds: 2, tpotSeconds: 0.2 },
  interactive: { ttftSeconds: 0.45, tpotSeconds: 0.04 },
} as const;

/** What to run. */
export interface ScenarioInput
  extends Pick<ServingInput, 'model' | 'chip' | 'gpus' | 'precision' | 'kvPrecision' | 'speculative' | 'gpusPerNode' | 'kvMemoryFraction' | 'maxBatchPerReplica' | 'overlap'> {
  /** Layout; omitted = the best of the layouts of `gpus` accelerators. */
  readonly plan?: ServingPlan;
  /** Fixed plan degrees when `plan` is omitted. */
  readonly fixed?: Partial<ServingPlan>;
  readonly promptTokens: LengthDist;
  readonly outputTokens: LengthDist;
  readonly scenario: ScenarioKind;
  /** Engine profile; omitted = generic in-flight engine with the model's default host overhead. */
  readonly engine?: EngineId;
  /** Scheduling mode; default the engine's (in-flight without an engine). */
  readonly scheduling?: SchedulingMode;
  /** Token budget per forward pass per replica; default the engine's (8,192). */
  readonly chunkTokens?: number;
  /** p99 TTFT limit, seconds (server). */
  readonly ttftSeconds?: number;
  /** p99 TPOT limit, seconds (server). */
  readonly tpotSeconds?: number;
  /** Points of the request-rate sweep (0 = none); default 10. */
  readonly sweepPoints?: number;
}

/** One load level. */
export interface LoadPoint {
  /** Offered requests per second, whole deployment. */
  readonly requestsPerSecond: number;
  /** Output tokens per second, whole deployment. */
  readonly outputTokensPerSecond: number;
  /** Output tokens per second per accelerator. */
  readonly outputTokensPerSecondPerGpu: number;
  /** Mean sequences decoding, whole deployment. */
  readonly batch: number;
  /** 99th-percentile time to first token, seconds (Infinity when overloaded). */
  readonly ttftP99Seconds: number;
  /** 99th-percentile time per output token, seconds. */
  readonly tpotP99Seconds: number;
  /** Both targets met (true without targets, when not overloaded). */
  readonly meetsTargets: boolean;
}

/** Disaggregated pools. */
export interface Pools {
  /** Accelerators prefilling. */
  readonly prefillGpus: number;
  /** Accelerators decoding. */
  readonly decodeGpus: number;
  /** Layout of each prefill instance. */
  readonly prefillPlan: ServingPlan;
  /** Layout of each decode instance. */
  readonly decodePlan: ServingPlan;
  /** Seconds to move one p99-length prompt's KV cache over the scale-out network. */
  readonly kvTransferSeconds: number;
  /** Which side limits throughput. */
  readonly bound: 'prefill' | 'decode' | 'kv-transfer';
}

/** The result (the `infer --scenario --json` shape). */
export interface ScenarioResult {
  readonly scenario: ScenarioKind;
  readonly engine: EngineId | null;
  readonly scheduling: SchedulingMode;
  readonly model: string;
  readonly chip: string;
  readonly gpus: number;
  /** Chosen layout. */
  readonly plan: ServingPlan;
  /** Model instances (gpus / (tp·dp·pp)). */
  readonly instances: number;
  readonly promptTokens: LengthDist;
  readonly outputTokens: LengthDist;
  /** Token budget per forward pass per replica. */
  readonly chunkTokens: number;
  /** Host time per iteration, seconds. */
  readonly hostOverheadS: number;
  /** p99 limits (server), seconds. */
  readonly targets: { readonly ttftSeconds: number | null; readonly tpotSeconds: number | null };
  /** Whether the layout runs at all (weights and one sequence fit) and, in server, meets the targets at some rate. */
  readonly feasible: boolean;
  /** Why not, when not. */
  readonly reason: string | null;
  /** The operating point: offline maximum, or the highest rate meeting the targets (server). */
  readonly requestsPerSecond: number;
  readonly outputTokensPerSecond: number;
  /** Output tokens per second per accelerator (the headline number). */
  readonly outputTokensPerSecondPerGpu: number;
  /** Mean sequences decoding, whole deployment. */
  readonly batch: number;
  /** Largest batch whose KV cache fits, whole deployment (decode pool when disaggregated). */
  readonly maxBatch: number;
  readonly ttftP99Seconds: number;
  readonly tpotP99Seconds: number;
  /** Seconds of one step at the operating point (decode step; in-flight: decode + prefill chunk). */
  readonly stepSeconds: number;
  /** Terms of that step. */
  readonly breakdown: StepBreakdown;
  /** Terms of one prompt-only pass of up to the budget (what a prefill pool or a static prefill runs). */
  readonly prefillBreakdown: StepBreakdown;
  /** Prompt tokens per second per accelerator of prompt-only passes. */
  readonly prefillTokensPerSecondPerGpu: number;
  readonly pools: Pools | null;
  /** Accelerator price used, USD per accelerator-hour (rental, else purchase amortized over 4 years); null without one. */
  readonly usdPerGpuHour: number | null;
  /** USD per million output tokens at the operating point, all accelerator time charged to output; null without a price. */
  readonly costPerMillionOutputTokensUsd: number | null;
  /** Throughput-latency curve (server): rates from low to the highest sustainable. */
  readonly sweep: readonly LoadPoint[];
  readonly notes: readonly string[];
}

/** Highest rate in (0, hi] whose point meets the targets (bisection; meeting them is monotone in the rate). */
function highestRate(mode: Mode, hi: number): number {
  if (mode.at(hi).meetsTargets) return hi;
  let lo = 0;
  let top = hi;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + top) / 2;
    if (mode.at(mid).meetsTargets) lo = mid;
    else top = mid;
  }
  return lo;
}

/** Runs one layout. */
/** Scheduling mode, budget and host time of a scenario (the engine's unless overridden). */
function engineSettings(s: ScenarioInput) {
  const profile = s.engine ? engineProfile(s.engine) : null;
  return {
    profile,
    scheduling: s.scheduling ?? profile?.scheduling ?? ('inflight' as SchedulingMode),
    chunkTokens: s.chunkTokens ?? profile?.chunkTokens ?? 8192,
    hostS: profile?.hostOverheadS,
  };
}

/** The replica context of one layout under a scenario. */
function contextFor(s: ScenarioInput, plan: ServingPlan): ReplicaContext {
  const { profile, chunkTokens, hostS } = engineSettings(s);
  const isl = s.promptTokens.mean;
  const osl = s.outputTokens.mean;
  return replicaContext({
    model: s.model,
    chip: s.chip,
    plan,
    precision: s.precision ?? 'bf16',
    kvPrecision: s.kvPrecision ?? 'bf16',
    isl,
    osl,
    // Paged KV: a sequence holds its prompt and the output so far; admission reserves the mean prompt plus the full output.
    kvLen: Math.ceil(isl + s.outputTokens.max),
    chunkTokens,
    hostS,
    speculative: s.speculative,
    gpusPerNode: s.gpusPerNode,
    overlap: s.overlap ?? (profile ? profile.twoMicroBatchOverlap && plan.ep > 1 && plan.dp > 1 : undefined),
    kvMemoryFraction: s.kvMemoryFraction,
    maxBatchPerReplica: s.maxBatchPerReplica,
  });
}

/**
 * Disaggregated pools with their own layouts, each from instances of up to half the accelerators:
 * the prefill layout with the most prompt tokens per second per GPU (KV transfer included) among
 * those whose unloaded p99 TTFT is at most half the target (else the fastest), and the decode layout
 * with the most output per GPU at the largest batch whose step meets 90% of the TPOT target.
 */
function choosePools(s: ScenarioInput): PoolLayouts | null {
  type Pick = { c: ReplicaContext; size: number; v: number; latency: number };
  const pre: Pick[] = [];
  const dec: Pick[] = [];
  const accept = s.speculative?.acceptLength ?? 1;
  for (let n = 1; n <= s.gpus / 2; n *= 2) {
    for (const plan of layouts(s.model, s.chip, n, s.fixed)) {
      let c: ReplicaContext;
      try {
        c = contextFor(s, plan);
      } catch (e) {
        if (e instanceof ChipboundError && e.code === 'usage') continue;
        throw e;
      }
      if (c.maxPerReplica < 1) continue;
      const pass = prefillPass(c);
      const nic = c.d.links.outBytesPerS * n;
      const kvPerToken = kvBytesPerToken(c.model, s.kvPrecision ?? 'bf16');
      const pRate = Math.min((plan.dp * pass.tokens) / c.isl / pass.seconds, nic / (kvPerToken * c.isl)) / n;
      const latency = Math.ceil(s.promptTokens.p99 / c.chunkTokens) * pass.seconds * plan.pp + (kvPerToken * s.promptTokens.p99) / nic;
      pre.push({ c, size: n, v: pRate, latency });
      // Largest decode batch per replica whose step meets 90% of the TPOT target (bisection; step grows with the batch).
      let b = c.maxPerReplica;
      const tpotOf = (x: number) => inflightStep(c, x, 0, true).stepSeconds / accept;
      if (s.tpotSeconds !== undefined && tpotOf(b) > 0.9 * s.tpotSeconds) {
        let lo = 0;
        let hi = b;
        for (let i = 0; i < 30; i++) {
          const mid = (lo + hi) / 2;
          if (tpotOf(Math.max(mid, 1e-9)) <= 0.9 * s.tpotSeconds) lo = mid;
          else hi = mid;
        }
        b = lo;
      }
      const dRate = b > 0 ? (plan.dp * inflightStep(c, b, 0, true).requestsPerSecond) / n : 0;
      dec.push({ c, size: n, v: dRate, latency: tpotOf(1) });
    }
  }
  const best = (xs: Pick[], limit: number | undefined): Pick | null => {
    const ok = limit === undefined ? xs : xs.filter((x) => x.latency <= limit);
    const from = ok.length ? ok : [...xs].sort((a, b) => a.latency - b.latency).slice(0, 1);
    return from.reduce<Pick | null>((a, x) => (!a || x.v > a.v ? x : a), null);
  };
  const p = best(pre, s.ttftSeconds !== undefined ? s.ttftSeconds / 2 : undefined);
  const d = best(dec.filter((x) => x.v > 0).length ? dec.filter((x) => x.v > 0) : dec, undefined);
  return p && d && p.size + d.size <= s.gpus ? { prefill: p.c, prefillSize: p.size, decode: d.c, decodeSize: d.size } : null;
}

/** Adds the price and the cost per million output tokens to a result. */
function withCost(s: ScenarioInput, r: Omit<ScenarioResult, 'usdPerGpuHour' | 'costPerMillionOutputTokensUsd'>): ScenarioResult {
  const price = gpuHourPrice(s.chip);
  const cost = price && r.outputTokensPerSecond > 0 ? ((price.usd * s.gpus) / 3600 / r.outputTokensPerSecond) * 1e6 : null;
  const notes = price?.basis === 'purchase' ? [...r.notes, `No rental price for ${s.chip.id}: purchase price amortized over 4 years (${price.usd.toFixed(2)} USD/h).`] : r.notes;
  return { ...r, notes, usdPerGpuHour: price?.usd ?? null, costPerMillionOutputTokensUsd: cost };
}

function runLayout(s: ScenarioInput, plan: ServingPlan, poolLayouts?: PoolLayouts): ScenarioResult {
  const { scheduling, chunkTokens, hostS } = engineSettings(s);
  const instSize = plan.tp * plan.dp * plan.pp;
  const isl = s.promptTokens.mean;
  const osl = s.outputTokens.mean;
  const precision = s.precision ?? 'bf16';
  const kvPrecision = s.kvPrecision ?? 'bf16';
  const c = poolLayouts?.decode ?? contextFor(s, plan);
  const overlap = c.d.overlap;
  const replicas = (s.gpus / instSize) * plan.dp;
  const base: ServingInput = {
    model: s.model,
    chip: s.chip,
    gpus: s.gpus,
    plan,
    promptTokens: Math.max(1, Math.round(isl)),
    outputTokens: Math.max(1, Math.round(osl)),
    precision,
    kvPrecision,
    speculative: s.speculative,
    gpusPerNode: s.gpusPerNode,
    overlap,
    kvMemoryFraction: s.kvMemoryFraction,
    maxBatchPerReplica: s.maxBatchPerReplica,
    maxNumTokens: chunkTokens,
    hostOverheadS: hostS,
  };
  const pc = poolLayouts?.prefill ?? c; // the prefill pool's layout when disaggregated
  const pass = prefillPass(pc);
  const notes: string[] = [];
  const targets = { ttftSeconds: s.ttftSeconds ?? null, tpotSeconds: s.tpotSeconds ?? null };
  const common = {
    scenario: s.scenario,
    engine: s.engine ?? null,
    scheduling,
    model: s.model.id,
    chip: s.chip.id,
    gpus: s.gpus,
    plan,
    instances: s.gpus / instSize,
    promptTokens: s.promptTokens,
    outputTokens: s.outputTokens,
    chunkTokens,
    hostOverheadS: c.hostS,
    targets,
    prefillBreakdown: pass.breakdown,
    prefillTokensPerSecondPerGpu: (pass.tokens * pc.plan.dp) / pass.seconds / (pc.plan.tp * pc.plan.dp * pc.plan.pp),
    maxBatch: c.maxPerReplica * replicas,
  };
  if (c.maxPerReplica < 1) {
    const z = { ...overloaded(0), ttftP99Seconds: Number.NaN, tpotP99Seconds: Number.NaN };
    return withCost(s, { ...common, ...z, feasible: false, reason: 'weights and one sequence do not fit in memory', stepSeconds: Number.NaN, breakdown: pass.breakdown, pools: null, sweep: [], notes });
  }
  const mode =
    scheduling === 'inflight'
      ? inflightMode(s, c, replicas)
      : scheduling === 'static'
        ? staticMode(s, base, c.maxPerReplica * replicas)
        : disaggregatedMode(s, poolLayouts ?? { prefill: c, prefillSize: instSize, decode: c, decodeSize: instSize });
  const cap = mode.offline();
  if (s.scenario === 'offline') {
    return withCost(s, { ...common, ...cap, feasible: true, reason: null, sweep: [], notes });
  }
  // Server: the highest rate meeting the p99 targets, searched below the offline capacity.
  const hi = cap.requestsPerSecond * 0.999;
  const best = highestRate(mode, hi);
  const op = best > 0 ? mode.at(best) : null;
  const points = s.sweepPoints ?? 10;
  const sweep: LoadPoint[] = [];
  for (let i = 1; i <= points; i++) {
    const p = mode.at((hi * i) / points);
    sweep.push({
      requestsPerSecond: p.requestsPerSecond,
      outputTokensPerSecond: p.outputTokensPerSecond,
      outputTokensPerSecondPerGpu: p.outputTokensPerSecondPerGpu,
      batch: p.batch,
      ttftP99Seconds: p.ttftP99Seconds,
      tpotP99Seconds: p.tpotP99Seconds,
      meetsTargets: p.meetsTargets,
    });
  }
  if (!op || !op.meetsTargets) {
    const low = mode.at(hi / 1000);
    const why = `even at ${low.requestsPerSecond.toPrecision(3)} requests/s the p99 TTFT is ${(low.ttftP99Seconds * 1000).toFixed(0)} ms and p99 TPOT ${(low.tpotP99Seconds * 1000).toFixed(1)} ms`;
    return withCost(s, { ...common, ...low, outputTokensPerSecond: 0, outputTokensPerSecondPerGpu: 0, requestsPerSecond: 0, feasible: false, reason: why, sweep, notes });
  }
  return withCost(s, { ...common, ...op, feasible: true, reason: null, sweep, notes });
}

/** Predicts a scenario; chooses the layout when none is given. */
export function runScenario(s: ScenarioInput): ScenarioResult {
  if (!(Number.isInteger(s.gpus) && s.gpus >= 1)) throw new ChipboundError('usage', `gpus: expected a whole number >= 1, got ${s.gpus}`);
  if (s.chunkTokens !== undefined && !(Number.isInteger(s.chunkTokens) && s.chunkTokens >= 16)) throw new ChipboundError('usage', `chunkTokens: expected a whole number >= 16, got ${s.chunkTokens}`);
  const noLink = scaleUpLinkIssue(s.chip, { tp: s.plan?.tp ?? s.fixed?.tp ?? 1 });
  if (noLink) throw new ChipboundError('usage', noLink);
  if (s.plan) return runLayout(s, s.plan);
  if (engineSettings(s).scheduling === 'disaggregated') {
    const pl = choosePools(s);
    if (!pl) throw new ChipboundError('usage', `--scheduling disaggregated: no layouts of ${s.model.id} fit a prefill and a decode pool in ${s.gpus} accelerators`);
    return runLayout(s, pl.decode.plan, pl);
  }
  const candidates = layouts(s.model, s.chip, s.gpus, s.fixed);
  let best: ScenarioResult | null = null;
  for (const plan of candidates) {
    if (s.scheduling === 'disaggregated' && s.gpus / (plan.tp * plan.dp * plan.pp) < 2) continue;
    let r: ScenarioResult;
    try {
      r = runLayout(s, plan);
    } catch (e) {
      if (e instanceof ChipboundError && e.code === 'usage') continue;
      throw e;
    }
    if (!best || (r.feasible && !best.feasible) || (r.feasible === best.feasible && r.outputTokensPerSecondPerGpu > best.outputTokensPerSecondPerGpu)) best = r;
  }
  if (!best) throw new ChipboundError('usage', `no layout of ${s.gpus} accelerators runs ${s.model.id}${s.scheduling === 'disaggregated' ? ' with two pools' : ''}`);
  return best;
}
