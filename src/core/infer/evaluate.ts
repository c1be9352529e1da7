/**
 * evaluateServing: the serving model. Decode is a loop of steps in which every sequence in flight
 * advances by one token (or `acceptLength` with speculative decoding); prefill runs prompts in
 * chunks of up to max_num_tokens. With phase 'both' the engine interleaves the two (in-flight
 * batching): per attention replica, serving b sequences to completion costs b prefills plus
 * (outputTokens − 1)/accept decode steps at batch b, and every user's token stream stalls for the
 * other b − 1 prompts' prefills. Pipeline stages run pp micro-batches round-robin, so one decode
 * step of the whole batch takes pp stage times.
 */
import { ChipboundError } from '../errors.js';
import { linksOf } from './comm.js';
import { iterationOverheadS as defaultHostS } from './efficiency.js';
import { gpuHourPrice, usdPerMillion } from './cost.js';
import { kvBytesPerToken } from './kv.js';
import { maxNumTokens, maxSequencesPerReplica, servingMemory } from './memory.js';
import { decodeAttention, deployment, prefillAttention, stageForward } from './step.js';
import type { ServingInput, ServingIssue, ServingPlan, ServingResult, StepBreakdown } from './types.js';
import type { Model } from '../catalog/schemas.js';

/** A breakdown times k. */
export function scale(b: StepBreakdown, k: number): StepBreakdown {
  return {
    denseGemm: b.denseGemm * k,
    experts: b.experts * k,
    attention: b.attention * k,
    tpComm: b.tpComm * k,
    epComm: b.epComm * k,
    epExposed: b.epExposed * k,
    ppComm: b.ppComm * k,
    overhead: b.overhead * k,
    host: b.host * k,
    total: b.total * k,
  };
}

/**
 * The contradictions of given serving degrees with the model, whatever the accelerator count (the
 * same rules as training, core/train/plan-checks.ts): tp must divide the attention heads, ep must
 * divide the experts (a dense model takes no ep), a speculative step accepts at most draft + 1
 * tokens. Null when none; the search refuses these up front instead of skipping every layout.
 */
export function servingPlanContradiction(model: Model, fixed: Partial<ServingPlan>, speculative?: { draftTokens: number; acceptLength: number }): string | null {
  const { tp, ep } = fixed;
  if (tp !== undefined && tp > 1 && model.heads % tp !== 0) return `tp: ${tp} must divide the ${model.heads} attention heads of ${model.id}`;
  if (ep !== undefined && ep > 1 && !model.moe) return `ep: ${model.id} is a dense model; expert parallelism needs a mixture-of-experts model (use --ep 1)`;
  if (ep !== undefined && ep > 1 && model.moe && model.moe.experts % ep !== 0) return `ep: ${ep} must divide the ${model.moe.experts} experts of ${model.id}`;
  if (speculative && !(speculative.acceptLength >= 1 && speculative.acceptLength <= speculative.draftTokens + 1)) {
    return `speculative.acceptLength: expected 1 to draftTokens + 1 = ${speculative.draftTokens + 1} (at most the draft tokens plus one are accepted per step), got ${speculative.acceptLength}`;
  }
  return null;
}

/** Checks a serving input; throws ChipboundError('usage') naming the bad field. */
export function checkServingInput(i: ServingInput): void {
  const { tp, pp, ep, dp } = i.plan;
  for (const [k, v] of Object.entries({ gpus: i.gpus, tp, pp, ep, dp, promptTokens: i.promptTokens, outputTokens: i.outputTokens })) {
    if (!Number.isInteger(v) || v < 1) throw new ChipboundError('usage', `${k}: expected a whole number >= 1, got ${v}`);
  }
  if (i.batch !== undefined && !(Number.isInteger(i.batch) && i.batch >= 1)) throw new ChipboundError('usage', `batch: expected a whole number >= 1, got ${i.batch}`);
  const inst = tp * dp * pp;
  if (i.gpus % inst !== 0) throw new ChipboundError('usage', `gpus: ${i.gpus} is not a multiple of tp·dp·pp = ${tp}·${dp}·${pp} = ${inst}`);
  const bad = servingPlanContradiction(i.model, i.plan, i.speculative);
  if (bad) throw new ChipboundError('usage', bad);
  if (ep > 1 && !i.model.moe) throw new ChipboundError('usage', `ep: ${i.model.id} is a dense model; expert parallelism needs a mixture-of-experts model (use --ep 1)`);
  if (ep > 1 && (tp * dp) % ep !== 0) throw new ChipboundError('usage', `ep: ${ep} must divide tp·dp = ${tp * dp} (experts are spread over the attention chips of a stage)`);
  if (i.model.moe && ep > i.model.moe.experts) throw new ChipboundError('usage', `ep: ${ep} exceeds the ${i.model.moe.experts} experts of ${i.model.id}`);
  if (pp > i.model.layers) throw new ChipboundError('usage', `pp: ${pp} exceeds the ${i.model.layers} layers of ${i.model.id}`);
  if (i.kvMemoryFraction !== undefined && !(i.kvMemoryFraction > 0 && i.kvMemoryFraction <= 1)) throw new ChipboundError('usage', `kvMemoryFraction: expected a fraction in (0, 1], got ${i.kvMemoryFraction}`);
  if (i.speculative && !(i.speculative.acceptLength >= 1 && i.speculative.acceptLength <= i.speculative.draftTokens + 1)) {
    throw new ChipboundError('usage', `speculative.acceptLength: expected 1 to draftTokens + 1, got ${i.speculative.acceptLength}`);
  }
}

