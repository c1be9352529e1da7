/**
 * Reads a user's YAML/JSON file and validates it against a schema; every failure becomes a
 * ChipboundError naming the file, the field path and what was expected.
 */
import { warn } from './warn.js';
import { readFileSync, statSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { FORBIDDEN_KEYS } from '../core/catalog/strict.js';
import { ChipboundError } from '../core/errors.js';
import { modelFindings } from '../core/catalog/plausibility.js';
import type { Model } from '../core/catalog/schemas.js';
import { chipWarnings, ENVELOPE_FIELD_LIMITS, fieldWarnings, MODEL_FIELD_LIMITS } from '../core/limits.js';

/** Largest input file accepted, bytes (a catalog entry is a few KB). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Formats the first zod issue as `field.path: message` (unknown fields name themselves: `tflops: unknown field 'BF16' (did you mean 'bf16'?)`). */
export function describeIssues(error: z.ZodError): string {
  // A misspelled key is usually the cause of the "required field missing" issue next to it, so the
  // unknown-key issue (with its did-you-mean) leads when there is one.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  if (issue.path.length === 0 && issue.code === 'unrecognized_keys') return `${issue.message}${more}`;
  const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  return `${path}: ${issue.message}${more}`;
}

/** Decodes bytes as UTF-8, refusing invalid sequences (a Latin-1 or binary file) instead of turning them into U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new ChipboundError('invalid_file', `${file}: not valid UTF-8 text (invalid byte 0x${bytes[at]?.toString(16).padStart(2, '0') ?? '??'} at offset ${at}); save the file as UTF-8`);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Largest prefix that decodes (a cut inside a valid multi-byte character also fails, so back off 3 bytes).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      dec.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Refuses keys no file may use, anywhere in the tree: YAML merge keys (`<<`, not part of YAML
 * 1.2: a merged value would hide which fields a file really sets) and `__proto__`,
 * `constructor`, `prototype` (they would reach the object model).
 */
export function checkKeys(value: unknown, file: string, path: string[] = []): void {
  if (value === null || typeof value !== 'object') return;
  if (path.length > 64) throw new ChipboundError('invalid_file', `${file}: nested more than 64 levels deep`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkKeys(v, file, [...path, String(i)]));
    return;
  }
  for (const k of Object.keys(value)) {
    const at = [...path, k].join('.');
    if (k === '<<') throw new ChipboundError('invalid_file', `${file}: ${at}: YAML merge keys (<<) are not supported; write the fields out`);
    if (FORBIDDEN_KEYS.includes(k)) throw new ChipboundError('invalid_file', `${file}: ${at}: '${k}' is not allowed as a field name`);
    checkKeys((value as Record<string, unknown>)[k], file, [...path, k]);
  }
}

/** Parses YAML or JSON text into a plain value, or throws invalid_file. */
export function parseText(text: string, file: string): unknown {
  if (text.includes('\u0000')) throw new ChipboundError('invalid_file', `${file}: not a text file (contains NUL bytes)`);
  // A UTF-8 byte-order mark is accepted in JSON as YAML accepts it (RFC 8259 §8.1 allows parsers to ignore it).
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new ChipboundError('invalid_file', `${file}: the file is empty`);
  const json = /\.json$/i.test(file);
  let value: unknown;
  try {
    if (json) JSON.parse(body);
    // JSON is YAML 1.2: the YAML parser finds what JSON.parse lets through (a repeated key keeps the last value there).
    const docs = parseAllDocuments(body, { prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
    if (!Array.isArray(docs) || docs.length === 0) throw new Error('no document');
    const doc = docs[0];
    if (doc.errors.length) throw doc.errors[0];
    // Unknown tags (`!!js/function`) would silently become strings: refuse them instead.
    if (doc.warnings.length) throw doc.warnings[0];
    if (docs.length > 1) throw new Error(`${docs.length} documents (separated by ---); a file holds one`);
    value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    let msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    // Where the parser says (offsets): the line, and for a repeated key the key itself.
    const pos = (e as { pos?: unknown }).pos;
    if (Array.isArray(pos) && typeof pos[0] === 'number' && pos[0] >= 0 && pos[0] <= body.length) {
      const line = body.slice(0, pos[0]).split('\n').length;
      if ((e as { code?: unknown }).code === 'DUPLICATE_KEY') {
        const m = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s:,{}[\]]+))/.exec(body.slice(pos[0]));
        const key = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
        msg = `repeated key${key !== undefined ? ` '${key.slice(0, 80)}'` : ''} at line ${line} (each key once per mapping)`;
      } else if (!/line \d+/.test(msg)) msg = `${msg} (line ${line})`;
    }
    throw new ChipboundError('invalid_file', `${file}: not valid ${json ? 'JSON' : 'YAML'}: ${msg}`);
  }
  checkKeys(value, file);
  return value;
}

export { setWarn, warn } from './warn.js';

/** Validates a parsed value against a schema, or throws invalid_file naming the field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, what: string): z.infer<S> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChipboundError('invalid_file', `${file}: expected a ${what} object (a mapping of fields), got ${Array.isArray(value) ? 'a list' : value === null ? 'nothing' : typeof value}`);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new ChipboundError('invalid_file', `${file}: ${what}: ${describeIssues(r.error)}`);
  // Possible but unusual chip numbers (a unit slip of less than the hard bounds catch) are said on stderr.
  const unusualValues = what === 'chip' ? chipWarnings(r.data) : what === 'model' ? fieldWarnings(r.data, MODEL_FIELD_LIMITS) : what === 'technology envelope' ? fieldWarnings(r.data, ENVELOPE_FIELD_LIMITS) : [];
  if (what === 'model') unusualValues.push(...modelFindings(r.data as Model).warnings.map((f) => `${f.path}: ${f.message}`));
  for (const w of unusualValues) warn(`${file}: ${w}`);
  return r.data;
}

/** Reads a file as UTF-8 text, or throws io (missing, unreadable, not a regular file) or invalid_file (too large). */
export function readText(file: string): string {
  let bytes: Uint8Array;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ChipboundError('io', `${file}: not a regular file`);
    if (st.size > MAX_FILE_BYTES) throw new ChipboundError('invalid_file', `${file}: too large (${st.size} bytes; at most ${MAX_FILE_BYTES})`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof ChipboundError) throw e;
    const code = (e as { code?: string }).code;
    throw new ChipboundError('io', `${file}: cannot read (${code ?? 'error'})`);
  }
  if (bytes.includes(0)) throw new ChipboundError('invalid_file', `${file}: not a text file (contains NUL bytes)`);
  return decodeUtf8(bytes, file);
}

/** Reads, parses and validates a file. */
export function loadFile<S extends z.ZodType>(schema: S, file: string, what: string): z.infer<S> {
  return validate(schema, parseText(readText(file), file), file, what);
}
