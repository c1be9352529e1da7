/**
 * The one CSV writer (RFC 4180): a header row, then one row per record, fields quoted when they
 * hold a comma, a quote or a line break. `recordsCsv` turns the records of a command's main
 * table (its --json rows) into flat columns: nested objects become `parent_child` columns,
 * camelCase names become snake_case with the unit kept as a suffix (`stepTimeSeconds` ->
 * `step_time_s`, `peakGiB` -> `peak_gib`, `costUsd` -> `cost_usd`), lists of values are joined
 * with "; ", null is an empty field. Numbers are written as computed (no rounding, no thousands
 * separators, fractions as fractions). Pure: no file or terminal access.
 */

/** A value a CSV field can hold. */
export type CsvScalar = string | number | boolean | null | undefined;

/** One field, quoted when needed (RFC 4180); null, undefined and non-finite numbers are empty. */
export function csvCell(v: CsvScalar): string {
  const s = v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header row and the rows, one line each (a field with a line break is quoted). */
export function csvText(headers: readonly string[], rows: readonly (readonly CsvScalar[])[]): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n');
}

/** Unit spellings of the JSON field names and their column suffix. */
const UNIT_TOKENS: Readonly<Record<string, string>> = { Seconds: 's', TBps: 'tbps', GBps: 'gbps', Gbps: 'gbps', GiB: 'gib', TiB: 'tib', GB: 'gb', MWh: 'mwh', kWh: 'kwh', Mm2: 'mm2' };

/** `stepTimeSeconds` -> `step_time_s`, `memoryTBps` -> `memory_tbps`, `io2022GBps` -> `io2022_gbps`, `bBest` -> `b_best`. */
export function snakeCase(key: string): string {
  const units = Object.keys(UNIT_TOKENS).join('|');
  const parts = key.match(new RegExp(`(${units})(?![a-z])|[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])|[^A-Za-z0-9]+`, 'g')) ?? [key];
  return parts
    .filter((p) => /[A-Za-z0-9]/.test(p))
    .map((p) => UNIT_TOKENS[p] ?? (p === 'seconds' ? 's' : p.toLowerCase()))
    .join('_');
}

/** Options of `recordsCsv`. */
export interface RecordsCsvOptions {
  /** Column renames, applied to the flattened snake_case name (`bf16` -> `bf16_tflops`). */
  readonly rename?: Readonly<Record<string, string>>;
  /** A unit suffix for every column under a flattened prefix whose JSON names carry none (`decode_breakdown` -> `s`). */
  readonly units?: Readonly<Record<string, string>>;
}

/** Thrown for a record the writer cannot make flat (a list of objects): a bug in the command's table selection. */
export class CsvShapeError extends Error {
  override readonly name = 'CsvShapeError';
}

function flattenInto(out: Map<string, CsvScalar>, objectKeys: Set<string>, v: unknown, key: string): void {
  if (v === undefined) return;
  if (Array.isArray(v)) {
    if (v.some((x) => x !== null && typeof x === 'object')) throw new CsvShapeError(`CSV column '${key}': a list of objects cannot be one field`);
    out.set(key, v.map((x) => (x === null || x === undefined ? '' : String(x))).join('; '));
  } else if (v !== null && typeof v === 'object') {
    if (key) objectKeys.add(key);
    for (const [k, x] of Object.entries(v)) flattenInto(out, objectKeys, x, key ? `${key}_${snakeCase(k)}` : snakeCase(k));
  } else {
    if (out.has(key)) throw new CsvShapeError(`CSV column '${key}' appears twice`);
    out.set(key, v as CsvScalar);
  }
}

/**
 * CSV of records (one row each): columns are the flattened fields in first-seen order over all
 * records (a field missing from a record is empty). A column that is only ever null where other
 * records have an object (`issue` null vs `issue_code`) is dropped: the object's columns carry it.
 */
export function recordsCsv(records: readonly object[], o: RecordsCsvOptions = {}): string {
  const objectKeys = new Set<string>();
  const flat = records.map((r) => {
    const m = new Map<string, CsvScalar>();
    flattenInto(m, objectKeys, r, '');
    return m;
  });
  const name = (k: string): string => {
    if (o.rename?.[k]) return o.rename[k];
    const unit = Object.entries(o.units ?? {}).find(([p]) => k.startsWith(`${p}_`));
    return unit && !k.endsWith(`_${unit[1]}`) ? `${k}_${unit[1]}` : k;
  };
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const m of flat) for (const k of m.keys()) if (!seen.has(k)) (seen.add(k), keys.push(k));
  const cols = keys.filter((k) => !(objectKeys.has(k) && flat.every((m) => m.get(k) === null || m.get(k) === undefined)));
  const headers = cols.map(name);
  const dup = headers.find((h, i) => headers.indexOf(h) !== i);
  if (dup) throw new CsvShapeError(`CSV column '${dup}' appears twice`);
  return csvText(headers, flat.map((m) => cols.map((k) => m.get(k))));
}