/** Predicts a serving deployment. */
export function evaluateServing(i: ServingInput): ServingResult {
  checkServingInput(i);
  const { model: m, chip, plan } = i;
  const phase = i.phase ?? 'both';
  const precision = i.precision ?? 'bf16';
  const kvPrecision = i.kvPrecision ?? 'bf16';
  const notes: string[] = [];
  const links = linksOf(chip, i.gpusPerNode);
  const overlap = i.overlap ?? (plan.ep > 1 && plan.dp > 1);
  const iterationOverheadS = i.hostOverheadS ?? defaultHostS;
  const d = deployment(m, chip, plan, precision, kvPrecision, links, overlap);
  const instances = i.gpus / (plan.tp * plan.dp * plan.pp);
  const replicas = instances * plan.dp;
  const isl = i.promptTokens;
  const osl = i.outputTokens;
  const seqLen = isl + osl;

  // Memory and the largest batch.
  const mem0 = servingMemory(m, chip, plan, precision, kvPrecision, seqLen, 0, i.kvMemoryFraction);
  const perReplicaMax = maxSequencesPerReplica(mem0, i.maxBatchPerReplica);
  const maxBatch = perReplicaMax * replicas;
  const batch = i.batch ?? Math.max(maxBatch, 1);
  const b = batch / replicas; // sequences per attention replica (fractional: some replicas idle)
  const stepB = Math.max(1, Math.ceil(b));
  const mem = servingMemory(m, chip, plan, precision, kvPrecision, seqLen, stepB, i.kvMemoryFraction);
  let issue: ServingIssue | null = null;
  if (mem0.kvBudgetBytes <= 0 || perReplicaMax === 0) {
    issue = { code: 'exceeds_memory', needGiB: (mem.weightBytes + mem.workspaceBytes + mem.kvBytesPerSequence) / 2 ** 30, haveGiB: mem.capacityBytes / 2 ** 30 };
  } else if (batch > maxBatch) {
    issue = { code: 'batch_too_large', batch, maxBatch };
  }
  // Under EP the expert group serves every busy attention replica of the instance at once.
  const expertFactor = plan.ep > 1 ? Math.min(plan.dp, Math.max(1, batch / instances / stepB)) : 1;

  // Decode step (all sequences of a replica advance once).
  const spec = i.speculative;
  const queries = 1 + (spec?.draftTokens ?? 0);
  const accept = spec?.acceptLength ?? 1;
  const meanContext = phase === 'prefill' ? isl : isl + osl / 2;
  const micro = Math.max(1, Math.ceil(stepB / plan.pp));
  const dStage = stageForward(d, micro * queries, decodeAttention(m, micro, queries, meanContext), micro * queries, micro * queries * expertFactor);
  // Draft model (MTP module ≈ one extra layer per draft token; DeepSeek-V3 §2.2).
  const draftFactor = spec ? 1 + spec.draftTokens / m.layers : 1;
  const staged = scale(dStage, plan.pp * draftFactor);
  // One engine iteration per step: host overhead (the engine profile's, else efficiency.ts).
  const decodeBreakdown = { ...staged, host: iterationOverheadS, total: staged.total + iterationOverheadS };
  const stepSeconds = decodeBreakdown.total;
  const pureTpot = stepSeconds / accept;
  const decodeTps = (b * replicas * accept) / stepSeconds;

  // Prefill: chunks of up to max_num_tokens (whole prompts when shorter).
  const perChunk = Math.max(1, Math.min(Math.floor((i.maxNumTokens ?? maxNumTokens) / isl), stepB));
  const chunkTokens = perChunk * isl;
  const pStage = stageForward(d, chunkTokens, prefillAttention(m, perChunk, isl), perChunk, chunkTokens * expertFactor);
  let prefillPerRequest = (pStage.total + iterationOverheadS) / perChunk; // replica time per request, pipelined
  // Independent DP scheduling: a replica's prompt chunk stalls every replica at the shared MoE
  // layers. K chunks per replica per cycle land in random iterations among N = max(decode steps, K);
  // the iterations holding at least one chunk are N·(1 − (1 − K/N)^dp) (a prompt-heavy load fills
  // almost every iteration, so the replicas end up aligned; a decode-heavy one serialises them).
  const independent = i.dpPrefill === 'independent' && plan.dp > 1 && Boolean(m.moe) && phase === 'both';
  if (independent) {
    const alone = stageForward(d, chunkTokens, prefillAttention(m, perChunk, isl), perChunk, chunkTokens).total;
    const k = b / perChunk;
    const n = Math.max((Math.max(osl - 1, 0)) / (i.speculative?.acceptLength ?? 1), k);
    const busy = n * (1 - Math.pow(1 - k / n, plan.dp));
    prefillPerRequest = Math.max(k * pStage.total, busy * alone) / Math.max(b, 1e-9) + iterationOverheadS / perChunk;
  }
  const prefillTps = (replicas * isl) / prefillPerRequest;
  const lone = stageForward(d, isl, prefillAttention(m, 1, isl), 1, isl);
  const prefillAlone = lone.total * plan.pp + iterationOverheadS;

  // Compose the phases.
  const decodeSteps = phase === 'prefill' ? 0 : Math.max(osl - 1, 0) / accept;
  const prefillTime = phase === 'decode' ? 0 : b * prefillPerRequest;
  const decodeTime = decodeSteps * stepSeconds;
  const cycle = prefillTime + decodeTime;
  const outTokens = phase === 'prefill' ? 1 : osl;
  const outputTps = cycle > 0 ? (b * replicas * outTokens) / cycle : 0;
  const requestsPerSecond = cycle > 0 ? (b * replicas) / cycle : 0;
  const stall = phase === 'both' && osl > 1 ? (Math.max(b - 1, 0) * prefillPerRequest) / (osl - 1) : 0;
  // TTFT: the prompt's own prefill, plus (phase both, other sequences in flight) half a decode step
  // for the iteration in progress and the wait behind other prompts. Prefill is a single server
  // busy a fraction ρ of the time with near-constant service: M/D/1 wait ρ/(2(1 − ρ)) × service
  // (Pollaczek-Khinchine). A prefill-only deployment has no arrival rate here, so no queue.
  const rho = cycle > 0 && b > 1 && phase === 'both' ? Math.min(0.95, prefillTime / cycle) : 0;
  const ttft = prefillAlone + (phase === 'both' && b > 1 ? stepSeconds / 2 : 0) + (rho / (2 * (1 - rho))) * prefillAlone;
  const tpot = pureTpot + stall;
  const e2e = (phase === 'decode' ? 0 : ttft) + Math.max(osl - 1, 0) * (phase === 'prefill' ? 0 : tpot);

  // Cost and energy.
  const price = gpuHourPrice(chip);
  if (price?.basis === 'purchase') notes.push(`No rental price for ${chip.id}: purchase price amortized over 4 years (${price.usd.toFixed(2)} USD/h).`);
  const inputTps = requestsPerSecond * isl;
  const costOut = price && phase !== 'prefill' ? usdPerMillion(price.usd, i.gpus, cycle > 0 ? decodeTime / cycle : 0, outputTps) : null;
  const costIn = price && phase !== 'decode' ? usdPerMillion(price.usd, i.gpus, cycle > 0 ? prefillTime / cycle : 0, inputTps) : null;
  const costQuery = price && requestsPerSecond > 0 ? (price.usd * i.gpus) / 3600 / requestsPerSecond : null;
  const joules = chip.tdpW && outputTps > 0 ? (chip.tdpW * i.gpus) / outputTps : null;
  if (spec) notes.push(`Speculative decoding: ${spec.draftTokens} draft tokens verified per step, ${spec.acceptLength} accepted on average.`);
  if (plan.ep > 1 && overlap) notes.push('EP all-to-all overlapped with compute (two micro-batches).');

  return {
    model: m.id,
    chip: chip.id,
    gpus: i.gpus,
    plan,
    phase,
    precision,
    kvPrecision,
    promptTokens: isl,
    outputTokens: osl,
    instances,
    batch,
    fits: issue === null,
    issue,
    kvCacheBytesPerToken: kvBytesPerToken(m, kvPrecision),
    maxBatch,
    memory: mem,
    prefill: {
      seconds: prefillTime,
      tokensPerSecond: prefillTps,
      tokensPerSecondPerGpu: prefillTps / i.gpus,
      breakdown: { ...pStage, host: iterationOverheadS, total: pStage.total + iterationOverheadS },
    },
    decode: {
      tokensPerSecond: decodeTps,
      tokensPerSecondPerGpu: decodeTps / i.gpus,
      tpotSeconds: pureTpot,
      stepSeconds,
      meanContext,
      breakdown: decodeBreakdown,
    },
    ttftSeconds: ttft,
    tpotSeconds: tpot,
    e2eSeconds: e2e,
    outputTokensPerSecond: outputTps,
    outputTokensPerSecondPerGpu: outputTps / i.gpus,
    totalTokensPerSecond: requestsPerSecond * (isl + outTokens),
    requestsPerSecond,
    costPerMillionOutputTokensUsd: costOut,
    costPerMillionInputTokensUsd: costIn,
    costPerQueryUsd: costQuery,
    usdPerGpuHour: price?.usd ?? null,
    joulesPerOutputToken: joules,
    joulesPerToken: chip.tdpW && requestsPerSecond > 0 ? (chip.tdpW * i.gpus) / (requestsPerSecond * (isl + outTokens)) : null,
    notes,
  };
}
