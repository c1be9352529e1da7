/**
 * Communication of one forward pass, α–β (formulas.md §3.6). Serving messages are small
 * (batch × hidden), so latency matters as much as bandwidth: engines use one-shot/two-shot custom
 * all-reduce kernels inside a node (TensorRT-LLM, vLLM, SGLang) whose cost is one α plus the ring
 * bandwidth term; across nodes we use the NCCL hierarchical cost with its measured latency floor.
 * Bandwidths are the chip's per-direction link rates times the measured link efficiency.
 */
import type { Chip } from '../catalog/schemas.js';
import { ChipboundError } from '../errors.js';
import { allReduceInterNodeLatencyS, allToAllLatencyS, p2pLatencyS, servingEfficiency } from './efficiency.js';

/** Achievable per-direction bandwidths of one accelerator, bytes/s. */
export interface Links {
  /** Scale-up (NVLink/HCCS/xGMI) per direction, bytes/s. */
  readonly upBytesPerS: number;
  /** Scale-out (one NIC per accelerator) per direction, bytes/s. */
  readonly outBytesPerS: number;
  /** Accelerators per node. */
  readonly gpusPerNode: number;
  /** Small all-reduce latency inside a node, seconds. */
  readonly allReduceLatencyS: number;
  /** Peer traffic goes over PCIe (no NVLink-class fabric): NCCL ring latency instead of one-shot kernels. */
  readonly pcie: boolean;
}

/** Bus-bandwidth efficiency of PCIe peer-to-peer collectives (estimate: P2P through host bridges and, across sockets, the CPU interconnect). */
export const pcieEfficiency = 0.5;
/** NCCL per-step latency over PCIe, seconds (NCCL tuner: Ring-Simple base ≈ 8.4 µs per collective plus ≈ 1-3 µs per hop; formulas.md §3.6). */
export const pcieStepLatencyS = 4e-6;

/** True when the chip file says it has no scale-up link at all (`scaleUpGBps: 0`; docs/errors.md). */
export function hasNoScaleUpLink(chip: Chip): boolean {
  return chip.scaleUpGBps === 0;
}

/**
 * Why a layout cannot run on a chip without a scale-up link, or null. Tensor parallelism all-reduces
 * every layer's activations twice per forward pass (formulas.md §3.6), which engines run only over a
 * scale-up fabric (NVLink/xGMI/HCCS or PCIe peer-to-peer); with none, tp must be 1 (the same rule
 * as training's plan check). Expert, data and pipeline groups still run over the scale-out network,
 * each accelerator being its own node.
 */
export function scaleUpLinkIssue(chip: Chip, plan: { readonly tp: number }): string | null {
  if (!hasNoScaleUpLink(chip) || plan.tp <= 1) return null;
  return `tp (${plan.tp}) needs a scale-up link; ${chip.name} has scaleUpGBps 0 (no link), so tp must be 1`;
}

/**
 * The links of a chip; a missing (unknown) scale-up value falls back to the host link (PCIe-only
 * cards). `scaleUpGBps: 0` means no link: every accelerator is its own node and all its traffic
 * goes over the NIC.
 */
export function linksOf(chip: Chip, gpusPerNode?: number): Links {
  const eff = servingEfficiency(chip);
  const outGbps = chip.scaleOutGbps ?? 400; // one 400G NIC per accelerator: the HGX reference design
  const outBytesPerS = (outGbps / 8) * 1e9 * eff.scaleOut;
  if (hasNoScaleUpLink(chip)) {
    if (gpusPerNode !== undefined && gpusPerNode !== 1) {
      throw new ChipboundError('usage', `--gpus-per-node: ${chip.name} has scaleUpGBps 0 (no scale-up link), so each accelerator is its own node; expected 1, got ${gpusPerNode}`);
    }
    return { upBytesPerS: outBytesPerS, outBytesPerS, gpusPerNode: 1, pcie: false, allReduceLatencyS: eff.allReduceLatencyS };
  }
  const upGBps = chip.scaleUpGBps ?? 0;
  const pcie = /pcie|^none/i.test(chip.scaleUpInterconnect ?? '') || upGBps <= 0;
  const linkGBps = upGBps > 0 ? upGBps : chip.hostIoGBps ?? 64;
  const upBytesPerS = (linkGBps / 2) * 1e9 * (pcie ? pcieEfficiency : eff.scaleUp);
  const node = gpusPerNode ?? Math.min(chip.scaleUpDomain ?? 8, 8);
  if (!(node >= 1)) throw new ChipboundError('usage', '--gpus-per-node: expected a whole number >= 1');
  return { upBytesPerS, outBytesPerS, gpusPerNode: node, pcie, allReduceLatencyS: eff.allReduceLatencyS };
}

