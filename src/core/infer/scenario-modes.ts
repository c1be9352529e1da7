/**
 * The scheduling modes as load models under a scenario (scenario.ts): the offline capacity and the
 * state at a Poisson request rate (mean batch from Little's law, p99 TTFT and TPOT) of `inflight`,
 * `static` and `disaggregated` deployments (docs/serving.md §2.1).
 */
import { ChipboundError } from '../errors.js';
import { evaluateServing } from './evaluate.js';
import { kvBytesPerToken } from './kv.js';
import { littleFixedPoint, p99InFlight, p99WaitSeconds } from './queue.js';
import type { LoadPoint, Pools, ScenarioInput } from './scenario.js';
import { decodeSteps, inflightStep, prefillPass, type ReplicaContext } from './scheduling.js';
import type { ServingInput, StepBreakdown } from './types.js';

/** One scheduling mode under a scenario: its offline capacity and its state at a request rate. */
export interface Mode {
  /** Capacity: requests/s of the whole deployment at the largest batch (offline). */
  offline(): LoadPoint & { breakdown: StepBreakdown; stepSeconds: number; pools: Pools | null };
  /** The deployment under Poisson arrivals at `rate` requests/s. */
  at(rate: number): LoadPoint & { breakdown: StepBreakdown; stepSeconds: number; pools: Pools | null };
}

/** A load the deployment cannot carry. */
export const overloaded = (rate: number): LoadPoint => ({
  requestsPerSecond: rate,
  outputTokensPerSecond: 0,
  outputTokensPerSecondPerGpu: 0,
  batch: 0,
  ttftP99Seconds: Number.POSITIVE_INFINITY,
  tpotP99Seconds: Number.POSITIVE_INFINITY,
  meetsTargets: false,
});

/** Whether p99 TTFT and TPOT meet the scenario's targets. */
export function meets(s: ScenarioInput, ttft: number, tpot: number): boolean {
  return Number.isFinite(ttft) && Number.isFinite(tpot) && (s.ttftSeconds === undefined || ttft <= s.ttftSeconds) && (s.tpotSeconds === undefined || tpot <= s.tpotSeconds);
}

