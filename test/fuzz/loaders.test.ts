/**
 * Fuzzes the file loaders directly (issue #9 item 2): every catalog schema and the scenario
 * reader get mutated entries and junk files; each must load or throw a one-line
 * ChipboundError naming the file, never another exception, and within a second.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { chipSchema, modelSchema, runSchema, servingPointSchema } from '../../src/core/catalog/schemas.js';
import { ChipboundError } from '../../src/core/errors.js';
import { raceEntrySchema } from '../../src/core/race/schema.js';
import { loadFile } from '../../src/io/parse-file.js';
import { fileArb, type FileKind } from './files.js';
import { FUZZ_SEED } from './seed.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-loaders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schemas: [FileKind, z.ZodType][] = [
  ['chip', chipSchema],
  ['model', modelSchema],
  ['run', runSchema],
  ['serving', servingPointSchema],
  ['race', raceEntrySchema],
];

const CASES = Number(process.env.CHIPBOUND_FUZZ_CASES ?? 40) * 5;

describe('fuzz: file loaders', () => {
  it.each(schemas.map(([kind, schema]) => ({ kind, schema })))('$kind files: load, or one-line ChipboundError naming the file', ({ kind, schema }) => {
    const files = fc.sample(fileArb(kind), { seed: FUZZ_SEED, numRuns: CASES });
    let loaded = 0;
    files.forEach((f, i) => {
      const p = join(dir, `${kind}-${i}${f.ext}`);
      writeFileSync(p, f.data);
      try {
        loadFile(schema, p, kind);
        loaded++;
      } catch (e) {
        const what = `${f.label}: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e)}`;
        expect(e, what).toBeInstanceOf(ChipboundError);
        const msg = (e as Error).message;
        expect(msg.includes('\n'), `multi-line message for ${what}`).toBe(false);
        expect(msg.startsWith(p), `message does not name the file: ${what}`).toBe(true);
      }
      rmSync(p);
    });
    // The generator must also produce loadable files, or the fuzzing only exercises the error paths.
    expect(loaded).toBeGreaterThan(0);
  });
});