/** One all-reduce of `bytes` over `n` ranks (consecutive ranks, so inside a node when n <= gpusPerNode). */
export function allReduceSeconds(bytes: number, n: number, l: Links): number {
  if (n <= 1 || bytes <= 0) return 0;
  const ring = (2 * (n - 1) * bytes) / (n * l.upBytesPerS);
  if (n <= l.gpusPerNode) return (l.pcie ? 2 * (n - 1) * pcieStepLatencyS : l.allReduceLatencyS) + ring;
  // Hierarchical: reduce-scatter + all-gather inside the node, all-reduce of bytes/local across nodes.
  const local = l.gpusPerNode;
  const nodes = Math.ceil(n / local);
  const intra = (2 * (local - 1) * bytes) / (local * l.upBytesPerS);
  const inter = (2 * (nodes - 1) * (bytes / local)) / (nodes * l.outBytesPerS);
  return allReduceInterNodeLatencyS + intra + inter;
}

/**
 * One expert-parallel all-to-all (dispatch or combine) where each rank sends `bytes` spread
 * uniformly over `ep` ranks; the share for ranks in other nodes goes over the NIC, concurrently
 * with the NVLink share.
 *
 * With `nodeDedup` (DeepEP normal kernels, used for prefill-sized batches; DeepSeek-V3 §3.2.2 and
 * the DeepEP README): a token bound for several experts in one remote node crosses the NIC once and
 * is forwarded inside that node over NVLink. A token with top-k over N nodes reaches
 * N·(1 − (1 − 1/N)^k) nodes on average (uniform routing), at most `maxNodes` (node-limited
 * routing); the NIC carries the remote ones, NVLink every copy bound for another GPU of its node.
 * Whichever link is slower binds, so on a chip with less NVLink (H800) the NVLink side can show.
 */
export function allToAllSeconds(bytes: number, ep: number, l: Links, nodeDedup?: { readonly topK: number; readonly maxNodes?: number }): number {
  if (ep <= 1 || bytes <= 0) return 0;
  const local = Math.min(ep, l.gpusPerNode);
  if (nodeDedup && ep > local && nodeDedup.topK > 1) {
    const nodes = ep / local;
    const k = nodeDedup.topK;
    const reached = Math.min(nodeDedup.maxNodes ?? nodes, nodes * (1 - Math.pow(1 - 1 / nodes, k)));
    const perCopy = bytes / k;
    const nic = (perCopy * reached * (nodes - 1)) / nodes;
    const nvl = (bytes * (local - 1)) / local;
    return allToAllLatencyS + Math.max(nic / l.outBytesPerS, nvl / l.upBytesPerS);
  }
  const intra = (bytes * (local - 1)) / ep;
  const inter = (bytes * (ep - local)) / ep;
  return allToAllLatencyS + Math.max(intra / l.upBytesPerS, inter / l.outBytesPerS);
}

/** One pipeline hop of `bytes`. */
export function p2pSeconds(bytes: number, crossNode: boolean, l: Links): number {
  if (bytes <= 0) return 0;
  return (crossNode ? allReduceInterNodeLatencyS / 2 : p2pLatencyS) + bytes / (crossNode ? l.outBytesPerS : l.upBytesPerS);
}
