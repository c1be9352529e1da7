/** Number and money formatting shared by the views (no SI prefixes: they read wrong, e.g. "1Y" FLOP, "500m"). */

/** 3 significant digits with a unit, or '—'. */
export function sig(v: number | null | undefined, unit = '', digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const t = a >= 1e4 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return `${t}${unit}`;
}

/** Money: whole dollars with thousands separators, 3 significant digits in M/B/T above a million, cents below $10. */
export function usd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  for (const [f, u] of [[1e12, 'T'], [1e9, 'B'], [1e6, 'M']] as const) {
    if (a >= f && (a / f < 1000 || u === 'T')) return `${sign}$${sig(a / f)}${u}`;
  }
  if (a < 10) return `${sign}$${a.toFixed(2)}`;
  return `${sign}$${Math.round(a).toLocaleString('en-US')}`;
}

/**
 * Axis tick text (Plot `tickFormat`; on log axes d3 still chooses which ticks get a label): grouped below 10^6, else 1.5e24-style; never SI prefixes.
 */
export function tick(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return '0';
  // Rounded first: 3e23 from a scale is 3.0000000000000003e+23.
  if (a >= 1e6 || a < 1e-3) return Number(v.toPrecision(3)).toExponential().replace('e+', 'e');
  return Number(v.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