/** In-flight batching with chunked prefill. */
export function inflightMode(s: ScenarioInput, c: ReplicaContext, replicas: number): Mode {
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
      if (b === null) return { ...overloaded(rate), breakdown: inflightStep(c, c.maxPerReplica).breakdown, stepSeconds: Number.POSITIVE_INFINITY, pools: null };
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
export function staticMode(s: ScenarioInput, base: ServingInput, maxBatch: number): Mode {
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
      if (b === null) return { ...overloaded(rate), breakdown: run(maxBatch).decode.breakdown, stepSeconds: Number.POSITIVE_INFINITY, pools: null };
      const r99 = run(Math.min(p99InFlight(b), maxBatch));
      const r = run(b);
      // evaluate.ts prefills the mean prompt; the p99 prompt takes proportionally longer (all TTFT terms scaled: conservative).
      const ttft = p99InFlight(b) > maxBatch ? Number.POSITIVE_INFINITY : r99.ttftSeconds * (s.promptTokens.p99 / s.promptTokens.mean);
      const tpot = r99.tpotSeconds;
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

/** The two pools of a disaggregated deployment: a layout (context) and its size each. */
export interface PoolLayouts {
  readonly prefill: ReplicaContext;
  readonly prefillSize: number;
  readonly decode: ReplicaContext;
  readonly decodeSize: number;
}

/**
 * Disaggregated prefill/decode: kp prefill instances (layout `prefill`) and kd decode instances
 * (layout `decode`) with kp·prefillSize + kd·decodeSize <= gpus, kp searched and kd the most that
 * fit. Each prompt's KV cache crosses the prefill instance's NICs (layer by layer, overlapped with
 * the prefill; the whole transfer is added to TTFT: conservative).
 */
export function disaggregatedMode(s: ScenarioInput, pl: PoolLayouts): Mode {
  const cp = pl.prefill;
  const cd = pl.decode;
  const pass = prefillPass(cp);
  const accept = s.speculative?.acceptLength ?? 1;
  // Prefill instance: dp replicas each push `tokens` per pass, pipelined over pp stages.
  const prefillReqPerInst = (cp.plan.dp * pass.tokens) / cp.isl / pass.seconds;
  const prefillLatency = (isl: number) => Math.ceil(isl / cp.chunkTokens) * pass.seconds * cp.plan.pp;
  const kvBytes = (isl: number) => kvBytesPerToken(cp.model, s.kvPrecision ?? 'bf16') * isl;
  const nic = cp.d.links.outBytesPerS * pl.prefillSize;
  const kvReqPerInst = nic / kvBytes(cp.isl);
  const kvSeconds = kvBytes(s.promptTokens.p99) / nic;
  const prefillBound: Pools['bound'] = prefillReqPerInst <= kvReqPerInst ? 'prefill' : 'kv-transfer';
  // Decode instance: pure decode steps (no prompt tokens).
  const decodeAt = (bPerReplica: number) => inflightStep(cd, bPerReplica, 0, true);
  const n = decodeSteps(cd);
  const splits: { kp: number; kd: number }[] = [];
  for (let kp = 1; kp * pl.prefillSize + pl.decodeSize <= s.gpus; kp++) splits.push({ kp, kd: Math.floor((s.gpus - kp * pl.prefillSize) / pl.decodeSize) });
  if (!splits.length) {
    throw new ChipboundError('usage', `--scheduling disaggregated: ${s.gpus} accelerators cannot hold a prefill instance of ${pl.prefillSize} and a decode instance of ${pl.decodeSize}`);
  }
  const pools = (kp: number, kd: number, bound: Pools['bound']): Pools => ({
    prefillGpus: kp * pl.prefillSize,
    decodeGpus: kd * pl.decodeSize,
    prefillPlan: cp.plan,
    decodePlan: cd.plan,
    kvTransferSeconds: kvSeconds,
    bound,
  });
  return {
    offline() {
      let best: ReturnType<Mode['offline']> | null = null;
      for (const { kp, kd } of splits) {
        const st = decodeAt(cd.maxPerReplica);
        const rp = kp * Math.min(prefillReqPerInst, kvReqPerInst);
        const decodeReplicas = kd * cd.plan.dp;
        const rd = decodeReplicas * st.requestsPerSecond;
        const rate = Math.min(rp, rd);
        const out = rate * cd.osl;
        if (!best || out > best.outputTokensPerSecond) {
          best = {
            requestsPerSecond: rate,
            outputTokensPerSecond: out,
            outputTokensPerSecondPerGpu: out / s.gpus,
            batch: Math.min(st.batch, (rate / decodeReplicas) * n * st.stepSeconds) * decodeReplicas,
            ttftP99Seconds: Number.NaN,
            tpotP99Seconds: st.stepSeconds / accept,
            meetsTargets: true,
            breakdown: st.breakdown,
            stepSeconds: st.stepSeconds,
            pools: pools(kp, kd, rd <= rp ? 'decode' : prefillBound),
          };
        }
      }
      return best!;
    },
    at(rate) {
      let best: ReturnType<Mode['at']> | null = null;
      for (const { kp, kd } of splits) {
        const rp = kp * Math.min(prefillReqPerInst, kvReqPerInst);
        const rho = rate / rp;
        const decodeReplicas = kd * cd.plan.dp;
        const lam = rate / decodeReplicas;
        const b = rho < 1 ? littleFixedPoint(lam, (x) => n * decodeAt(x).stepSeconds, cd.maxPerReplica) : null;
        if (b === null) continue;
        const st = decodeAt(b);
        const st99 = decodeAt(Math.min(p99InFlight(b), cd.maxPerReplica));
        // kp prefill instances as one queue of kp servers, approximated as one server kp times faster.
        const ttft = prefillLatency(s.promptTokens.p99) + kvSeconds + p99WaitSeconds(rho, 1 / rp);
        const tpot = st99.stepSeconds / accept;
        const p: ReturnType<Mode['at']> = {
          requestsPerSecond: rate,
          outputTokensPerSecond: rate * cd.osl,
          outputTokensPerSecondPerGpu: (rate * cd.osl) / s.gpus,
          batch: b * decodeReplicas,
          ttftP99Seconds: ttft,
          tpotP99Seconds: tpot,
          meetsTargets: meets(s, ttft, tpot) && p99InFlight(b) <= cd.maxPerReplica,
          breakdown: st.breakdown,
          stepSeconds: st.stepSeconds,
          pools: pools(kp, kd, rho > 0.9 ? prefillBound : 'decode'),
        };
        // Prefer a split meeting the targets, then the lower p99 TTFT + TPOT sum.
        if (!best || (p.meetsTargets && !best.meetsTargets) || (p.meetsTargets === best.meetsTargets && p.ttftP99Seconds + p.tpotP99Seconds < best.ttftP99Seconds + best.tpotP99Seconds)) best = p;
      }
      return best ?? { ...overloaded(rate), breakdown: decodeAt(cd.maxPerReplica).breakdown, stepSeconds: Number.POSITIVE_INFINITY, pools: null };
    },
  };
}

