/**
 * A table sortable by clicking (or pressing Enter/Space on) a column header, with CSV/JSON
 * export of the rows as shown. Column values come from the core's JSON rows unchanged; only
 * the cell formatting lives here. The sort order lives in the URL (`sort-<id>=key`, `-key` for
 * descending), so a shared link shows the table as sorted.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { download, toCsv, type Row } from '../lib/export.js';
import { route, setParams } from '../url-state.js';

export interface Column<R> {
  /** Key in the row (also the CSV column). */
  readonly key: string;
  /** Header text. */
  readonly label: string;
  /** Cell content (default: the formatted value). */
  readonly cell?: (r: R) => ComponentChildren;
  /** Sort value (default: row[key]). */
  readonly sort?: (r: R) => number | string | null;
  /** Right-align numbers. */
  readonly numeric?: boolean;
}

export interface SortableTableProps<R extends Row> {
  readonly id: string;
  readonly caption: string;
  readonly rows: readonly R[];
  readonly columns: readonly Column<R>[];
  /** Initial sort column. */
  readonly initialSort?: string;
  /** Initial direction. */
  readonly descending?: boolean;
  /** Rows shown before a "show all" button (exports always carry every row); default 100. */
  readonly limit?: number;
  /** Row fields left out of the CSV/JSON exports (objects kept for the cells, e.g. a plan behind a "use" button). */
  readonly omit?: readonly string[];
}

/** Number formatting used in tables: 3 significant digits below 1000, grouped above. */
export function fmtNum(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a === 0) return '0';
  return Number(v.toPrecision(3)).toString();
}

export function SortableTable<R extends Row>({ id, caption, rows, columns, initialSort, descending = false, limit = 100, omit = [] }: SortableTableProps<R>) {
  const urlKey = `sort-${id}`;
  const fromUrl = route.value.params[urlKey];
  const urlCol = fromUrl ? columns.find((c) => c.key === fromUrl.replace(/^-/, '')) : undefined;
  const sortKey = urlCol ? urlCol.key : (initialSort ?? columns[0]?.key ?? '');
  const desc = urlCol ? fromUrl!.startsWith('-') : descending;
  const [showAll, setShowAll] = useState(false);
  const col = columns.find((c) => c.key === sortKey);
  const get = (r: R, k: string) => (r as Record<string, unknown>)[k];
  const val = (r: R) => (col?.sort ? col.sort(r) : (get(r, sortKey) as number | string | null));
  const sorted = [...rows].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const c = x < y ? -1 : 1;
    return desc ? -c : c;
  });
  const exported = () => (omit.length ? sorted.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !omit.includes(k)))) : sorted);
  const toggle = (key: string) => {
    const d = key === sortKey ? !desc : false;
    setParams({ [urlKey]: `${d ? '-' : ''}${key}` });
  };
  return (
    <div class="table-wrap" data-table={id} role="region" aria-label={caption} tabIndex={0}>
      <div class="table-head">
        <strong>{caption}</strong>
        <span class="exports">
          <button type="button" onClick={() => download(`${id}.csv`, toCsv(exported()), 'text/csv')}>CSV</button>
          <button type="button" onClick={() => download(`${id}.json`, JSON.stringify(exported(), null, 2) + '\n', 'application/json')}>JSON</button>
        </span>
      </div>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                scope="col"
                class={c.numeric ? 'num' : undefined}
                aria-sort={c.key === sortKey ? (desc ? 'descending' : 'ascending') : 'none'}
                tabIndex={0}
                onClick={() => toggle(c.key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    toggle(c.key);
                  }
                }}
              >
                {c.label}
                {c.key === sortKey ? (desc ? ' ▼' : ' ▲') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(showAll ? sorted : sorted.slice(0, limit)).map((r, i) => (
            <tr key={String(get(r, 'id') ?? i)}>
              {columns.map((c) => (
                <td class={c.numeric ? 'num' : undefined}>{c.cell ? c.cell(r) : fmtNum(get(r, c.key))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!showAll && sorted.length > limit ? (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {sorted.length} rows
        </button>
      ) : null}
    </div>
  );
}
