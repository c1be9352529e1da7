/**
 * Nothing wrong is accepted silently (issue #14), as properties over every kind of file the
 * project reads: a misspelled key anywhere in a catalog entry or a scenario is refused with the
 * key named; a second document, a merge key, a duplicate JSON key or invalid UTF-8 is refused.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { chipSchema, modelSchema, runSchema, servingPointSchema } from '../../src/core/catalog/schemas.js';
import { ChipboundError } from '../../src/core/errors.js';
import { raceEntrySchema } from '../../src/core/race/schema.js';
import { scenarioSchema } from '../../src/core/scenario/schema.js';
import { loadFile, parseText } from '../../src/io/parse-file.js';
import { bases } from './files.js';
import { FUZZ_SEED } from './seed.js';

const schemas: [keyof typeof bases, z.ZodType][] = [
  ['chip', chipSchema],
  ['model', modelSchema],
  ['run', runSchema],
  ['serving', servingPointSchema],
  ['race', raceEntrySchema],
  ['scenario', scenarioSchema],
];

/** Every path to an object key inside `v` (array indexes are walked through, not renamed). */
function keyPaths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => keyPaths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k]), keyPaths(x, [...prefix, k], out);
  return out;
}

/** A near miss of `key`: one letter's case flipped, one letter dropped, doubled or replaced. */
function typo(key: string, op: number, at: number): string {
  const i = at % key.length;
  const c = key[i];
  switch (op % 4) {
    case 0:
      return key.slice(0, i) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + key.slice(i + 1);
    case 1:
      return key.length > 1 ? key.slice(0, i) + key.slice(i + 1) : `${key}x`;
    case 2:
      return key.slice(0, i) + c + key.slice(i);
    default:
      return key.slice(0, i) + (c === 'q' ? 'z' : 'q') + key.slice(i + 1);
  }
}

const RUNS = Number(process.env.CHIPBOUND_FUZZ_CASES ?? 40) * 5;

describe('strict input: a misspelled key is never dropped silently', () => {
  it.each(schemas.map(([kind, schema]) => ({ kind, schema })))('$kind: a near-miss key anywhere is refused, naming it', ({ kind, schema }) => {
    const pool = bases[kind];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.nat(), (b, p, op, at) => {
        const entry = structuredClone(pool[b % pool.length]) as Record<string, unknown>;
        delete entry.sweep;
        const ps = keyPaths(entry);
        const path = ps[p % ps.length];
        let parent: Record<string | number, unknown> = entry;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        const key = String(path[path.length - 1]);
        const bad = typo(key, op, at);
        if (bad === key || bad in parent) return;
        parent[bad] = parent[key];
        delete parent[key];
        const r = schema.safeParse(entry);
        expect(r.success, `${kind}: ${path.join('.')} -> ${bad} accepted`).toBe(false);
        // A renamed union discriminator (`kind`) is refused as a missing kind before keys are compared.
        const named = !r.success && (key === 'kind' || r.error.issues.some((i) => i.code === 'unrecognized_keys' && i.keys.includes(bad)));
        expect(named, `${kind}: ${path.join('.')} -> ${bad}: ${!r.success ? r.error.issues[0].message : ''}`).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });
});

describe('strict input: file syntax', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chipbound-strict-'));
  const chip = bases.chip[0];
  const refused = (name: string, data: string | Uint8Array, pattern: RegExp) => {
    const p = join(dir, name);
    writeFileSync(p, data);
    let err: unknown;
    try {
      loadFile(chipSchema, p, 'chip');
    } catch (e) {
      err = e;
    }
    expect(err, name).toBeInstanceOf(ChipboundError);
    expect((err as Error).message).toMatch(pattern);
  };

  it('refuses a second YAML document, a merge key, a duplicate JSON key, invalid UTF-8 and prototype keys', () => {
    refused('two.yaml', `${stringify(chip)}---\n${stringify(chip)}`, /2 documents/);
    refused('merge.yaml', `${stringify(chip)}extra: &e { a: 1 }\nmore:\n  <<: *e\n`, /merge keys/);
    refused('dup.json', JSON.stringify(chip).replace('{', '{"memoryGB": 1,'), /repeated key 'memoryGB' at line 1/);
    refused('latin1.yaml', Buffer.concat([Buffer.from(stringify(chip)), Buffer.from('notes: caf\xe9\n', 'latin1')]), /not valid UTF-8/);
    refused('proto.json', JSON.stringify(chip).replace('{', '{"tflops2": {"constructor": 1},'), /'constructor' is not allowed/);
  });

  it('accepts a JSON BOM and gives the same chip as without it', () => {
    const text = JSON.stringify(chip);
    expect(parseText(`\uFEFF${text}`, 'c.json')).toEqual(parseText(text, 'c.json'));
  });
});
