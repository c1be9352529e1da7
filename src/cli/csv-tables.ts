/**
 * `--csv` on every command whose result is a table (issue #15). A command prints its --json
 * object; the table below picks the records of its main table from it and core/csv.ts writes
 * them as flat CSV columns. So the CSV rows are the --json rows, one each, and a command needs
 * no CSV code of its own: finishProgram (main.ts) calls addCsvOption on every command.
 */
import type { Command } from 'commander';
import { recordsCsv, type RecordsCsvOptions } from '../core/csv.js';
import { ChipboundError } from '../core/errors.js';
import { formatPlan } from '../core/plan-notation.js';
import type { Plan } from '../core/train/types.js';
import { emit, note, takeOutput } from './output.js';

/* The --json objects are read loosely: their shapes are the schemas under schemas/output/. */
/* eslint-disable @typescript-eslint/no-explicit-any */
type J = any;

/** The main table of a command: what --csv prints (said in --help) and how to pick its records from the --json object. */
export interface CsvTable {
  /** Which table --csv prints (shown in --help). */
  readonly what: string;
  /** The records (one CSV row each) from the --json value and the command's options. */
  readonly rows: (json: J, opts: Record<string, unknown>) => readonly object[];
  readonly options?: RecordsCsvOptions;
}

/** Drops keys (lists of objects, launch files, nested reports) from a record. */
function omit(o: J, ...keys: string[]): J {
  if (o === null || typeof o !== 'object') return o;
  const out: Record<string, unknown> = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

/** `{ mfu: [a, b] }` -> `{ mfuLow: a, mfuHigh: b }` for every two-number range. */
function ranges(o: J): J {
  if (o === null || typeof o !== 'object') return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) (out[`${k}Low`] = v[0]), (out[`${k}High`] = v[1]);
    else out[k] = v;
  }
  return out;
}

/** A training plan object as its notation first (`plan`, accepted back by --plan), then its fields (`plan_tp`, ...). */
function planCols(p: J, prefix = 'plan'): Record<string, unknown> {
  if (p === null || p === undefined) return { [prefix]: null };
  // A partial plan (a published run leaving fields out) has no notation; its fields still show.
  const full = ['tp', 'pp', 'dp', 'cp', 'ep', 'vpp', 'microBatch', 'recompute', 'zero', 'precision', 'schedule'].every((k) => p[k] !== undefined);
  return { [prefix]: full ? formatPlan(p as Plan) : null, ...spread(p, prefix) };
}

/** A serving layout as infer prints it (`tp8 pp1 dp1 ep1`), then its fields (`layout_tp`, ...). */
function layoutCols(p: J): Record<string, unknown> {
  if (p === null || p === undefined) return { layout: null };
  return { layout: `tp${p.tp} pp${p.pp} dp${p.dp} ep${p.ep}`, ...spread(p, 'layout') };
}

function spread(p: object, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).map(([k, x]) => [`${prefix}_${k}`, x]));
}

/** One evaluated training plan (train, top plans, Pareto front) as one flat record. */
function trainRecord(r: J): Record<string, unknown> {
  const { model, chip, gpus, seq, globalBatch, framework, plan, fits, infeasible, cost, uncertainty, ...rest } = omit(r, 'launch', 'search', 'top', 'pareto', 'sweep', 'published', 'closest', 'invalidExample', 'schema', 'kind');
  return {
    ...{ model, chip, gpus, seq, globalBatch, framework },
    ...planCols(plan),
    fits,
    infeasible: infeasible ?? null,
    ...rest,
    ...(cost ? omit(cost, 'tokens') : {}),
    uncertainty: ranges(uncertainty ?? null),
  };
}

function trainRows(v: J): object[] {
  if (Array.isArray(v.sweep)) {
    const head = { model: v.model, chip: v.chip, seq: v.seq, globalBatch: v.globalBatch };
    const rows = v.sweep.map((s: J) => ({ ...head, ...planCols(s.plan), ...omit(s, 'plan', 'search', 'interrupted'), searchSeconds: s.search?.seconds ?? null, searched: true, interrupted: s.interrupted ?? false }));
    // Counts not searched (Ctrl-C, or more chips than a met deadline needs) are rows too, so the CSV says what is missing.
    const left = (v.notSearched ?? []).map((g: number) => ({ ...head, gpus: g, plan: null, searched: false, interrupted: Boolean(v.interrupted) }));
    return [...rows, ...left];
  }
  // A search cut short by Ctrl-C: every row says so (the CSV alone must not look complete).
  const cut = { interrupted: Boolean(v.interrupted ?? v.search?.interrupted) };
  if (Array.isArray(v.top)) return v.top.map((r: J) => ({ ...trainRecord(r), ...cut }));
  if (Array.isArray(v.pareto)) return v.pareto.map((r: J) => ({ ...trainRecord(r), ...cut }));
  // Nothing fits: the closest (least-memory) plan, fits false, with its excess; or fits false alone.
  if (v.plan === null) return [v.closest ? { ...trainRecord(v.closest), note: 'no plan fits: the closest (least-memory) plan', ...cut } : { fits: false, ...cut }];
  return v.search ? [{ ...trainRecord(v), ...cut }] : [trainRecord(v)];
}

