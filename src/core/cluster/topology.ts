/**
 * The cluster a job runs on, in two tiers: the scale-up domain (NVLink/HCCS/ICI, one node
 * of `gpusPerNode` accelerators) and the scale-out network (NICs, one per accelerator).
 * Bandwidths here are *achievable* per-accelerator, per-direction rates: the spec value
 * times a measured link efficiency (calibration.ts), so collectives.ts needs no further factor.
 */

/** One fabric tier as seen by one accelerator. */
export interface Tier {
  /** Achievable bandwidth per accelerator, one direction, bytes/s. */
  readonly bytesPerS: number;
  /** Latency per algorithm step (hop + software), seconds (the α of the α–β model). */
  readonly latencyS: number;
}

/** Two-tier topology of a job. */
export interface Topology {
  /** Accelerators per node (= per scale-up domain used by the job). */
  readonly gpusPerNode: number;
  /** Scale-up tier (inside a node). */
  readonly up: Tier;
  /** Scale-out tier (between nodes). */
  readonly out: Tier;
}

/** How a communication group of `n` ranks lays out on nodes. */
export interface GroupSpan {
  /** Ranks of the group inside one node. */
  readonly local: number;
  /** Nodes the group spans. */
  readonly nodes: number;
  /** Nodes of the fabric the traffic crosses, for the at-scale NIC efficiency (default: `nodes`). */
  readonly fabricNodes?: number;
}

/**
 * Layout of a group of `n` ranks whose members are `stride` ranks apart in the global rank
 * order (Megatron's order: tp innermost, then cp, then dp, then pp; `megatron/core/parallel_state.py`).
 */
export function groupSpan(n: number, stride: number, gpusPerNode: number): GroupSpan {
  if (n <= 1) return { local: 1, nodes: 1 };
  const local = stride >= gpusPerNode ? 1 : Math.max(1, Math.min(n, Math.floor(gpusPerNode / stride)));
  return { local, nodes: Math.ceil(n / local) };
}
