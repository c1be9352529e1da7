/** `chipbound design` end to end through main(): the serving form of the issue, --save round trip, sweeps, bad input. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../../../test/cli-run.js';
import { designSearchOutput, designSweepOutput } from '../../core/output-schemas/design.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-design-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serve = ['design', '--rules', 'us-2023-10', '--destination', 'CN', '--date', '2024-06-01', '--serve', 'qwq-32b', '--gpus', '8', '--prompt-tokens', '1000', '--output-tokens', '8000', '--tpot-ms', '50'];

describe('chipbound design', () => {
  it('the serving form of the issue prints JSON that matches its schema, best first, with counts', async () => {
    const r = await run([...serve, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(designSearchOutput.safeParse(j).success).toBe(true);
    expect(j.designs[0].rank).toBe(1);
    expect(j.designs[0].classifications[0].rule).toBe('us-2023-10');
    expect(j.counts.deploymentsEvaluated).toBeGreaterThan(0);
    expect(j.counts.grid).toBeGreaterThan(1000);
  }, 120_000);

  it('--save writes a chip file that classify and infer accept', async () => {
    const file = join(dir, 'best.yaml');
    const r = await run([...serve, '--compare', 'none', '--save', file]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('vendor: chipbound design');
    const c = await run(['classify', file, '--date', '2024-06-01', '--destination', 'CN', '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.out).classifications.find((x: { rule: string }) => x.rule === 'us-2023-10').licenceRequired).toBe(false);
    const i = await run(['infer', '--model', 'qwq-32b', '--chip', file, '--gpus', '8', '--tp', '8', '--prompt-tokens', '1000', '--output-tokens', '8000', '--json']);
    expect(i.code).toBe(0);
  }, 120_000);

  it('--sweep on TPP prints points, knees and writes the chart', async () => {
    const svg = join(dir, 'sweep.svg');
    const r = await run([...serve, '--sweep', 'rules.us-2023-10.tpp=1600..9600:5', '--svg', svg, '--json']);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(designSweepOutput.safeParse(j).success).toBe(true);
    expect(j.points.map((p: { value: number }) => p.value)).toEqual([1600, 3600, 5600, 7600, 9600]);
    expect(j.sweep.enacted).toBe(4800);
    // Loosening the line never makes the best design slower.
    const t = j.points.map((p: { timeRatio: number }) => p.timeRatio);
    for (let k = 1; k < t.length; k++) expect(t[k]).toBeLessThanOrEqual(t[k - 1] * (1 + 1e-12));
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
  }, 120_000);

  it.each([
    [['design', '--rules', 'us-2099-01', '--serve', 'qwq-32b', '--gpus', '8', '--prompt-tokens', '1', '--output-tokens', '1'], /--rules: unknown rule 'us-2099-01'/],
    [['design', '--rules', 'us-2023-10', '--gpus', '8'], /give a workload/],
    [['design', '--rules', 'us-2023-10', '--train', 'deepseek-v3', '--gpus', '8', '--global-batch', '8'], /--tokens/],
    [[...serve, '--sweep', 'rules.us-2023-10.foo=1..2'], /unknown metric 'foo'/],
    [[...serve, '--sweep', 'rules.us-2022-10.pd=1..2'], /us-2022-10 has no line on pd/],
    [[...serve, '--svg', 'x.svg'], /--svg: only with --sweep/],
  ])('bad input exits 2 with one line: %j', async (args, msg) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a bad envelope file names the field', async () => {
    const file = join(dir, 'env.yaml');
    writeFileSync(file, 'id: x\nname: x\nprocesses: []\n');
    const r = await run([...serve, '--envelope', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/env\.yaml: technology envelope: processes/);
  });
});
