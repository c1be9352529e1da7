/**
 * Checks every command's --json output on representative inputs (issue #9 items 1 and 4): the
 * same input gives the same bytes twice, the text parses, and it matches the command's
 * published output schema (src/core/output-schemas).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { outputSchemas } from '../../src/core/output-schemas/index.js';
import { runInProcess } from '../fuzz/harness.js';

/** A command line and the output schema its --json must match. */
export interface JsonCase {
  readonly schema: keyof typeof outputSchemas & string;
  readonly argv: readonly string[];
}

/** A scratch folder for input files of the cases. */
export const scratch = mkdtempSync(join(tmpdir(), 'chipbound-json-'));

/** Writes a file into the scratch folder and returns its path. */
export function scratchFile(name: string, text: string): string {
  const p = join(scratch, name);
  writeFileSync(p, text);
  return p;
}

/** The --json text with every search wall time (`"seconds"` inside a `"search"` object) blanked. */
export function withoutSearchSeconds(text: string): string {
  return text.replace(/("search": \{[^{}]*?"seconds": )-?[0-9.e+-]+/g, '$1"<wall time>"');
}

/** Registers one test per case: exit 0 twice, identical bytes, valid JSON matching the schema. */
export function checkJsonCases(cases: readonly JsonCase[]): void {
  it.each(cases.map((c) => ({ ...c, line: c.argv.join(' ') })))('$line', async ({ schema, argv }) => {
    const a = await runInProcess([...argv, '--json'], 60_000);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const b = await runInProcess([...argv, '--json'], 60_000);
    expect(b.code).toBe(0);
    // Byte for byte: no clocks, no random order. The one exception is the search's own wall time
    // (`search.seconds`, asked for by issue #5), which measures the run, not the input.
    expect(withoutSearchSeconds(b.stdout) === withoutSearchSeconds(a.stdout), 'the second run printed different bytes').toBe(true);
    const parsed = JSON.parse(a.stdout) as unknown;
    const r = outputSchemas[schema].schema.safeParse(parsed);
    expect(r.success ? [] : r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  }, 120_000);
}
