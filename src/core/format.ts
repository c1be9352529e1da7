/** Number formatting shared by the CLI tables, the reports and the web app (pure). */

/** A number with `digits` significant digits, thousands separated; exponent form outside [1e-4, 1e15). */
export function fmt(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const d = Math.min(21, Math.max(1, Math.round(digits)));
  const abs = Math.abs(v);
  if (abs >= 1e15 || abs < 1e-4) return v.toExponential(d - 1);
  // toLocaleString accepts at most 20 fraction digits.
  const decimals = Math.min(20, Math.max(0, d - 1 - Math.floor(Math.log10(abs))));
  return v.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** A signed fraction as a percentage with its sign (+4.6%, -12.0%), for errors. */
export function signedPct(v: number, digits = 1): string {
  return `${v >= 0 ? '+' : ''}${pct(v, digits)}`;
}

/** A fraction as a percentage with `digits` decimals. */
export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(Math.min(20, Math.max(0, digits)))}%`;
}
