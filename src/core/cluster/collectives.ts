/**
 * α–β cost of collectives over the two-tier topology (formulas.md §3.6).
 * Ring (Thakur, Rabenseifner & Gropp 2005): all-reduce 2(n−1)α + 2(n−1)/n·S/B, all-gather and
 * reduce-scatter (n−1)α + (n−1)/n·S/B. A group that spans nodes runs NCCL's multi-channel
 * ring: every rank is a ring step (α of the scale-out tier per step: SimAI's measured
 * multi-node efficiency tables imply ≈5 µs per rank-step from 2 to 128 nodes, calibration.md
 * §3.2), and the bus bandwidth is the smaller of the scale-up link and the node's NICs shared
 * by the group's ranks in that node (local × NIC) — the bandwidth of a hierarchical
 * reduce-scatter / inter-node all-reduce / all-gather.
 * `S` is the full buffer size in bytes (for all-gather: the gathered result). Times in seconds.
 */
import type { GroupSpan, Topology } from './topology.js';

/**
 * Scale-out bandwidth efficiency at scale: SimAI's measured multi-node all-reduce ratios at
 * 4 GiB (bandwidth-bound; calibration.md §3.2) are 0.98-0.99 up to 16 nodes, 0.96 at 32 and
 * 0.79-0.81 from 64 to 128 nodes (congestion in the fabric's upper tiers). Log-linear between.
 * It is the 4 GiB row of SimAI's NIC-ratio curve (collective-curves.ts, data/calibration/
 * collectives-simai-nic-ratio.yaml; a test checks they agree within 0.06).
 */
export function scaleOutEfficiency(nodes: number): number {
  if (nodes <= 16) return 1;
  if (nodes >= 64) return 0.8;
  if (nodes <= 32) return 1 - 0.04 * Math.log2(nodes / 16);
  return 0.96 - 0.16 * Math.log2(nodes / 32);
}

function busBytesPerS(span: GroupSpan, topo: Topology): number {
  if (span.nodes <= 1) return topo.up.bytesPerS;
  const nic = span.local * topo.out.bytesPerS * scaleOutEfficiency(span.fabricNodes ?? span.nodes);
  return span.local > 1 && topo.up.bytesPerS < nic ? topo.up.bytesPerS : nic;
}

function alpha(span: GroupSpan, topo: Topology): number {
  return span.nodes > 1 ? topo.out.latencyS : topo.up.latencyS;
}

/** All-reduce of `bytes` over a group laid out as `span`. */
export function allReduce(bytes: number, span: GroupSpan, topo: Topology): number {
  const n = span.local * span.nodes;
  if (n <= 1 || bytes <= 0) return 0;
  return 2 * (n - 1) * alpha(span, topo) + (2 * (n - 1) * bytes) / (n * busBytesPerS(span, topo));
}

/** All-gather producing `bytes` (or reduce-scatter of `bytes`; same cost) over `span`. */
export function allGather(bytes: number, span: GroupSpan, topo: Topology): number {
  const n = span.local * span.nodes;
  if (n <= 1 || bytes <= 0) return 0;
  return (n - 1) * alpha(span, topo) + ((n - 1) * bytes) / (n * busBytesPerS(span, topo));
}

/**
 * All-to-all where each rank sends `intraBytes` to peers in its node and `interBytes` to peers
 * in other nodes. The two tiers use different links and run concurrently; one α each.
 */
export function allToAll(intraBytes: number, interBytes: number, topo: Topology): number {
  const intra = intraBytes > 0 ? topo.up.latencyS + intraBytes / topo.up.bytesPerS : 0;
  const inter = interBytes > 0 ? topo.out.latencyS + interBytes / topo.out.bytesPerS : 0;
  return Math.max(intra, inter);
}

/** Point-to-point send of `bytes`, inside a node or across nodes. */
export function p2p(bytes: number, crossNode: boolean, topo: Topology): number {
  const t = crossNode ? topo.out : topo.up;
  return bytes > 0 ? t.latencyS + bytes / t.bytesPerS : 0;
}
