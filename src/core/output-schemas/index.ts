/**
 * The --json output schemas of every command, by name (schemas/<name>.output.schema.json is
 * generated from these by `npm run schemas`). Loose objects: the listed fields are required and
 * typed; commands may print more.
 */
import type { z } from 'zod';
import { chipOutput, chipsOutput, modelOutput, modelsOutput, runsOutput } from './catalog.js';
import { classifyOutput, envelopeOutput, fleetCapOutput, headroomOutput, rulesOutput } from './controls.js';
import { enginesOutput, inferOutput, validateInferenceOutput } from './infer.js';
import { overviewOutput } from './overview.js';
import { raceOutput, raceReproduceOutput } from './race.js';
import { ablateOutput, scenarioOutput } from './scenario.js';
import { trainOutput, validateSweepsOutput, validateTrainOutput } from './train.js';
import { designSearchOutput, designSweepOutput } from './design.js';

/** Output schema name → the command line it describes and the schema. */
export const outputSchemas: Readonly<Record<string, { readonly command: string; readonly schema: z.ZodType }>> = {
  chips: { command: 'chipbound chips --json', schema: chipsOutput },
  chip: { command: 'chipbound chip <id-or-file> --json', schema: chipOutput },
  models: { command: 'chipbound models --json', schema: modelsOutput },
  model: { command: 'chipbound model <id-or-file> --json', schema: modelOutput },
  runs: { command: 'chipbound runs --json', schema: runsOutput },
  classify: { command: 'chipbound classify <chip> --json', schema: classifyOutput },
  headroom: { command: 'chipbound headroom <chip> --json', schema: headroomOutput },
  rules: { command: 'chipbound rules --json', schema: rulesOutput },
  'fleet-cap': { command: 'chipbound fleet-cap <chip> --json', schema: fleetCapOutput },
  envelope: { command: 'chipbound envelope [chips...] --json', schema: envelopeOutput },
  train: { command: 'chipbound train ... --json', schema: trainOutput },
  validate: { command: 'chipbound validate --json', schema: validateTrainOutput },
  'validate-inference': { command: 'chipbound validate --inference --json', schema: validateInferenceOutput },
  'validate-sweeps': { command: 'chipbound validate --sweeps --json', schema: validateSweepsOutput },
  infer: { command: 'chipbound infer ... --json', schema: inferOutput },
  engines: { command: 'chipbound engines --json', schema: enginesOutput },
  race: { command: 'chipbound race --json', schema: raceOutput },
  'race-reproduce': { command: 'chipbound race --reproduce <id> --json', schema: raceReproduceOutput },
  scenario: { command: 'chipbound scenario <file> --json', schema: scenarioOutput },
  ablate: { command: 'chipbound ablate ... --json', schema: ablateOutput },
  overview: { command: 'chipbound [overview] --json', schema: overviewOutput },
  design: { command: 'chipbound design ... --json', schema: designSearchOutput },
  'design-sweep': { command: 'chipbound design ... --sweep rules.<rule>.<metric>=A..B --json', schema: designSweepOutput },
};
