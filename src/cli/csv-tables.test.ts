/**
 * --csv on every command with a table: the CSV parses (header + rows), has as many rows as the
 * --json table it comes from, and its columns are flat (snake_case names, no JSON in a field).
 * Small inputs only (one run, one sweep, 64 accelerators).
 */
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../../test/cli-run.js';
import { parseCsv } from '../../test/csv-parse.js';
import { buildFullProgram } from './program.js';
import { CSV_TABLES } from './csv-tables.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type J = any;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Each case: the arguments, and the number of rows of the main table read from its --json. */
const cases: [args: string[], rows: (j: J) => number][] = [
  [['chips'], (j) => j.length],
  [['chips', '--vendor', 'amd'], (j) => j.length],
  [['models'], (j) => j.length],
  [['runs'], (j) => j.length],
  [['classify', 'h20', '--date', '2025-06-01'], (j) => j.classifications.length],
  [['headroom', 'h20'], (j) => sum(j.map((r: J) => r.specs.length))],
  [['headroom', 'h20', '--target', 'uncontrolled'], () => 1],
  [['rules', '--date', '2025-06-01'], (j) => j.rules.length],
  [['envelope'], (j) => j.rows.length],
  [['fleet-cap', 'h100'], () => 2],
  [['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '64', '--global-batch', '512', '--plan', 'tp1 pp1 dp64 cp1 ep1 vpp1 mb1 zero1 rc:none bf16 1f1b', '--tokens', '1T'], () => 1],
  [['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '64', '--global-batch', '512', '--top', '3'], (j) => j.top.length],
  [['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '64', '--global-batch', '512', '--pareto'], (j) => j.pareto.length],
  [['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '32,64', '--global-batch', '512', '--tokens', '1T'], (j) => j.sweep.length],
  [['train', '--model', 'llama-3.1-405b', '--chip', 'h100', '--gpus', '8', '--global-batch', '512'], () => 1],
  [['validate', '--run', 'bloom-176b-gpuhours'], (j) => j.runs.length],
  [['validate', '--sweeps', '--run', 'korthikanti2022-175b-64xa100-seq2048-gbs64'], (j) => sum(j.sweeps.map((s: J) => s.rows.length))],
  [['validate', '--inference', '--run', 'ant-h20-dsr1-decode-ep-size-and-mtp'], (j) => j.rows.length],
  [['frameworks'], (j) => sum(j.frameworks.map((f: J) => f.switches.length))],
  [['frameworks', 'nemo-2024'], (j) => j.frameworks[0].switches.length],
  [['engines'], (j) => j.engines.length],
  [['infer', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '1', '--tp', '1', '--isl', '1K', '--osl', '256'], () => 1],
  [['infer', '--model', 'llama-3.1-8b', '--chip', 'h100', '--isl', '1K', '--osl', '256', '--max-gpus', '8', '--top', '3'], (j) => j.candidates.length],
  [['infer', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '1', '--tp', '1', '--isl', '1K', '--osl', '256', '--scenario', 'server', '--sweep', '4'], (j) => j.sweep.length],
  [['infer', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '1', '--tp', '1', '--isl', '1K', '--osl', '256', '--scenario', 'offline'], () => 1],
  [['ablate', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '64', '--tokens', '1T', '--workers', '1'], (j) => j.rows.length],
  [['race', '--metric', 'mmlu'], (j) => j.lag.length],
  [['overview', '--gpus', '64', '--date', '2025-06-01'], (j) => j.rows.length],
  [['design', '--rules', 'us-2023-10', '--destination', 'CN', '--date', '2024-06-01', '--serve', 'qwq-32b', '--gpus', '8', '--prompt-tokens', '1000', '--output-tokens', '8000', '--tpot-ms', '50', '--top', '2', '--compare', 'none'], (j) => sum(j.designs.map((d: J) => d.workloads.length))],
  [['design', '--rules', 'us-2022-10', '--destination', 'CN', '--date', '2023-06-01', '--train', 'llama-3.1-8b', '--gpus', '64', '--tokens', '1T', '--seq', '4096', '--global-batch', '512', '--top', '1', '--compare', 'none'], (j) => sum(j.designs.map((d: J) => d.workloads.length))],
  [['design', '--rules', 'us-2023-10', '--destination', 'CN', '--date', '2024-06-01', '--serve', 'qwq-32b', '--gpus', '8', '--prompt-tokens', '1000', '--output-tokens', '8000', '--tpot-ms', '50', '--sweep', 'rules.us-2023-10.tpp=2000..4000:3', '--compare', 'none'], (j) => j.points.length],
];

describe('--csv', () => {
  it('is offered by every command of CSV_TABLES, and they exist', () => {
    const program = buildFullProgram();
    for (const name of Object.keys(CSV_TABLES)) {
      const c = program.commands.find((x) => x.name() === name);
      expect(c, name).toBeDefined();
      expect(c!.options.some((o) => o.long === '--csv'), name).toBe(true);
    }
    // scenario keeps its own --csv (one line per pool × workload).
    expect(program.commands.find((x) => x.name() === 'scenario')!.options.some((o) => o.long === '--csv')).toBe(true);
  });

  for (const [args, count] of cases) {
    it(`${args.join(' ').slice(0, 90)}: one flat row per --json row`, { timeout: 120_000 }, async () => {
      const j = await run([...args, '--json']);
      expect(j.code, j.err).toBe(0);
      const c = await run([...args, '--csv']);
      expect(c.code, c.err).toBe(0);
      const rows = parseCsv(c.out.replace(/\n$/, ''));
      const [header, ...body] = rows;
      expect(body.length).toBe(count(JSON.parse(j.out)));
      expect(body.length).toBeGreaterThan(0);
      for (const h of header) expect(h).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(new Set(header).size).toBe(header.length);
      for (const r of body) {
        expect(r.length).toBe(header.length);
        for (const f of r) expect(f).not.toMatch(/^[[{]/);
      }
    });
  }

  it('with --json, --md, --emit or --format: exit 2, one line', async () => {
    for (const args of [
      ['chips', '--csv', '--json'],
      ['envelope', '--json', '--csv'],
      ['scenario', 'examples/deepseek-v3-controls.yaml', '--csv', '--json'],
      ['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '64', '--global-batch', '512', '--emit', 'megatron', '--csv'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^chipbound: error: --csv and --(json|emit): choose one .*\n$/);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('an empty table prints nothing and says so on stderr', async () => {
    const r = await run(['classify', 'h20', '--date', '2021-01-01', '--csv']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^note: --csv: the table is empty/);
  });

  it('chips: catalog units in the column names, lists joined', async () => {
    const r = await run(['chips', '--csv']);
    const [header, ...rows] = parseCsv(r.out.replace(/\n$/, ''));
    expect(header).toEqual(expect.arrayContaining(['id', 'bf16_tflops', 'fp8_tflops', 'int8_tops', 'memory_gb', 'memory_tbps', 'tdp_w', 'rental_usd_per_hour', 'estimated']));
    const h100 = rows.find((x) => x[0] === 'nvidia-h100-sxm5-80gb')!;
    expect(Number(h100[header.indexOf('memory_gb')])).toBe(80);
  });

  it('train: the plan in the one notation (pasted back by --plan) and the step-time breakdown in seconds', async () => {
    const plan = 'tp1 pp1 dp64 cp1 ep1 vpp1 mb1 zero1 rc:none bf16 1f1b';
    const r = await run(['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '64', '--global-batch', '512', '--plan', plan, '--csv']);
    const [header, row] = parseCsv(r.out.replace(/\n$/, ''));
    const col = (n: string) => row[header.indexOf(n)];
    expect(col('plan')).toBe(plan);
    expect(Number(col('step_time_s'))).toBeGreaterThan(0);
    expect(header).toEqual(expect.arrayContaining(['breakdown_gemm_s', 'breakdown_bubble_s', 'memory_peak_gib', 'mfu']));
  });
});

describe('train --csv of a search cut short by Ctrl-C', () => {
  it('sweep: an interrupted column, and one row per count not searched', () => {
    const v = {
      model: 'm', chip: 'c', seq: 4096, globalBatch: 64, interrupted: true,
      sweep: [
        { gpus: 8, plan: null, stepTimeSeconds: 1, interrupted: false, search: { seconds: 0.1 } },
        { gpus: 16, plan: null, stepTimeSeconds: 2, interrupted: true, search: { seconds: 0.1 } },
      ],
      notSearched: [32, 64],
    };
    const rows = CSV_TABLES.train.rows(v, {}) as Record<string, unknown>[];
    expect(rows.map((r) => [r.gpus, r.searched, r.interrupted])).toEqual([[8, true, false], [16, true, true], [32, false, true], [64, false, true]]);
  });
  it('single search: every --top row says interrupted', () => {
    const rows = CSV_TABLES.train.rows({ interrupted: true, search: { interrupted: true }, top: [{ plan: null }, { plan: null }] }, {}) as Record<string, unknown>[];
    expect(rows.map((r) => r.interrupted)).toEqual([true, true]);
  });
});
