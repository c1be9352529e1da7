/**
 * Scenarios users benchmark (MLPerf Inference definitions): `offline` (every request queued at the
 * start: maximum throughput) and `server` (Poisson arrivals: the highest request rate whose 99th
 * percentile TTFT and TPOT meet the targets), plus the request-rate sweep that gives the
 * throughput-latency curve. Works for the three scheduling modes (scheduling.ts) and an engine
 * profile (engines.ts); when no layout is given, the layout with the best result is chosen.
 */
import { ChipboundError } from '../errors.js';
import { engineProfile, type EngineId, type SchedulingMode } from './engines.js';
import { evaluateServing } from './evaluate.js';
import { kvBytesPerToken } from './kv.js';
import type { LengthDist } from './lengths.js';
import { littleFixedPoint, p99InFlight, p99WaitSeconds } from './queue.js';
import { decodeSteps, inflightStep, prefillPass, replicaContext, type ReplicaContext } from './scheduling.js';
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
  /** Throughput-latency curve (server): rates from low to the highest sustainable. */
  readonly sweep: readonly LoadPoint[];
  readonly notes: readonly string[];
}

interface Mode {
  /** Capacity: requests/s of the whole deployment at the largest batch (offline). */
  offline(): LoadPoint & { breakdown: StepBreakdown; stepSeconds: number; pools: Pools | null };
  /** The deployment under Poisson arrivals at `rate` requests/s. */
  at(rate: number): LoadPoint & { breakdown: StepBreakdown; stepSeconds: number; pools: Pools | null };
}

const overloaded = (rate: number, _gpus: number): LoadPoint => ({
  requestsPerSecond: rate,
  outputTokensPerSecond: 0,
  outputTokensPerSecondPerGpu: 0,
  batch: 0,
  ttftP99Seconds: Number.POSITIVE_INFINITY,
  tpotP99Seconds: Number.POSITIVE_INFINITY,
  meetsTargets: false,
});

function meets(s: ScenarioInput, ttft: number, tpot: number): boolean {
  return Number.isFinite(ttft) && Number.isFinite(tpot) && (s.ttftSeconds === undefined || ttft <= s.ttftSeconds) && (s.tpotSeconds === undefined || tpot <= s.tpotSeconds);
}

/** In-flight batching with chunked prefill. */
function inflightMode(s: ScenarioInput, c: ReplicaContext, replicas: number): Mode {
  const n = decodeSteps(c);
  const accept = s.speculative?.acceptLength ?? 1;
  const q = 1 + (s.speculative?.draftTokens ?? 0);
  const ttftOf = (st: ReturnType<typeof inflightStep>, rate: number) => {
    // The p99 prompt needs ⌈isl99 / room⌉ steps; it waits behind the prompt tokens queued for the
    // per-step room (a single server busy c/room of the time).
    const room = Math.max(1, c.chunkTokens - st.batch * q);
    // Its chunks ride in steps that also carry the steady prompt share: each such step is longer.
    const chunks = Math.ceil(s.promptTokens.p99 / room);
    const chunkStep = inflightStep(c, st.batch, Math.min(room, st.prefillTokens + s.promptTokens.p99 / chunks)).stepSeconds;
    const service = chunks * chunkStep;
    const rho = ((rate / replicas) * c.isl * st.stepSeconds) / room;
    return service + st.stepSeconds / 2 + p99WaitSeconds(rho, (c.isl / room) * st.stepSeconds);
  };
  return {
    offline() {
      const st = inflightStep(c, c.maxPerReplica);
      const rate = st.requestsPerSecond * replicas;
      return {
        requestsPerSecond: rate,
        outputTokensPerSecond: st.outputTokensPerSecond * replicas,
        outputTokensPerSecondPerGpu: (st.outputTokensPerSecond * replicas) / s.gpus,
        batch: st.batch * replicas,
        ttftP99Seconds: Number.NaN,
        tpotP99Seconds: st.stepSeconds / accept,
        meetsTargets: true,
        breakdown: st.breakdown,
        stepSeconds: st.stepSeconds,
        pools: null,
      };
    },
    at(rate) {
      const lam = rate / replicas;
      const b = littleFixedPoint(lam, (x) => n * inflightStep(c, x, (x * c.isl) / n).stepSeconds, c.maxPerReplica);
      if (b === null) return { ...overloaded(rate, s.gpus), breakdown: inflightStep(c, c.maxPerReplica).breakdown, stepSeconds: Number.POSITIVE_INFINITY, pools: null };
      const st = inflightStep(c, b);
      const b99 = Math.min(p99InFlight(b), c.maxPerReplica);
      const st99 = inflightStep(c, b99);
      const ttft = p99InFlight(b) > c.maxPerReplica ? Number.POSITIVE_INFINITY : ttftOf(st, rate);
      const tpot = st99.stepSeconds / accept;
      const out = rate * c.osl;
      return {
        requestsPerSecond: rate,
        outputTokensPerSecond: out,
        outputTokensPerSecondPerGpu: out / s.gpus,
        batch: b * replicas,
        ttftP99Seconds: ttft,
        tpotP99Seconds: tpot,
        meetsTargets: meets(s, ttft, tpot),
        breakdown: st.breakdown,
        stepSeconds: st.stepSeconds,
        pools: null,
      };
    },
  };
}

