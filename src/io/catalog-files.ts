/**
 * Reads the catalog sources under data/ (one YAML file per entry), validates each against
 * its schema and checks ids (file name = id, no duplicates, references resolve).
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { chipSchema, modelSchema, runSchema, servingPointSchema } from '../core/catalog/schemas.js';
import { raceEntrySchema } from '../core/race/schema.js';
import { isSweepRef, sweepSchema } from '../core/catalog/sweep-schema.js';
import { envelopeSchema } from '../core/design/envelope.js';
import { ChipboundError } from '../core/errors.js';
import { loadFile, warn } from './parse-file.js';
import { runFindings, servingFindings } from '../core/catalog/plausibility.js';
import { checkServingInput } from '../core/infer/evaluate.js';
import { precisionFallback } from '../core/infer/step.js';
import { servingInputOf } from '../core/infer/validate.js';

/** Catalog collections: folder under data/ → schema. */
export const collections = {
  chips: { schema: chipSchema, what: 'chip' },
  models: { schema: modelSchema, what: 'model' },
  runs: { schema: runSchema, what: 'run' },
  serving: { schema: servingPointSchema, what: 'serving point' },
  race: { schema: raceEntrySchema, what: 'race entry' },
  sweeps: { schema: sweepSchema, what: 'plan sweep' },
  envelope: { schema: envelopeSchema, what: 'technology envelope' },
} as const satisfies Record<string, { schema: z.ZodType; what: string }>;

export type CollectionName = keyof typeof collections;
export type CatalogData = { [K in CollectionName]: z.infer<(typeof collections)[K]['schema']>[] };

/** Loads and validates every catalog file under `dataDir`. */
export function readCatalogDir(dataDir: string): CatalogData {
  const out = {} as Record<CollectionName, { id: string }[]>;
  for (const name of Object.keys(collections) as CollectionName[]) {
    const { schema, what } = collections[name];
    const dir = join(dataDir, name);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];
    const entries: { id: string }[] = [];
    for (const f of files) {
      const entry = loadFile(schema, join(dir, f), what) as { id: string };
      const stem = f.replace(/\.(ya?ml|json)$/, '');
      if (entry.id !== stem) throw new ChipboundError('invalid_file', `${join(dir, f)}: id: expected '${stem}' (the file name), got '${entry.id}'`);
      entries.push(entry);
    }
    out[name] = entries;
  }
  const data = out as unknown as CatalogData;
  const chipIds = new Set(data.chips.map((c) => c.id));
  const modelIds = new Set(data.models.map((m) => m.id));
  for (const r of [...data.runs, ...data.serving]) {
    if (!chipIds.has(r.chip)) throw new ChipboundError('invalid_file', `data/${'measured' in r && 'globalBatch' in r ? 'runs' : 'serving'}/${r.id}.yaml: chip: unknown chip '${r.chip}'`);
    if (!modelIds.has(r.model)) throw new ChipboundError('invalid_file', `data/${'globalBatch' in r ? 'runs' : 'serving'}/${r.id}.yaml: model: unknown model '${r.model}'`);
  }
  // Measurements, plans and batches against their model and chip (unit slips: plausibility.ts).
  const chipById = new Map(data.chips.map((c) => [c.id, c]));
  const modelById = new Map(data.models.map((m) => [m.id, m]));
  const plausible = (where: string, r: Parameters<typeof runFindings>[0] & { model: string; chip: string }) => {
    const f = runFindings(r, modelById.get(r.model)!, chipById.get(r.chip)!);
    if (f.errors.length) throw new ChipboundError('invalid_file', `${where}: run: ${f.errors[0].path}: ${f.errors[0].message}`);
    for (const w of f.warnings) warn(`${where}: ${w.path}: ${w.message}`);
  };
  for (const r of data.runs) plausible(`data/runs/${r.id}.yaml`, r);
  for (const p of data.serving) {
    // The same checks as `infer` (tp·dp·pp against the count, tp against the heads, ep against the
    // experts, the accepted speculative length against the draft): a plan that cannot exist is a slip.
    try {
      checkServingInput(servingInputOf(p, modelById.get(p.model)!, chipById.get(p.chip)!));
    } catch (e) {
      if (e instanceof ChipboundError) throw new ChipboundError('invalid_file', `data/serving/${p.id}.yaml: ${e.message}`);
      throw e;
    }
    const where = `data/serving/${p.id}.yaml`;
    if (p.phase === 'prefill' && p.speculative) throw new ChipboundError('invalid_file', `${where}: speculative: speculative decoding applies to decode, and phase prefill has none`);
    if (p.gpusPerNode !== undefined && p.gpusPerNode > p.gpus) throw new ChipboundError('invalid_file', `${where}: gpusPerNode: ${p.gpusPerNode.toLocaleString('en-US')} accelerators per node is more than the point's ${p.gpus.toLocaleString('en-US')}`);
    const fallback = precisionFallback(chipById.get(p.chip)!, p.precision);
    if (fallback) warn(`${where}: precision: ${fallback}`);
    const f = servingFindings(p);
    if (f.errors.length) throw new ChipboundError('invalid_file', `data/serving/${p.id}.yaml: ${f.errors[0].path}: ${f.errors[0].message}`);
    for (const w of f.warnings) warn(`data/serving/${p.id}.yaml: ${w.path}: ${w.message}`);
  }
  for (const s of data.sweeps) for (const row of s.rows) if (!isSweepRef(row) && chipById.has(row.chip) && modelById.has(row.model)) plausible(`data/sweeps/${s.id}.yaml: ${row.id}`, row);
  const runIds = new Set(data.runs.map((r) => r.id));
  for (const s of data.sweeps) {
    for (const row of s.rows) {
      if (isSweepRef(row)) {
        if (!runIds.has(row.ref)) throw new ChipboundError('invalid_file', `data/sweeps/${s.id}.yaml: rows: unknown run '${row.ref}'`);
        continue;
      }
      if (!chipIds.has(row.chip)) throw new ChipboundError('invalid_file', `data/sweeps/${s.id}.yaml: ${row.id}: chip: unknown chip '${row.chip}'`);
      if (!modelIds.has(row.model)) throw new ChipboundError('invalid_file', `data/sweeps/${s.id}.yaml: ${row.id}: model: unknown model '${row.model}'`);
    }
  }
  return data;
}

/** The generated TypeScript module text for a catalog. */
export function renderCatalogModule(data: CatalogData): string {
  const json = JSON.stringify(data);
  return [
    '// Generated by scripts/build-catalog.ts from data/. Do not edit; run `npm run catalog`.',
    '/** The validated catalog as JSON text (parsed once by catalog.ts). */',
    `export const catalogText: string = ${JSON.stringify(json)};`,
    '',
  ].join('\n');
}
