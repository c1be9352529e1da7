/** Output files (scenario --out) are written whole or not at all, and a write failure is a clean exit 2. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, runInProcess } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-out-'));
const scenario = join(dir, 'small.yaml');
writeFileSync(
  scenario,
  `name: Small
buyer: { destination: CN, date: 2024-06-01 }
pools:
  - { id: H20, chip: nvidia-h20, count: 8, acquired: purchased }
workloads:
  - { kind: serve, id: chat, model: llama-3.1-8b, promptTokens: 1000, outputTokens: 500, outputTokensPerSecond: 10000 }
`,
);

function walk(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
}

describe('scenario --out', () => {
  it('writes the reports and leaves no temporary file', async () => {
    const out = join(dir, 'out', 'nested');
    const r = await runInProcess(['scenario', scenario, '--out', out, '--no-png']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = walk(out);
    expect(files.some((f) => f.endsWith('.md'))).toBe(true);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(files.filter((f) => /\.tmp$|^\./.test(f.split('/').pop()!))).toEqual([]);
  }, 300_000);

  it('a folder that cannot be created is a one-line exit 2 and nothing is written', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const argv = ['scenario', scenario, '--out', join(blocker, 'out'), '--no-png'];
    const r = await runInProcess(argv);
    expect(classify(argv, r).kind).toBe('clean-error');
    expect(r.stderr).toMatch(/cannot write|not a folder|ENOTDIR|EEXIST/);
    expect(r.stdout).toBe('');
  }, 300_000);
});