/** A serving result (infer, its search candidates, overview serving): breakdown terms are seconds. */
const servingUnits: RecordsCsvOptions = { units: { prefill_breakdown: 's', decode_breakdown: 's', breakdown: 's' } };

function servingRecord(r: J): Record<string, unknown> {
  const { plan, ...rest } = omit(r, 'launch', 'schema');
  return { model: r.model, chip: r.chip, gpus: r.gpus, ...layoutCols(plan), ...omit(rest, 'model', 'chip', 'gpus') };
}

const headroomUnits: Record<string, string> = { throughput: 'TPP', dieArea: 'mm2', interconnect: 'GB/s', memoryBandwidth: 'GB/s' };

/**
 * The main table of each command whose result is a table. Not here: chip, model (one entry;
 * --format writes it), web (a server), scenario (its own --csv: one line per pool × workload).
 */
export const CSV_TABLES: Readonly<Record<string, CsvTable>> = {
  chips: { what: 'the chip list', rows: (v) => v, options: { rename: { bf16: 'bf16_tflops', fp8: 'fp8_tflops', int8: 'int8_tops' } } },
  models: { what: 'the model list', rows: (v) => v, options: { rename: { total_b: 'total_params_b', active_b: 'active_params_b', published_total_b: 'published_total_params_b' } } },
  runs: { what: 'the run list', rows: (v) => v },
  classify: {
    what: 'one row per rule in force (margins: --json)',
    rows: (v) => v.classifications.map((c: J) => ({ chip: v.id, date: v.date, destination: v.destination, tpp: v.tpp, pd: v.pd, ...omit(c, 'margins') })),
  },
  headroom: {
    what: 'one row per rule × spec (with --target: the limits)',
    rows: (v) =>
      Array.isArray(v)
        ? v.flatMap((r: J) => r.specs.map((s: J) => ({ rule: r.rule, verdict: r.verdict, spec: s.spec, unit: headroomUnits[s.spec] ?? null, value: s.value, up: s.up, down: s.down })))
        : [omit(v, 'schema')],
  },
  rules: { what: 'the rules timeline (other actions: --json)', rows: (v) => v.rules.map((r: J) => ({ ...r, statusDate: v.date })) },
  envelope: { what: 'one row per chip', rows: (v) => v.rows.map((r: J) => ({ rule: v.rule, ...r })) },
  'fleet-cap': {
    what: 'one row per allowance',
    rows: (v) =>
      (['perConsigneePerYear', 'tier2Country'] as const).map((k) => ({ chip: v.chipId, tpp: v.tpp, eccn: v.eccn, tier: v.tier, allowance: k, ...v[k] })),
  },
  train: {
    what: 'the evaluated plan with its memory and step-time breakdown; a search: the --top plans (the best alone by default), or with --pareto (no --top) the Pareto front; a --gpus sweep: one row per count',
    rows: trainRows,
    options: { units: { breakdown: 's' } },
  },
  validate: {
    what: 'one row per run (--sweeps: per sweep row; --inference: per serving point); summaries: --json',
    rows: (v, o) =>
      o.sweeps
        ? v.sweeps.flatMap((s: J) => s.rows.map((r: J) => ({ sweep: s.id, ...omit(r, 'plan'), ...planCols(r.plan) })))
        : o.inference
          ? v.rows
          : v.runs.map((r: J) => ({ ...omit(r, 'plan'), ...planCols(r.plan) })),
  },
  frameworks: { what: 'one row per profile × behaviour', rows: (v) => v.frameworks.flatMap((f: J) => f.switches.map((s: J) => ({ framework: f.id, ...s }))) },
  engines: { what: 'one row per engine', rows: (v) => v.engines },
  infer: {
    what: 'the deployment; a search: one row per deployment listed; --scenario server: the request-rate sweep (the throughput-latency curve; the operating point when there is none)',
    rows: (v) =>
      Array.isArray(v.candidates)
        ? v.candidates.map(servingRecord)
        : 'scenario' in v
          ? Array.isArray(v.sweep) && v.sweep.length
            ? v.sweep.map((p: J) => ({ scenario: v.scenario, model: v.model, chip: v.chip, gpus: v.gpus, ...layoutCols(v.plan), ...p }))
            : [omit(servingRecord(v), 'sweep', 'pools')]
          : [servingRecord(v)],
    options: servingUnits,
  },
  ablate: {
    what: 'the ledger: one row per technique turned off',
    rows: (v) => v.rows.map((r: J) => ({ model: v.model, chip: v.chip, gpus: v.gpus, tokens: v.tokens, ...omit(r, 'samePlan', 'replanned'), samePlan: { ...planCols(r.samePlan?.plan), ...omit(r.samePlan, 'plan') }, replanned: r.replanned ? { ...planCols(r.replanned.plan), ...omit(r.replanned, 'plan') } : null })),
  },
  race: {
    what: 'the lag table: one row per date (--reproduce: one row per chip evaluated)',
    rows: (v, o) => (o.reproduce !== undefined ? v.evaluation.map((e: J) => ({ ...omit(e, 'plan'), ...planCols(e.plan) })) : v.lag.map((p: J) => ({ metric: v.metric, countryA: v.countryA, countryB: v.countryB, ...p }))),
  },
  overview: {
    what: 'one row per chip: verdict, training and serving',
    rows: (v) =>
      v.rows.map((r: J) => ({
        chip: r.chip,
        name: r.name,
        tpp: r.classification?.tpp ?? null,
        pd: r.classification?.pd ?? null,
        verdict: r.verdict,
        fp8: r.fp8,
        train: r.train ? { planSource: r.train.planSource, ...planCols(r.train.result?.plan), ...omit(r.train.result, 'plan', 'memory', 'breakdown', 'cost'), ...(r.train.result?.cost ? omit(r.train.result.cost, 'assumptions') : {}) } : null,
        serve: r.serve ? omit(servingRecord(r.serve), 'prefill', 'decode', 'memory', 'notes', 'model', 'chip') : null,
      })),
  },
  design: {
    what: 'one row per design × workload (--sweep: one row per point)',
    rows: (v) =>
      Array.isArray(v.points)
        ? v.points.map((p: J) => ({ rule: v.sweep.rule, metric: v.sweep.metric, ...omit(p, 'best'), best: p.best ? { id: p.best.id, tpp: p.best.tpp, pd: p.best.pd, spec: p.best.spec } : null }))
        : v.designs.flatMap((d: J) =>
            d.workloads.map((w: J, i: number) => ({ rank: d.rank, id: d.id, tpp: d.tpp, pd: d.pd, timeRatio: d.timeRatio, costRatio: d.costRatio, spec: d.spec, workloadIndex: i + 1, workload: w.plan ? { ...omit(w, 'plan'), ...planCols(w.plan) } : w })),
          ),
    options: { rename: { workload_workload: 'workload_description' } },
  },
};

