/**
 * Parsing a scenario and expanding its sweeps. A sweep maps a field path of the file
 * (`pools.0.count`, `buyer.date`, `workloads.1.tokens`; the shorthand `gpus` sets every pool's
 * count) to a list of values; several sweeps multiply (Cartesian product). Each variant is the
 * file with those values written in, validated again, so an invalid swept value is reported
 * with its own path (`sweep.pools.0.count.2: ...`). Pure.
 */
import type { z } from 'zod';
import { ChipboundError } from '../errors.js';
import { scenarioSchema, workloadSchema, type Scenario } from './schema.js';

/** Most variants a file may expand to (guards against 64^k blow-ups). */
export const MAX_VARIANTS = 256;

/** One variant of a swept scenario. */
export interface Variant {
  /** "pools.0.count=1024, buyer.date=2023-12-01"; empty when the file has no sweep. */
  readonly label: string;
  /** The swept values of this variant, by path. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly scenario: Scenario;
}

/** `path: message` of the first zod issue (the format of io/parse-file describeIssues). */
function firstIssue(error: z.ZodError, prefix: readonly (string | number)[] = [], raw?: unknown): string {
  // A misspelled key usually causes the "required field missing" issue beside it: the unknown-key
  // issue (with its did-you-mean) leads when there is one, as in chip and model files.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${path.length ? path.join('.') : '(top level)'}: ${issue.message}${missingKindHint(issue.path, raw)}${more}`;
}

/**
 * A workload without `kind` fails on the discriminator before its keys are checked: name the keys
 * no workload has (`type`, adversarial run 3), so a renamed `kind` is named as such.
 */
function missingKindHint(path: readonly PropertyKey[], raw: unknown): string {
  if (raw === undefined || path.length !== 3 || path[0] !== 'workloads' || path[2] !== 'kind') return '';
  const w = (raw as { workloads?: unknown[] }).workloads?.[path[1] as number];
  if (w === null || typeof w !== 'object' || 'kind' in w) return '';
  const known = new Set(workloadSchema.options.flatMap((o) => Object.keys(o.shape)));
  const unknown = Object.keys(w).filter((k) => !known.has(k));
  return unknown.length ? `; unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} (did you mean 'kind'?)` : '; kind is required';
}

/** Validates a parsed scenario file; errors name the file and the field. */
export function parseScenario(raw: unknown, file = 'scenario'): Scenario {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ChipboundError('invalid_file', `${file}: expected a scenario (a mapping with buyer, pools, workloads), got ${Array.isArray(raw) ? 'a list' : raw === null ? 'nothing' : typeof raw}`);
  }
  const r = scenarioSchema.safeParse(raw);
  if (!r.success) throw new ChipboundError('invalid_file', `${file}: scenario: ${firstIssue(r.error, [], raw)}`);
  return r.data;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof Date ? x.toISOString().slice(0, 10) : x))) as T;
}

/** Writes `value` at a dotted path of a plain object; the path must exist up to its parent. */
function setPath(root: Record<string, unknown>, path: string, value: unknown, file: string): void {
  const parts = path.split('.');
  let node: unknown = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    const next: unknown = Array.isArray(node) ? node[Number(key)] : node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') {
      throw new ChipboundError('invalid_file', `${file}: scenario: sweep.${path}: no field '${parts.slice(0, i + 1).join('.')}' in the file to sweep`);
    }
    node = next;
  }
  const last = parts[parts.length - 1];
  if (Array.isArray(node)) {
    const idx = Number(last);
    if (!Number.isInteger(idx) || idx < 0 || idx >= node.length) throw new ChipboundError('invalid_file', `${file}: scenario: sweep.${path}: index ${last} is out of range`);
    node[idx] = value;
  } else (node as Record<string, unknown>)[last] = value;
}

/** Expands a parsed file into its variants (one when it has no sweep). */
export function expandScenario(raw: unknown, file = 'scenario'): Variant[] {
  const base = parseScenario(raw, file);
  const sweep = base.sweep;
  if (!sweep || Object.keys(sweep).length === 0) return [{ label: '', values: {}, scenario: base }];
  const entries = Object.entries(sweep);
  const total = entries.reduce((n, [, v]) => n * v.length, 1);
  if (total > MAX_VARIANTS) throw new ChipboundError('invalid_file', `${file}: scenario: sweep: ${total} variants (at most ${MAX_VARIANTS}); sweep fewer values`);
  const rawObj = raw as Record<string, unknown>;
  const out: Variant[] = [];
  const pick = (i: number, chosen: Record<string, unknown>) => {
    if (i === entries.length) {
      const copy = clone(rawObj);
      delete copy.sweep;
      for (const [path, value] of Object.entries(chosen)) {
        if (path === 'gpus') for (const p of copy.pools as Record<string, unknown>[]) p.count = value;
        else setPath(copy, path, value, file);
      }
      const r = scenarioSchema.safeParse(copy);
      if (!r.success) {
        // Name the swept value that broke it when the issue sits under a swept path.
        const where = Object.keys(chosen).find((p) => r.error.issues[0].path.join('.').startsWith(p === 'gpus' ? 'pools' : p));
        const idx = where ? sweep[where].findIndex((v) => v === chosen[where]) : -1;
        const prefix = where ? ` (sweep.${where}.${idx} = ${JSON.stringify(chosen[where])})` : '';
        throw new ChipboundError('invalid_file', `${file}: scenario: ${firstIssue(r.error)}${prefix}`);
      }
      out.push({ label: Object.entries(chosen).map(([k, v]) => `${k}=${String(v)}`).join(', '), values: { ...chosen }, scenario: r.data });
      return;
    }
    const [path, values] = entries[i];
    for (const v of values) pick(i + 1, { ...chosen, [path]: v });
  };
  pick(0, {});
  return out;
}
