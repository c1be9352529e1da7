/** docs/validation.md's generated tables equal what the model and catalog give now (scripts/update-docs.ts). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validationDoc } from '../src/cli/validation-doc.js';

describe('docs/validation.md', () => {
  it('is up to date (npx tsx scripts/update-docs.ts)', () => {
    const file = join(import.meta.dirname, '..', 'docs', 'validation.md');
    const text = readFileSync(file, 'utf8');
    expect(validationDoc(text).text === text, 'docs/validation.md is stale: run npx tsx scripts/update-docs.ts').toBe(true);
  }, 120_000);
});
