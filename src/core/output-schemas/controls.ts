/** --json output of the export-control commands: classify, headroom, rules, fleet-cap (src/core/controls). */
import { z } from 'zod';
import { isoDate, metric, strings } from './common.js';

/** One rule's verdict in `chipbound classify --json`. */
export const ruleClassificationOutput = z.looseObject({
  rule: z.string(),
  status: z.enum(['in force', 'rescinded', 'superseded', 'not yet']),
  eccn: z.string().nullable(),
  outcome: z.enum(['controlled', 'not-controlled', 'undetermined']),
  licenseExceptions: strings,
  licenceRequired: z.boolean().nullable(),
  reasons: strings,
  margins: z.array(z.looseObject({})),
  undecided: strings,
});

/** `chipbound classify <chip> --json`: TPP, PD and every rule's verdict on a date. */
export const classifyOutput = z.looseObject({
  id: z.string(),
  name: z.string(),
  tpp: metric,
  tppBasis: z.string(),
  pd: metric,
  io2022GBps: metric,
  date: isoDate,
  destination: z.string(),
  classifications: z.array(ruleClassificationOutput),
  notes: strings,
});

const move = z.looseObject({ factor: metric, changePct: metric, atFactor: z.boolean(), value: metric, to: z.string() }).nullable();

/** `chipbound headroom <chip> --json`: per rule, how far each spec can move before the verdict changes. */
export const headroomOutput = z.union([
  z.array(
    z.looseObject({
      rule: z.string(),
      verdict: z.string(),
      specs: z.array(z.looseObject({ spec: z.enum(['throughput', 'dieArea', 'interconnect', 'memoryBandwidth']), value: metric, up: move, down: move })),
    }),
  ),
  // --target uncontrolled
  z.looseObject({ rule: z.string(), maxTppExclusive: metric, bf16TflopsBelow: metric, int8TopsBelow: metric, reason: z.string() }),
]);

/** `chipbound rules --json`. */
export const rulesOutput = z.looseObject({
  date: isoDate,
  rules: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      citation: z.string(),
      url: z.string(),
      effective: isoDate,
      ended: z.looseObject({ date: isoDate }).nullable(),
      status: z.string(),
      destinations: z.string(),
      thresholds: strings,
    }),
  ),
  /** Actions the rule engine lists as data (src/core/controls/actions.ts), with their sourcing. */
  actions: z.array(
    z.looseObject({
      date: isoDate,
      id: z.string(),
      action: z.string(),
      citation: z.string(),
      url: z.string().nullable(),
      sourcing: z.enum(['primary', 'secondary', 'unverified']),
      modeled: z.string(),
      until: isoDate.nullable(),
    }),
  ),
});

/** `chipbound envelope --json`: each chip against the 2026 China/Macau case-by-case envelope (us-2026-01). */
export const envelopeOutput = z.looseObject({
  rule: z.literal('us-2026-01'),
  rows: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      status: z.enum(['shipping', 'announced']),
      tpp: z.number().nullable(),
      memoryGBps: z.number().nullable(),
      eccn: z.string().nullable(),
      envelope: z.enum(['inside', 'outside', 'not-controlled', 'undetermined']),
      why: z.string(),
    }),
  ),
});

const allowance = z.looseObject({ capTpp: z.number(), period: z.string(), units: metric, arithmetic: z.string() });

/** `chipbound fleet-cap <chip> --json`. */
export const fleetCapOutput = z.looseObject({
  rule: z.literal('us-2025-01'),
  chipId: z.string(),
  tpp: metric,
  eccn: z.string().nullable(),
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  perConsigneePerYear: allowance,
  tier2Country: allowance,
  notes: strings,
});