/** The flags that print something else than the table (chosen together with --csv: refused), and what they print. */
const OTHER_OUTPUTS: Readonly<Record<string, string>> = { json: 'the whole result as JSON', md: 'a markdown report', format: 'the input file format', emit: 'a launch configuration' };

/**
 * Adds `--csv` to a command with a table (CSV_TABLES): before the action it refuses --csv with
 * --json, --md, --format or --emit (one line, exit 2) and has the command build its --json
 * object; after it, the JSON output is replaced by the CSV of the main table. A command with a
 * --csv of its own (scenario: one line per pool × workload) keeps it; only the conflict is checked.
 */
export function addCsvOption(cmd: Command): void {
  const table = CSV_TABLES[cmd.name()];
  const own = cmd.options.some((o) => o.long === '--csv');
  if (!table && !own) return;
  if (!own) cmd.option('--csv', `CSV output (RFC 4180; flat columns, units in the names; not with --json): ${table!.what}`);
  cmd.hook('preAction', (c) => {
    const o = c.opts();
    if (!o.csv) return;
    const other = Object.keys(OTHER_OUTPUTS).find((k) => o[k] !== undefined && o[k] !== false && c.options.some((x) => x.attributeName() === k));
    if (other) throw new ChipboundError('usage', `--csv and --${other}: choose one (--csv prints the main table as CSV, --${other} ${OTHER_OUTPUTS[other]})`);
    if (table) c.setOptionValue('json', true);
  });
  if (!table || own) return;
  cmd.hook('postAction', (c) => {
    if (!c.opts().csv) return;
    const rows = table.rows(JSON.parse(takeOutput()), c.opts());
    // No rows (nothing in force, nothing fits): no output, and a note saying so (--json says why).
    if (rows.length) emit(recordsCsv(rows, table.options));
    else note(`note: --csv: the table is empty (${table.what.split(/[;(]/)[0].trim()}); --json shows why`);
  });
}