/** Static batching: evaluate.ts (prompts in their own passes, decoders stall). */
function staticMode(s: ScenarioInput, base: ServingInput, maxBatch: number): Mode {
  const accept = s.speculative?.acceptLength ?? 1;
  const run = (batch: number) => evaluateServing({ ...base, batch: Math.max(1, Math.round(batch)) });
  return {
    offline() {
      const r = run(maxBatch);
      return {
        requestsPerSecond: r.requestsPerSecond,
        outputTokensPerSecond: r.outputTokensPerSecond,
        outputTokensPerSecondPerGpu: r.outputTokensPerSecondPerGpu,
        batch: r.batch,
        ttftP99Seconds: Number.NaN,
        tpotP99Seconds: r.tpotSeconds,
        meetsTargets: true,
        breakdown: r.decode.breakdown,
        stepSeconds: r.decode.stepSeconds,
        pools: null,
      };
    },
    at(rate) {
      const b = littleFixedPoint(rate, (x) => run(x).e2eSeconds, maxBatch);
      if (b === null) return { ...overloaded(rate, s.gpus), breakdown: run(maxBatch).decode.breakdown, stepSeconds: Number.POSITIVE_INFINITY, pools: null };
      const r99 = run(Math.min(p99InFlight(b), maxBatch));
      const r = run(b);
      // evaluate.ts prefills the mean prompt; the p99 prompt takes proportionally longer (all TTFT terms scaled: conservative).
      const ttft = p99InFlight(b) > maxBatch ? Number.POSITIVE_INFINITY : r99.ttftSeconds * (s.promptTokens.p99 / s.promptTokens.mean);
      const tpot = r99.tpotSeconds;
      void accept;
      return {
        requestsPerSecond: rate,
        outputTokensPerSecond: rate * s.outputTokens.mean,
        outputTokensPerSecondPerGpu: (rate * s.outputTokens.mean) / s.gpus,
        batch: b,
        ttftP99Seconds: ttft,
        tpotP99Seconds: tpot,
        meetsTargets: meets(s, ttft, tpot),
        breakdown: r.decode.breakdown,
        stepSeconds: r.decode.stepSeconds,
        pools: null,
      };
    },
  };
}

/**
 * Disaggregated prefill/decode: k instances prefill, the rest decode, k searched. Each prompt's KV
 * cache crosses the prefill instance's NICs (layer by layer, overlapped with the prefill; the
 * transfer adds to TTFT only for the last layers, taken as the whole transfer: conservative).
 */
