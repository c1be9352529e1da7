/**
 * Pipeline schedules as a typed table (formulas.md §3.4). Times are per micro-batch for one
 * whole stage on one device: F forward, B backward (input + weight gradients), W the
 * weight-gradient part of B (≈ B/2: dgrad and wgrad GEMMs have equal FLOPs).
 */
import type { Schedule } from '../catalog/schemas.js';

/** How one schedule behaves. */
export interface ScheduleModel {
  /** Idle time of a device per step, seconds, for `p` stages, `v` chunks per device, `m` micro-batches. */
  readonly bubble: (p: number, v: number, m: number, f: number, b: number, w: number) => number;
  /** Stage activations held at the peak (first stage), in micro-batches of a whole stage. */
  readonly inFlight: (p: number, v: number, m: number) => number;
  /** Copies of the stage's parameters a device holds. */
  readonly paramsMultiplier: number;
  /** Whether the schedule overlaps expert all-to-all with computation of another micro-batch. */
  readonly overlapsEpComm: boolean;
  /** Whether the schedule hides pipeline sends behind computation (DualPipe's F&B pairs). */
  readonly overlapsPpComm: boolean;
  /** Where the formulas come from. */
  readonly source: string;
}

export const schedules = {
  '1f1b': {
    // Narayanan et al. SC21 §2.2.1: bubble (p−1)(t_f+t_b); p micro-batches in flight on stage 1.
    bubble: (p, _v, _m, f, b) => (p - 1) * (f + b),
    inFlight: (p, _v, m) => Math.min(m, p),
    paramsMultiplier: 1,
    overlapsEpComm: false,
    overlapsPpComm: false,
    source: 'Narayanan et al. 2021 (arXiv 2104.04473) §2.2.1; Korthikanti et al. 2022 §4.2.3',
  },
  interleaved: {
    // Narayanan §2.2.2: bubble ÷ v; Korthikanti §4.2.3: activations × (1 + (p−1)/(p·v)).
    bubble: (p, v, _m, f, b) => ((p - 1) * (f + b)) / v,
    inFlight: (p, v, m) => Math.min(m, p) * (1 + (p - 1) / (p * v)),
    paramsMultiplier: 1,
    overlapsEpComm: false,
    overlapsPpComm: false,
    source: 'Narayanan et al. 2021 §2.2.2; Korthikanti et al. 2022 (arXiv 2205.05198) §4.2.3',
  },
  zb: {
    // ZB-H1 (Qi et al. ICLR 2024): bubble (p−1)(F+B−2W) at the 1F1B activation footprint.
    bubble: (p, _v, _m, f, b, w) => (p - 1) * Math.max(0, f + b - 2 * w),
    inFlight: (p, _v, m) => Math.min(m, p),
    paramsMultiplier: 1,
    overlapsEpComm: false,
    overlapsPpComm: false,
    source: 'Qi et al. 2024 (arXiv 2401.10241) ZB-H1; deepseek-ai/DualPipe README table',
  },
  dualpipe: {
    // DualPipe README: bubble (p/2−1)(F&B + B − 3W), F&B ≈ F + B when overlapped; 2× params; p+1 activations.
    bubble: (p, _v, _m, f, b, w) => Math.max(0, p / 2 - 1) * Math.max(0, f + b + b - 3 * w),
    inFlight: (p, _v, m) => Math.min(m, p + 1),
    paramsMultiplier: 2,
    overlapsEpComm: true,
    overlapsPpComm: true,
    source: 'DeepSeek-V3 report (arXiv 2412.19437) §3.2.1; deepseek-ai/DualPipe README',
  },
} satisfies Record<Schedule, ScheduleModel>;
