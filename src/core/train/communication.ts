/**
 * Communication of one step (formulas.md §3.5), costed with the α–β collectives over the
 * job's topology. Rank order is Megatron's (tp innermost, then cp, dp, pp), so a group's
 * stride decides whether it stays inside a node or goes hierarchical across nodes.
 */
import { allGather, allReduce, allToAll, p2p } from '../cluster/collectives.js';
import { nicSizeEfficiency } from '../cluster/collective-curves.js';
import { groupSpan } from '../cluster/topology.js';
import type { Plan } from './types.js';
import type { PreparedJob } from './prepare.js';
import { stageLayers, zero3Group } from './memory.js';
import { schedules } from './schedules.js';

/** Per-layer, per-micro-batch communication (seconds) and per-step data-parallel totals. */
export interface CommCosts {
  /** TP/SP: one layer's forward collectives (2 × all-reduce-equivalent of t·h BF16; Narayanan §3.3). */
  tpLayerFwd: number;
  /** CP ring: K/V exchange of one layer, forward ((cp−1) steps). */
  cpLayerFwd: number;
  /** EP: dispatch + combine of one MoE layer, forward. */
  epLayerFwd: number;
  /** PP: one micro-batch's activation send between stages, one direction. */
  ppSend: number;
  /** DP: gradient reduce (reduce-scatter, or all-reduce with ZeRO-0), per step. */
  dpGrad: number;
  /** DP: parameter all-gather (ZeRO ≥ 1), per step. */
  dpParams: number;
  /** ZeRO-3: per micro-batch, gathers (forward + backward) and gradient reduce-scatter of the stage, one per layer. */
  zero3PerMb: number;
  /** The data-parallel / ZeRO groups cross nodes (they share the NICs with a cross-node EP all-to-all). */
  dpCrossNode: boolean;
  /** The EP all-to-all has an inter-node part. */
  epCrossNode: boolean;
}