function disaggregatedMode(s: ScenarioInput, c: ReplicaContext, instSize: number): Mode {
  const units = s.gpus / instSize;
  const replicasPerInst = c.plan.dp;
  const pass = prefillPass(c);
  const accept = s.speculative?.acceptLength ?? 1;
  // Prefill instance: dp replicas each push `tokens` per pass, pipelined over pp stages.
  const prefillReqPerInst = (replicasPerInst * pass.tokens) / c.isl / pass.seconds;
  const prefillLatency = (isl: number) => Math.ceil(isl / c.chunkTokens) * pass.seconds * c.plan.pp;
  const kvBytes = (isl: number) => kvBytesPerToken(c.model, s.kvPrecision ?? 'bf16') * isl;
  const nic = c.d.links.outBytesPerS * instSize;
  const kvReqPerInst = nic / kvBytes(c.isl);
  const kvSeconds = kvBytes(s.promptTokens.p99) / nic;
  // Decode instance: pure decode steps (no prompt tokens).
  const decodeAt = (bPerReplica: number) => inflightStep(c, bPerReplica, 0, true);
  const n = decodeSteps(c);
  const split = (k: number, decodeBatch: number) => {
    const rp = k * Math.min(prefillReqPerInst, kvReqPerInst);
    const st = decodeAt(decodeBatch);
    const rd = (units - k) * replicasPerInst * st.requestsPerSecond;
    return { rp, rd, st };
  };
  const pools = (k: number, bound: Pools['bound']): Pools => ({ prefillGpus: k * instSize, decodeGpus: (units - k) * instSize, kvTransferSeconds: kvSeconds, bound });
  return {
    offline() {
      let best: ReturnType<Mode['offline']> | null = null;
      for (let k = 1; k < units; k++) {
        const { rp, rd, st } = split(k, c.maxPerReplica);
        const rate = Math.min(rp, rd);
        const out = rate * c.osl;
        const bound: Pools['bound'] = rd <= rp ? 'decode' : prefillReqPerInst <= kvReqPerInst ? 'prefill' : 'kv-transfer';
        if (!best || out > best.outputTokensPerSecond) {
          best = {
            requestsPerSecond: rate,
            outputTokensPerSecond: out,
            outputTokensPerSecondPerGpu: out / s.gpus,
            batch: Math.min(st.batch, (rate / ((units - k) * replicasPerInst)) * n * st.stepSeconds) * (units - k) * replicasPerInst,
            ttftP99Seconds: Number.NaN,
            tpotP99Seconds: st.stepSeconds / accept,
            meetsTargets: true,
            breakdown: st.breakdown,
            stepSeconds: st.stepSeconds,
            pools: pools(k, bound),
          };
        }
      }
      if (!best) throw new ChipboundError('usage', `--scheduling disaggregated: ${s.gpus} accelerators hold ${units} instance${units === 1 ? '' : 's'} of ${instSize}; a prefill and a decode pool need at least 2`);
      return best;
    },
    at(rate) {
      let best: ReturnType<Mode['at']> | null = null;
      for (let k = 1; k < units; k++) {
        const rp = k * Math.min(prefillReqPerInst, kvReqPerInst);
        const rho = rate / rp;
        const decodeReplicas = (units - k) * replicasPerInst;
        const lam = rate / decodeReplicas;
        const b = rho < 1 ? littleFixedPoint(lam, (x) => n * decodeAt(x).stepSeconds, c.maxPerReplica) : null;
        if (b === null) continue;
        const st = decodeAt(b);
        const st99 = decodeAt(Math.min(p99InFlight(b), c.maxPerReplica));
        // k prefill instances as one queue of k servers, approximated as one server k times faster.
        const ttft = prefillLatency(s.promptTokens.p99) + kvSeconds + p99WaitSeconds(rho, 1 / rp);
        const tpot = st99.stepSeconds / accept;
        const p: ReturnType<Mode['at']> = {
          requestsPerSecond: rate,
          outputTokensPerSecond: rate * c.osl,
          outputTokensPerSecondPerGpu: (rate * c.osl) / s.gpus,
          batch: b * decodeReplicas,
          ttftP99Seconds: ttft,
          tpotP99Seconds: tpot,
          meetsTargets: meets(s, ttft, tpot) && p99InFlight(b) <= c.maxPerReplica,
          breakdown: st.breakdown,
          stepSeconds: st.stepSeconds,
          pools: pools(k, rho > 0.9 ? (prefillReqPerInst <= kvReqPerInst ? 'prefill' : 'kv-transfer') : 'decode'),
        };
        // Prefer a split meeting the targets, then the lower p99 TTFT + TPOT sum.
        if (!best || (p.meetsTargets && !best.meetsTargets) || (p.meetsTargets === best.meetsTargets && p.ttftP99Seconds + p.tpotP99Seconds < best.ttftP99Seconds + best.tpotP99Seconds)) best = p;
      }
      return best ?? { ...overloaded(rate, s.gpus), breakdown: decodeAt(c.maxPerReplica).breakdown, stepSeconds: Number.POSITIVE_INFINITY, pools: null };
    },
  };
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
function runLayout(s: ScenarioInput, plan: ServingPlan): ScenarioResult {
  const profile = s.engine ? engineProfile(s.engine) : null;
  const scheduling = s.scheduling ?? profile?.scheduling ?? 'inflight';
  const chunkTokens = s.chunkTokens ?? profile?.chunkTokens ?? 8192;
  const hostS = profile?.hostOverheadS;
  const instSize = plan.tp * plan.dp * plan.pp;
  const isl = s.promptTokens.mean;
  const osl = s.outputTokens.mean;
  const overlap = s.overlap ?? (profile ? profile.twoMicroBatchOverlap && plan.ep > 1 && plan.dp > 1 : undefined);
  const precision = s.precision ?? 'bf16';
  const kvPrecision = s.kvPrecision ?? 'bf16';
  const c = replicaContext({
    model: s.model,
    chip: s.chip,
    plan,
    precision,
    kvPrecision,
    isl,
    osl,
    // Paged KV: a sequence holds its prompt and the output so far; admission reserves the mean prompt plus the full output.
    kvLen: Math.ceil(isl + s.outputTokens.max),
    chunkTokens,
    hostS,
    speculative: s.speculative,
    gpusPerNode: s.gpusPerNode,
    overlap,
    kvMemoryFraction: s.kvMemoryFraction,
    maxBatchPerReplica: s.maxBatchPerReplica,
  });
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
  const pass = prefillPass(c);
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
    prefillTokensPerSecondPerGpu: (pass.tokens * plan.dp) / pass.seconds / instSize,
    maxBatch: c.maxPerReplica * replicas,
  };
  if (c.maxPerReplica < 1) {
    const z = { ...overloaded(0, s.gpus), ttftP99Seconds: Number.NaN, tpotP99Seconds: Number.NaN };
    return { ...common, ...z, feasible: false, reason: 'weights and one sequence do not fit in memory', stepSeconds: Number.NaN, breakdown: pass.breakdown, pools: null, sweep: [], notes };
  }
  const mode = scheduling === 'inflight' ? inflightMode(s, c, replicas) : scheduling === 'static' ? staticMode(s, base, c.maxPerReplica * replicas) : disaggregatedMode(s, c, instSize);
  const cap = mode.offline();
  if (s.scenario === 'offline') {
    return { ...common, ...cap, feasible: true, reason: null, sweep: [], notes };
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
    return { ...common, ...low, outputTokensPerSecond: 0, outputTokensPerSecondPerGpu: 0, requestsPerSecond: 0, feasible: false, reason: why, sweep, notes };
  }
  return { ...common, ...op, feasible: true, reason: null, sweep, notes };
}

/** Predicts a scenario; chooses the layout when none is given. */
export function runScenario(s: ScenarioInput): ScenarioResult {
  if (!(Number.isInteger(s.gpus) && s.gpus >= 1)) throw new ChipboundError('usage', `gpus: expected a whole number >= 1, got ${s.gpus}`);
  if (s.chunkTokens !== undefined && !(Number.isInteger(s.chunkTokens) && s.chunkTokens >= 16)) throw new ChipboundError('usage', `chunkTokens: expected a whole number >= 16, got ${s.chunkTokens}`);
  if (s.plan) return runLayout(s, s.plan);
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
