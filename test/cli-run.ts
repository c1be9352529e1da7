/** Test helpers: run the CLI in a child process (runCli) or in this process through main() (runMain). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin', 'chipbound.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `chipbound ...args` (timeout 240 s: generous for a loaded CI machine). */
export function runCli(args: readonly string[], opts: { cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: opts.cwd ?? repoRoot, input: opts.input, encoding: 'utf8', timeout: 240_000, env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** What `runMain` captured: exit code, stdout and stderr. */
export interface MainResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs a command entry point (`main`, `runInThread`) in this process, capturing what it writes to stdout and stderr. */
export async function captureExit(run: () => Promise<number>): Promise<MainResult> {
  let out = '';
  let err = '';
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = ((s: string | Uint8Array) => ((out += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((err += String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await run();
    return { code, out, err };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}

/** Runs `chipbound ...args` in this process through main(), capturing stdout and stderr (faster than runCli; main is loaded on first use). */
export async function runMain(args: readonly string[]): Promise<MainResult> {
  const { main } = await import('../src/cli/main.js');
  return captureExit(() => main(args));
}

/** An adversarial case's verdict: refused (exit 2, one stderr line, nothing on stdout) or accepted with the warning. */
export function expectRefusedOrWarned(r: MainResult, c: { readonly refused?: RegExp; readonly warned?: RegExp }): void {
  if (c.refused) {
    expect(r.code, r.err).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(c.refused);
    expect(r.out).toBe('');
  } else {
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(c.warned!);
  }
}

