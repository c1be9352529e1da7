/**
 * The shipped examples (examples/*.yaml) run, and say what docs/scenarios reports say: the
 * H800 gap is interconnect, the H20 gap is compute, the H20 is the cheap way to serve a
 * reasoning model. A narrowed search keeps this fast; the CLI runs the full search.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../core/scenario/evaluate.js';
import { expandScenario } from '../core/scenario/sweep.js';
import type { ScenarioResult, TrainOutcome } from '../core/scenario/types.js';
import { searchPlans } from '../core/search/search.js';
import type { Plan, TrainJob } from '../core/train/types.js';
import { readScenarioFile, resolvers } from './scenario-files.js';
import { runCli, repoRoot } from '../../test/cli-run.js';

const dir = join(repoRoot, 'examples');
const narrow = (job: TrainJob, fixed: Partial<Plan>, opts: Parameters<typeof searchPlans>[2]) => searchPlans(job, { cp: 1, zero: 1, microBatch: 1, vpp: 1, ...fixed }, opts);

async function run(name: string): Promise<ScenarioResult> {
  const file = join(dir, name);
  const [v] = expandScenario(readScenarioFile(file), file);
  return evaluateScenario(v.scenario, { searchTrain: narrow, ...resolvers(file) }, v.label);
}

function row(r: ScenarioResult, pool: string, workload?: string) {
  const x = r.rows.find((y) => y.pool === pool && (!workload || y.workload === workload));
  if (!x) throw new Error(`no row ${pool}`);
  return x;
}

describe('examples', () => {
  it('ships the four examples and a report for each under docs/scenarios', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(['deepseek-v3-controls.yaml', 'hunyuan-large-h20.yaml', 'mixed-fleet.yaml', 'qwq-serving.yaml']);
    for (const f of files) expect(existsSync(join(repoRoot, 'docs', 'scenarios', f.replace('.yaml', '.md')))).toBe(true);
  });

  it('DeepSeek-V3: the H800 gap is interconnect, the H20 gap is compute', async () => {
    const r = await run('deepseek-v3-controls.yaml');
    expect(row(r, 'H100 (no controls)').comparison.ratio).toBe(1);
    const h800 = row(r, 'H800 (2022 rule)');
    expect(h800.eligibility.status).toBe('held');
    expect(h800.eligibility.atAcquisition).toBe('allowed');
    // On the H100's own plan the only spec difference is the scale-up link: the largest term is communication.
    const cross = h800.comparison.explanation.find((e) => e.startsWith("On H100 (no controls)'s own plan"));
    expect(cross).toMatch(/costs \+[\d.]+ days \([^,]*comm \+/);
    const h20 = row(r, 'H20 (2,048)');
    expect(h20.comparison.ratio!).toBeGreaterThan(2);
    expect(h20.comparison.explanation[0]).toMatch(/: compute \+/);
    for (const x of r.rows) expect((x.outcome as TrainOutcome).days).not.toBeNull();
  });

  it('Hunyuan-Large: H20 is slower than H800 and H100 at the same count, faster with the H800 budget', async () => {
    const r = await run('hunyuan-large-h20.yaml');
    const d = (p: string) => (row(r, p).outcome as TrainOutcome).days!;
    expect(d('H20 (2,048)')).toBeGreaterThan(d('H800 (bought 2023)'));
    expect(d('H20 (2,048)')).toBeGreaterThan(d('H100 (no controls)'));
    expect(d('H20, H800 budget')).toBeLessThan(d('H20 (2,048)'));
  });

  it('mixed fleet: every pool trains both models; rented H100 is tested in Malaysia', async () => {
    const r = await run('mixed-fleet.yaml');
    expect(r.rows).toHaveLength(6);
    const h100 = row(r, 'H100 rented in Malaysia', '671B MoE');
    expect(h100.eligibility.testedAt.destination).toBe('MY');
    expect(h100.eligibility.status).toBe('allowed');
    expect(row(r, 'H20 purchase', '671B MoE').availableFrom).toBe('2024-08-01');
    for (const x of r.rows) expect((x.outcome as TrainOutcome).days).not.toBeNull();
  });

  it('QwQ-32B serving: H20 is the cheapest per million output tokens', async () => {
    const r = await run('qwq-serving.yaml');
    const ref = r.rows.find((x) => x.comparison.ratio === 1)!;
    expect(ref.pool).toBe('H20');
    const h100 = row(r, 'H100 (no controls)');
    expect(h100.outcome.kind === 'serve' && h100.outcome.usdPerMillionOutputTokens).toBeGreaterThan(0);
    expect(h100.comparison.ratio!).toBeGreaterThan(1);
  });
});

describe('chipbound scenario (CLI)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'chipbound-scenario-'));

  it('prints JSON and writes the report, CSV and SVG charts with --out', () => {
    const out = join(tmp, 'out');
    const r = runCli(['scenario', 'examples/qwq-serving.yaml', '--json', '--out', out, '--no-png']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.variants[0].rows).toHaveLength(4);
    expect(readFileSync(join(out, 'qwq-serving.md'), 'utf8')).toMatch(/## Answer/);
    expect(readFileSync(join(out, 'qwq-serving.csv'), 'utf8').split('\n')[0]).toMatch(/^variant,pool,chip/);
    const svgs = readdirSync(join(out, 'qwq-serving'));
    expect(svgs.some((f) => f.endsWith('.svg'))).toBe(true);
  });

  it('a scenario file with an error exits 2 with one line naming the field', () => {
    const f = join(tmp, 'bad.yaml');
    writeFileSync(f, readFileSync(join(dir, 'qwq-serving.yaml'), 'utf8').replace('chip: nvidia-h20', 'chip: h801'));
    const r = runCli(['scenario', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.yaml: scenario: pools\.1\.chip: unknown chip 'h801'; did you mean 'nvidia-h800-sxm5-80gb'/);
  });
});