/** Fills `out` with the plan's communication costs. */
export function commCosts(prep: PreparedJob, plan: Plan, out: CommCosts): CommCosts {
  const topo = prep.topo;
  const gpn = prep.gpusPerNode;
  const tokens = (plan.microBatch * prep.seq) / plan.cp;
  const h = prep.h;

  // TP: 2 all-reduces (or AG + RS with SP, same bytes) of t·h BF16 per layer forward.
  out.tpLayerFwd = plan.tp > 1 ? 2 * allReduce(tokens * h * 2, groupSpan(plan.tp, 1, gpn), topo) : 0;

  // CP: ring attention, (cp−1) steps each passing this rank's K and V chunk (formulas.md §3.5 CP).
  if (plan.cp > 1) {
    const span = groupSpan(plan.cp, plan.tp, gpn);
    const kvBytes = tokens * (prep.kvHeads / plan.tp) * (prep.qkDim + prep.vDim) * 2;
    out.cpLayerFwd = (plan.cp - 1) * p2p(kvBytes, span.nodes > 1, topo);
  } else out.cpLayerFwd = 0;

  // EP: dispatch (FP8 payload with fp8, DeepSeek-V3 §3.3) + combine (BF16) of (t/tp)·topK copies.
  if (prep.moeLayers > 0 && plan.ep > 1) {
    const span = groupSpan(plan.ep, 1, gpn);
    const copies = (tokens / plan.tp) * prep.topK;
    const remoteFrac = (plan.ep - span.local) / plan.ep;
    // Node-limited routing sends one copy per destination node, forwarded over NVLink (DeepSeek-V3 §2.1.2, §3.2.2).
    const perNodeCopies = Math.min(prep.topK, prep.maxNodesPerToken, span.nodes);
    const interCopies = Number.isFinite(prep.maxNodesPerToken) ? (tokens / plan.tp) * perNodeCopies * remoteFrac : copies * remoteFrac;
    const intraCopies = Number.isFinite(prep.maxNodesPerToken) ? copies * ((plan.ep - 1) / plan.ep) : (copies * (span.local - 1)) / plan.ep;
    // NCCL's all-to-all (the per-copy dispatcher) loses NIC bandwidth at the message sizes of one
    // layer's dispatch the way SimAI's measured multi-node table says (SimAI applies it to EP
    // all-to-all; indexed by the per-rank buffer, nccl-tests' size convention); DeepEP-style
    // node-forwarding kernels hold 43-47 GB/s of a 50 GB/s NIC at these sizes (data/calibration/calibration.md §3.2).
    const dispatchBytes = plan.precision === 'fp8' ? 1 : 2;
    const eff = (bytes: number) => (prep.ncclAllToAll ? nicSizeEfficiency(copies * h * bytes, span.nodes) : 1);
    const interBytes = interCopies * h * (dispatchBytes / eff(dispatchBytes) + 2 / eff(2));
    out.epLayerFwd = allToAll(intraCopies * h * (dispatchBytes + 2), interBytes, topo);
    out.epCrossNode = interCopies > 0;
  } else {
    out.epLayerFwd = 0;
    out.epCrossNode = false;
  }
  // Expert TP: the etp ranks all-gather their dispatched copies before the expert GEMMs and
  // reduce-scatter the outputs after (Megatron-Core expert tensor parallelism), forward; again backward.
  const etp = plan.etp ?? 1;
  if (prep.moeLayers > 0 && etp > 1) out.epLayerFwd += 2 * allGather(etp * (tokens / plan.tp) * prep.topK * h * 2, groupSpan(etp, 1, gpn), topo);

  // PP: t·h BF16 (÷tp with scatter/gather or SP; Narayanan §4.1).
  if (plan.pp > 1) {
    const stride = plan.tp * plan.cp * plan.dp;
    // DeepSpeed's pipeline engine sends the full activation from every TP rank (no scatter/gather).
    const bytes = (tokens * h * 2) / (prep.ppScatterGather || plan.sequenceParallel ? plan.tp : 1);
    out.ppSend = p2p(bytes, stride >= gpn, topo);
  } else out.ppSend = 0;

  // DP over dp·cp ranks (stride tp) for dense parameters; experts over dp·cp·tp/ep (stride ep).
  const { layers, moe } = stageLayers(prep, plan);
  const perLayer = prep.attnParams + 2 * h;
  // DualPipe devices hold (and train) two stages' parameters (schedules.ts paramsMultiplier,
  // DeepSeek-V3 §3.2.1): twice the gradients to reduce and parameters to gather (memory.ts holds them).
  const mult = schedules[plan.schedule].paramsMultiplier;
  const denseP = (mult * (layers * perLayer + (layers - moe) * prep.denseFfnParams + moe * prep.sharedRouterParams) + Math.max(prep.embeddingParams, prep.lmHeadParams)) / plan.tp;
  const expertP = (mult * moe * prep.experts * prep.expertParams) / (plan.ep * etp);
  const d = plan.dp * plan.cp;
  const ed = (plan.dp * plan.cp * plan.tp) / (plan.ep * etp);
  const dSpan = groupSpan(d, plan.tp, gpn);
  const eSpan = groupSpan(ed, plan.ep * etp, gpn);
  // Gradients are reduced in FP32 with ZeRO-0 (Megatron-LM 2021 main grads), else in BF16 (memory.ts).
  const gb = plan.zero === 0 ? 4 : 2;
  // ZeRO-3 shards within groups of g data-parallel ranks (all dp·cp ranks without hybrid sharding).
  const g = zero3Group(prep, plan);
  if (plan.zero === 0) {
    out.dpGrad = allReduce(denseP * gb, dSpan, topo) + allReduce(expertP * gb, eSpan, topo);
    out.dpParams = 0;
  } else if (plan.zero === 3) {
    // Hybrid sharding: each group holds a whole replica, so the groups all-reduce their gradient
    // shards once per step (MiCS §3.2; FSDP HYBRID_SHARD), rank i of every group together.
    const r = d / g;
    out.dpGrad = r > 1 ? allReduce((denseP * gb) / g, groupSpan(r, plan.tp * g, gpn), topo) + allReduce((expertP * gb) / g, groupSpan(r, plan.ep * etp * g, gpn), topo) : 0;
    out.dpParams = 0;
  } else {
    out.dpGrad = allGather(denseP * gb, dSpan, topo) + allGather(expertP * gb, eSpan, topo);
    out.dpParams = allGather(denseP * 2, dSpan, topo) + allGather(expertP * 2, eSpan, topo);
  }
  // ZeRO-3 (ZeRO paper §7): all-gather forward, all-gather backward, reduce-scatter, per micro-batch.
  // Flat style (DeepSpeed ZeRO-3 before ZeRO++, arXiv 2306.10209 §1, §3): the collectives run over
  // the flat data-parallel group with every rank's share crossing its own NIC (one rank per NIC,
  // not the node's NICs pooled by a hierarchical algorithm), at the scale of the job's real node count.
  // The gathers are issued per layer, not once per stage: FSDP wraps each transformer block as a
  // unit with its own all-gather (forward, backward) and reduce-scatter (Zhao et al. 2023,
  // arXiv 2304.11277 §3.1, §3.3), DeepSpeed ZeRO-3 fetches per submodule (ZeRO paper §7), so the
  // ring latency (n−1)·α is paid 3 times per layer per micro-batch: at thousands of ranks it,
  // not the bytes, bounds ZeRO-3 (one 2,048-rank gather ≈ 10 ms at 5 µs per step).
  if (plan.zero === 3) {
    const flat = (n: number) => (prep.zero3Flat && n > 1 ? { local: 1, nodes: n, fabricNodes: Math.ceil(prep.gpus / gpn) } : null);
    // The gathers and reduce-scatters run inside the shard group.
    const eg = Math.max(1, (ed * g) / d);
    const dS = g === d ? (flat(d) ?? dSpan) : (flat(g) ?? groupSpan(g, plan.tp, gpn));
    const eS = g === d ? (flat(ed) ?? eSpan) : (flat(eg) ?? groupSpan(eg, plan.ep * etp, gpn));
    const units = mult * layers;
    const eUnits = mult * moe;
    out.zero3PerMb = 3 * units * allGather((denseP * 2) / units, dS, topo) + (eUnits > 0 ? 3 * eUnits * allGather((expertP * 2) / eUnits, eS, topo) : 0);
  } else out.zero3PerMb = 0;
  out.dpCrossNode = (d > 1 && dSpan.nodes > 1) || (expertP > 0 && ed > 1 && eSpan.nodes > 1);
  return out;
}
