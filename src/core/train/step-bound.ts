/**
 * A proven lower bound on evaluatePlan's step time (evaluate.ts) for one parallel layout and
 * micro-batch size, valid for every recompute policy and ZeRO stage. The plan search uses it
 * to skip plans that cannot beat the plans it already holds (search/kernel.ts), so it must
 * never exceed the step time evaluatePlan reports: property-tested in step-bound.test.ts.
 *
 * evaluatePlan's step is m·(F + B + ppPerMb + z3) + bubble + dpExposed + optimizer, every term
 * non-negative (the overlap fractions dpOverlap, zero3PrefetchOverlap and overlapSmShare are in
 * [0, 1]). The bound keeps m·(F + B + ppPerMb), with F + B at its smallest over the recompute
 * policies (no recompute adds nothing to the backward), and the 1F1B / interleaved bubble,
 * (p − 1)(F + B)/v, which grows with F + B; it drops the ZeRO-dependent terms (DP and ZeRO-3
 * communication, optimizer). F + B of the slowest stage, min over the last stage's layer count
 * k of max(k·(f + b) + head, others·(f + b)), grows with the per-layer f + b, so the smallest
 * per-layer time gives the smallest F + B. The same arithmetic as evaluatePlan, term by term;
 * the result is scaled by (1 − 1e-9) against rounding differences.
 *
 * Keep it in step with evaluatePlan: a change there that lowers some step below this bound
 * (a new overlap, a smaller coefficient) fails step-bound.test.ts; mirror the change here. Taking
 * `stepTimeLowerBound` out of trainEvaluator (search/search.ts) turns the pruning off.
 */
import type { Plan } from './types.js';
import type { PreparedJob } from './prepare.js';
import { averageLayer, layerCosts, headCost, type AverageLayer, type LayerCost } from './compute.js';
import { commCosts, type CommCosts } from './communication.js';
import { schedules } from './schedules.js';
import { overlapSmShare } from './calibration.js';

const dense: LayerCost = { gemm: 0, attn: 0, ew: 0, fp8: 0, scores: 0 };
const moe: LayerCost = { gemm: 0, attn: 0, ew: 0, fp8: 0, scores: 0 };
const comm = {} as CommCosts;
const avg = {} as AverageLayer;

/** F + B of the slowest stage for per-layer f + b = `layerFB` and last-stage extra `extraFB` (evaluatePlan's stage split). */
function slowestStage(L: number, pp: number, layerFB: number, extraFB: number): number {
  if (pp <= 1) return L * layerFB + extraFB;
  let best = Infinity;
  const kMax = Math.ceil(L / pp);
  for (let k = 0; k <= kMax; k++) {
    const others = Math.ceil((L - k) / (pp - 1));
    const lastT = k * layerFB + extraFB;
    const otherT = others * layerFB;
    const worst = lastT > otherT ? lastT : otherT;
    if (worst < best) best = worst;
  }
  return best;
}

/**
 * Lower bound on the step time, seconds, of `plan`'s layout and micro-batch at any recompute
 * policy and ZeRO stage (plan must be valid). With `beat`, it may stop at a weaker bound that
 * already exceeds `beat` (compute alone, before the communication terms are costed).
 */
export function stepTimeLowerBound(prep: PreparedJob, plan: Plan, beat = Infinity): number {
  layerCosts(prep, plan, dense, moe);
  const sched = schedules[plan.schedule];
  const L = prep.layers;
  // evaluatePlan's own average layer (compute.ts averageLayer).
  const { wM, gemmF, attnF, compF, compB } = averageLayer(prep, dense, moe, avg);
  const head = headCost(prep, plan);
  const mtp = prep.mtpDepth;
  const m = prep.globalBatch / (plan.dp * plan.microBatch);
  const v = plan.schedule === 'interleaved' ? plan.vpp : 1;
  // 1F1B and interleaved: bubble (p − 1)(F + B)/v, a function of F + B alone (schedules.ts).
  const bubbleShare = plan.pp > 1 && (plan.schedule === '1f1b' || plan.schedule === 'interleaved') ? (plan.pp - 1) / v : 0;
  const headFB = (1 + mtp) * 3 * (head.gemm + head.ew);
  // Compute alone (every communication term is ≥ 0): often enough to beat `beat`.
  const fbComp = slowestStage(L, plan.pp, compF + compB, headFB + mtp * (compF + compB));
  const compBound = (m * fbComp + bubbleShare * fbComp) * (1 - 1e-9);
  if (compBound > beat) return compBound;
  commCosts(prep, plan, comm);
  const tpOv = prep.tpCommOverlap && plan.sequenceParallel && plan.tp > 1;
  const tpT = comm.tpLayerFwd;
  const tpF = tpOv ? Math.max(0, tpT - gemmF) + overlapSmShare * Math.min(tpT, gemmF) : tpT;
  const tpB = tpOv ? Math.max(0, tpT - 2 * gemmF) + overlapSmShare * Math.min(tpT, 2 * gemmF) : tpT;
  const cpF = Math.max(0, comm.cpLayerFwd - attnF);
  const cpB = Math.max(0, 2 * comm.cpLayerFwd - 2.5 * attnF);
  const epL = wM * comm.epLayerFwd;
  const epF = sched.overlapsEpComm ? Math.max(0, epL - compF) + overlapSmShare * Math.min(epL, compF) : epL;
  const epB = sched.overlapsEpComm ? Math.max(0, epL - compB) + overlapSmShare * Math.min(epL, compB) : epL;
  const layerF = compF + tpF + cpF + epF;
  const layerB = compB + tpB + cpB + epB;
  const extraF = (1 + mtp) * (head.gemm + head.ew) + mtp * layerF;
  const extraB = (1 + mtp) * 2 * (head.gemm + head.ew) + mtp * layerB;
  const fb = slowestStage(L, plan.pp, layerF + layerB, extraF + extraB);
  const ppPerMb = plan.pp > 1 && !sched.overlapsPpComm ? 2 * v * comm.ppSend : 0;
  const bound = m * (fb + ppPerMb) + bubbleShare * fb;
  return Number.isFinite(bound) && bound > 0 ? bound * (1 - 1e-9) : 0;
}
