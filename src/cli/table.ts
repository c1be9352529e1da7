/** Plain-text tables and number formatting for the human views. */

/** Renders rows as an aligned text table; numeric-looking cells are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '—' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const isNum = (s: string) => /^[-+]?[\d,.]+(e[-+]?\d+)?\s*[%a-zA-Z/µ]*$/.test(s) || s === '—';
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (isNum(c) && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export { fmt, pct } from '../core/format.js';

/** Stable JSON for --json output (2-space indent, trailing newline handled by the caller). */
export function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2);
}
