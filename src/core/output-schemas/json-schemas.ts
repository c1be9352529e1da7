/**
 * JSON Schemas (draft 2020-12) of every input file and every --json output, generated from the
 * zod schemas with z.toJSONSchema (issue #9 item 4). `npm run schemas` writes them to schemas/;
 * a test checks the folder is up to date. Input files are described as users write them
 * (defaults optional); outputs as the commands print them.
 */
import { z } from 'zod';
import { chipSchema, modelSchema, runSchema, servingPointSchema } from '../catalog/schemas.js';
import { raceEntrySchema } from '../race/schema.js';
import { scenarioSchema } from '../scenario/schema.js';
import { outputSchemas } from './index.js';
import { envelopeSchema } from '../design/envelope.js';

/** Input file formats: schema file stem → title and schema. */
export const inputSchemas: Readonly<Record<string, { readonly title: string; readonly schema: z.ZodType }>> = {
  chip: { title: 'chipbound chip file (data/chips/<id>.yaml, or a file given to --chip)', schema: chipSchema },
  model: { title: 'chipbound model file (data/models/<id>.yaml, or a file given to --model)', schema: modelSchema },
  run: { title: 'chipbound published training run (data/runs/<id>.yaml)', schema: runSchema },
  'serving-point': { title: 'chipbound published serving measurement (data/serving/<id>.yaml)', schema: servingPointSchema },
  'race-entry': { title: 'chipbound race entry (data/race/<id>.yaml)', schema: raceEntrySchema },
  scenario: { title: 'chipbound scenario file (chipbound scenario <file>)', schema: scenarioSchema },
  envelope: { title: 'chipbound technology envelope (data/envelope/<id>.yaml, or a file given to design --envelope)', schema: envelopeSchema },
};

/** Where each schema file is published: the npm package's copy, by version (unpkg serves it). */
export const SCHEMA_BASE = 'https://unpkg.com/chipbound@0.1.0/schemas/';

function render(schema: z.ZodType, io: 'input' | 'output', title: string, file: string): string {
  // Refinements (cross-field checks, catalog id checks) are not representable: the schema
  // describes the shape; the CLI still gives the full one-line error.
  const js = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = js;
  return `${JSON.stringify({ $schema, $id: `${SCHEMA_BASE}${file}`, title, ...rest }, null, 2)}\n`;
}

/** Every schema file: name under schemas/ → text. */
export function jsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, { title, schema }] of Object.entries(inputSchemas)) files[`${name}.schema.json`] = render(schema, 'input', title, `${name}.schema.json`);
  for (const [name, { command, schema }] of Object.entries(outputSchemas)) {
    files[`output/${name}.schema.json`] = render(schema, 'output', `${command} output`, `output/${name}.schema.json`);
  }
  return files;
}
