/**
 * Ctrl-C stops a whole scenario (issue #14): not just the current search. In process, an abort
 * at any point ends runScenarioFile with Interrupted (never a complete-looking report); through
 * the binary, SIGINT ends the command with exit 130, nothing on stdout and no output folder.
 * No clock assertions: the child gets a generous timeout, and the SIGINT is sent once the child
 * has started (a SIGINT before the handler is installed also ends it with nothing written).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioFile } from '../../src/cli/commands/scenario.js';
import { Interrupted } from '../../src/cli/output.js';
import { repoRoot } from '../cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-sigint-'));
/** A scenario with many variants (minutes of searching): Ctrl-C always lands mid-run. */
const long = join(dir, 'long.yaml');
writeFileSync(
  long,
  `name: Long
buyer: { destination: CN, date: 2024-06-01 }
pools:
  - { chip: nvidia-h100-sxm5-80gb, count: 512, acquired: owned }
workloads:
  - { kind: train, model: llama-3.1-70b, tokens: 15T, seq: 8192, globalBatch: 1024 }
sweep:
  pools.0.count: [512, 1024, 2048, 4096, 8192, 16384]
  workloads.0.globalBatch: [512, 1024, 2048, 4096]
  workloads.0.model: [llama-3.1-70b, llama-3.1-405b, deepseek-v3]
  workloads.0.seq: [4096, 8192, 16384]
`,
);

describe('Ctrl-C stops the whole scenario', () => {
  it('an abort before the start is Interrupted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runScenarioFile(long, { workers: 1, progress: false, signal: ac.signal })).rejects.toBeInstanceOf(Interrupted);
  }, 120_000);

  it('an abort during the run is Interrupted, not a partial report', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 0);
    await expect(runScenarioFile(long, { workers: 1, progress: false, signal: ac.signal })).rejects.toBeInstanceOf(Interrupted);
  }, 120_000);

  it('SIGINT to the binary: exit 130, nothing on stdout, no output folder', async () => {
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'chipbound.js'), 'scenario', long, '--workers', '1', '--out', out, '--no-png'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Let it start and get into the searches (the loader alone takes about a second).
    await new Promise((r) => setTimeout(r, 4000));
    child.kill('SIGINT');
    const { code, signal } = await ended;
    expect(code === 130 || signal === 'SIGINT', `exit ${code} ${signal}: ${stderr}`).toBe(true);
    expect(stdout).toBe('');
    if (code === 130) expect(stderr).toMatch(/interrupted \(Ctrl-C\); nothing written/);
    expect(existsSync(out)).toBe(false);
  }, 300_000);
});

/**
 * Ctrl-C on the synchronous commands (issue #14): they run in a worker thread (src/cli/thread.ts),
 * so the main thread prints the one line and exits 130 even mid-computation. The child says
 * `chipbound: started` on stderr (CHIPBOUND_SIGNAL_READY=1) once the command runs; SIGINT goes
 * after that marker. Each command takes well over a second, so the signal lands mid-run; the
 * timeout is only a failure cap.
 */
function interruptAfterStart(args: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'chipbound.js'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CHIPBOUND_SIGNAL_READY: '1', FORCE_COLOR: '0' } });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
    if (!sent && stderr.includes('chipbound: started\n')) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('Ctrl-C on the synchronous commands: one line, exit 130, nothing on stdout', () => {
  const cases: readonly (readonly string[])[] = [
    ['validate'],
    ['overview'],
    ['design', '--rules', 'us-2022-10', '--destination', 'CN', '--date', '2023-06-01', '--train', 'deepseek-v3', '--gpus', '2048', '--tokens', '14.8T', '--seq', '4096', '--global-batch', '15360'],
  ];
  for (const args of cases) {
    it(args.slice(0, 2).join(' '), async () => {
      const r = await interruptAfterStart(args);
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual(['chipbound: started', 'chipbound: interrupted (Ctrl-C); nothing written']);
    }, 120_000);
  }

  it('design --save: an interrupted design writes no file', async () => {
    const save = join(dir, 'design.yaml');
    const r = await interruptAfterStart([...cases[2], '--save', save]);
    expect(r.code).toBe(130);
    expect(existsSync(save)).toBe(false);
  }, 120_000);
});

/**
 * Ctrl-C on `train` (adv3 cases 354, 355, 433): the search keeps its best plan so far, marked, or
 * (a Ctrl-C before any plan was found) nothing; exit 130 with one stderr line either way, never
 * exit 0 with a complete-looking CSV.
 */
describe('Ctrl-C on train: exit 130, a stderr line, partial rows marked', () => {
  it('train --gpus 1024..65536 --csv: every count is a row, the cut ones marked', async () => {
    const r = await interruptAfterStart(['train', '--model', 'deepseek-v3', '--chip', 'nvidia-h800-sxm5-80gb', '--gpus', '1024..65536', '--global-batch', '15360', '--csv']);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('chipbound: started');
    if (r.stdout === '') {
      expect(lines.slice(1)).toEqual(['chipbound: interrupted (Ctrl-C); nothing written']);
      return;
    }
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^chipbound: interrupted \(Ctrl-C\): the \d+-chip (row is the best plan so far, not the optimum|search was cut short before finding a plan)/);
    const [head, ...rows] = r.stdout.trim().split('\n');
    const cols = head.split(',');
    const gi = cols.indexOf('gpus');
    const ii = cols.indexOf('interrupted');
    expect(ii).toBeGreaterThan(-1);
    // All seven counts are rows; at least one is marked; the last one always is (never searched or cut).
    expect(rows.map((x) => Number(x.split(',')[gi]))).toEqual([1024, 2048, 4096, 8192, 16384, 32768, 65536]);
    expect(rows.at(-1)!.split(',')[ii]).toBe('true');
  }, 120_000);

  it('train --top 5 --json: interrupted true, or nothing written', async () => {
    const r = await interruptAfterStart(['train', '--model', 'deepseek-v3', '--chip', 'nvidia-h20', '--gpus', '8192', '--global-batch', '15360', '--top', '5', '--json']);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
    const lines = r.stderr.trim().split('\n').slice(1);
    if (r.stdout === '') expect(lines).toEqual(['chipbound: interrupted (Ctrl-C); nothing written']);
    else {
      expect(lines).toEqual(['chipbound: interrupted (Ctrl-C): best plan so far, not the optimum']);
      expect(JSON.parse(r.stdout)).toMatchObject({ interrupted: true, search: { interrupted: true } });
    }
  }, 120_000);
});
