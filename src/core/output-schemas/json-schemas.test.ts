import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from './json-schemas.js';

const dir = join(import.meta.dirname, '..', '..', '..', 'schemas');

describe('published JSON Schemas', () => {
  const files = jsonSchemaFiles();
  it('cover every input file format and command output', () => {
    for (const n of ['chip', 'model', 'run', 'serving-point', 'race-entry', 'scenario']) expect(files[`${n}.schema.json`]).toBeDefined();
    for (const n of ['chips', 'chip', 'models', 'model', 'runs', 'classify', 'headroom', 'rules', 'fleet-cap', 'train', 'validate', 'validate-inference', 'infer', 'race', 'race-reproduce', 'scenario', 'ablate', 'overview']) {
      expect(files[`output/${n}.schema.json`], n).toBeDefined();
    }
  });
  it.each(Object.keys(jsonSchemaFiles()))('schemas/%s is up to date (npm run schemas)', (name) => {
    const p = join(dir, name);
    expect(existsSync(p), `${name} missing: run npm run schemas`).toBe(true);
    expect(readFileSync(p, 'utf8') === files[name], `${name} differs from the generator: run npm run schemas`).toBe(true);
  });
  it('the train output schema requires the documented fields', () => {
    const s = (JSON.parse(files['output/train.schema.json']) as { anyOf: { required: string[]; properties: Record<string, { required?: string[] }> }[] }).anyOf[0];
    expect(s.required).toEqual(expect.arrayContaining(['plan', 'fits', 'memory', 'stepTimeSeconds', 'tokensPerSecond', 'tokensPerSecondPerGpu', 'mfu', 'hfu', 'breakdown']));
    expect(s.properties.memory.required).toContain('peakGiB');
  });
});
