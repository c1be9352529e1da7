/**
 * Reads a user's YAML/JSON file and validates it against a schema; every failure becomes a
 * ChipboundError naming the file, the field path and what was expected.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ChipboundError } from '../core/errors.js';

/** Largest input file accepted, bytes (a catalog entry is a few KB). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Formats the first zod issue as `field.path: message`. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${path}: ${issue.message}${more}`;
}

/** Parses YAML or JSON text into a plain value, or throws invalid_file. */
export function parseText(text: string, file: string): unknown {
  if (text.includes('\u0000')) throw new ChipboundError('invalid_file', `${file}: not a text file (contains NUL bytes)`);
  if (text.trim() === '') throw new ChipboundError('invalid_file', `${file}: the file is empty`);
  try {
    if (/\.json$/i.test(file)) return JSON.parse(text) as unknown;
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
    if (doc.errors.length) throw doc.errors[0];
    // Unknown tags (`!!js/function`) would silently become strings: refuse them instead.
    if (doc.warnings.length) throw doc.warnings[0];
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new ChipboundError('invalid_file', `${file}: not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${msg}`);
  }
}

/** Validates a parsed value against a schema, or throws invalid_file naming the field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, what: string): z.infer<S> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChipboundError('invalid_file', `${file}: expected a ${what} object (a mapping of fields), got ${Array.isArray(value) ? 'a list' : value === null ? 'nothing' : typeof value}`);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new ChipboundError('invalid_file', `${file}: ${what}: ${describeIssues(r.error)}`);
  return r.data;
}

/** Reads a file as UTF-8 text, or throws io (missing, unreadable, not a regular file) or invalid_file (too large). */
export function readText(file: string): string {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ChipboundError('io', `${file}: not a regular file`);
    if (st.size > MAX_FILE_BYTES) throw new ChipboundError('invalid_file', `${file}: too large (${st.size} bytes; at most ${MAX_FILE_BYTES})`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ChipboundError) throw e;
    const code = (e as { code?: string }).code;
    throw new ChipboundError('io', `${file}: cannot read (${code ?? 'error'})`);
  }
}

/** Reads, parses and validates a file. */
export function loadFile<S extends z.ZodType>(schema: S, file: string, what: string): z.infer<S> {
  return validate(schema, parseText(readText(file), file), file, what);
}
