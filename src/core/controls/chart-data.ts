/**
 * Data for the TPP × performance-density chart (drawn by the web app): chips as points and the
 * 3A090 regions of 88 FR 73458 as rectangles. Regions follow the classification order in
 * us-2023-10.ts (a.1, a.2, b.1, b.2), so each point falls in the region of its own ECCN.
 */
import type { Chip } from '../catalog/schemas.js';
import { chipMetrics, DEFAULT_TPP_SETTINGS } from './metrics.js';
import { params2023, US_2023_10 as T } from './us-2023-10.js';
import type { Outcome, TppSettings } from './types.js';

/** A rectangle of the TPP × PD plane (min inclusive, max exclusive; null max = unbounded). */
export interface Region {
  /** "3A090.a.1" ... or null for not controlled. */
  readonly eccn: string | null;
  /** TPP lower bound (inclusive). */
  readonly tppMin: number;
  /** TPP upper bound (exclusive), or null. */
  readonly tppMax: number | null;
  /** PD lower bound (inclusive). */
  readonly pdMin: number;
  /** PD upper bound (exclusive), or null. */
  readonly pdMax: number | null;
}

/** The datacenter-IC regions of 3A090 (us-2023-10); everything else is not controlled. */
export function tppPdRegions(): readonly Region[] {
  return [
    { eccn: '3A090.a.1', tppMin: T.tppA1, tppMax: null, pdMin: 0, pdMax: null },
    { eccn: '3A090.a.2', tppMin: T.tppFloor, tppMax: T.tppA1, pdMin: T.pdA2, pdMax: null },
    { eccn: '3A090.b.1', tppMin: T.tppB1, tppMax: T.tppA1, pdMin: T.pdB1, pdMax: T.pdA2 },
    { eccn: '3A090.b.2', tppMin: T.tppFloor, tppMax: T.tppB1, pdMin: T.pdB2, pdMax: T.pdA2 },
  ];
}

/** One chip on the chart. */
export interface ChartPoint {
  /** Chip id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Vendor. */
  readonly vendor: string;
  /** Designed for datacenters (non-datacenter parts follow Note 2, not the regions). */
  readonly datacenter: boolean;
  /** TPP, or null (then the chip cannot be drawn). */
  readonly tpp: number | null;
  /** PD, or null (die area unknown: draw on the TPP axis only). */
  readonly pd: number | null;
  /** us-2023-10 verdict. */
  readonly eccn: string | null;
  /** Outcome under us-2023-10. */
  readonly outcome: Outcome;
}

/** Chips as points with their us-2023-10 verdicts. */
export function tppPdPoints(chips: readonly Chip[], settings: TppSettings = DEFAULT_TPP_SETTINGS): ChartPoint[] {
  return chips.map((c) => {
    const m = chipMetrics(c, settings);
    const p = params2023(m);
    return { id: c.id, name: c.name, vendor: c.vendor, datacenter: c.datacenter, tpp: m.tpp, pd: m.pd, eccn: p.eccn, outcome: p.outcome };
  });
}
