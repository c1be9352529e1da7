/** Plain-text tables and number formatting for the human views. */

/**
 * The terminal width tables fit: $COLUMNS when set, else the width of a stdout terminal; null
 * (no limit) when output goes to a file or pipe without COLUMNS.
 */
export function terminalColumns(): number | null {
  const env = Number(process.env.COLUMNS);
  if (Number.isInteger(env) && env > 0) return env;
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : null;
}

/**
 * Renders rows as an aligned text table; numeric-looking cells are right-aligned. When the
 * table is wider than `maxWidth` (default terminalColumns()), the widest text columns are
 * narrowed (not below 12 characters) and their long cells elided with '…'; numbers and the
 * `keep` columns (a plan to paste back) are never cut.
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
  opts: { readonly maxWidth?: number | null; readonly keep?: readonly number[] } = {},
): string {
  const maxWidth = opts.maxWidth === undefined ? terminalColumns() : opts.maxWidth;
  let cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '—' : String(c))));
  const isNum = (s: string) => /^[-+]?[\d,.]+(e[-+]?\d+)?\s*[%a-zA-Z/µ²]*$/.test(s) || s === '—';
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  if (maxWidth !== null) {
    const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
    const textCol = headers.map((_h, i) => !opts.keep?.includes(i) && cells.some((r) => !isNum(r[i] ?? '')));
    while (total() > maxWidth) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) if (textCol[i] && widths[i] > 12 && (widest < 0 || widths[i] > widths[widest])) widest = i;
      if (widest < 0) break;
      widths[widest] = Math.max(12, widths[widest] - (total() - maxWidth), headers[widest].length);
      if (widths[widest] === headers[widest].length || widths[widest] === 12) textCol[widest] = false;
    }
    cells = cells.map((r) => r.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c)));
  }
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
