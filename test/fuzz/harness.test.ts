/** The fuzz harness itself: it must tell a crash from a clean error, or the fuzz suites prove nothing. */
import { describe, expect, it } from 'vitest';
import { classify, hangVerdict, runInProcess, wantsJson, type RunResult } from './harness.js';

const r = (o: Partial<RunResult>): RunResult => ({ code: 0, stdout: '', stderr: '', ms: 1, ...o });

describe('classify', () => {
  it('accepts exit 0 and a clean one-line exit 2', () => {
    expect(classify(['chips'], r({ stdout: 'table\n' })).kind).toBe('ok');
    expect(classify(['chip', 'x'], r({ code: 2, stderr: "chipbound: error: unknown chip 'x'\n" })).kind).toBe('clean-error');
  });
  it('flags internal errors, extra lines, stack traces, stdout on error, escapes, hangs and bad JSON', () => {
    const crash = (argv: string[], o: Partial<RunResult>) => classify(argv, r(o)).kind;
    expect(crash(['x'], { code: 1, stderr: 'chipbound: internal error: boom (please report it)\n' })).toBe('crash');
    expect(crash(['x'], { code: 2, stderr: "chipbound: error: unknown option '--jsn'\n(Did you mean --json?)\n" })).toBe('crash');
    expect(crash(['x'], { code: 2, stderr: 'chipbound: error: x\n    at main (/src/cli/main.ts:10:5)\n' })).toBe('crash');
    expect(crash(['x'], { code: 2, stdout: 'partial', stderr: 'chipbound: error: x\n' })).toBe('crash');
    expect(crash(['x'], { code: 2, stderr: 'error: x\n' })).toBe('crash');
    expect(crash(['x'], { code: 2, stderr: `chipbound: error: ${'x'.repeat(5000)}\n` })).toBe('crash');
    expect(crash(['x'], { code: null, escaped: 'escaped TypeError: x is undefined' })).toBe('crash');
    // A long run is judged only by the stand-alone fuzzer (hangVerdict), on a given duration, not a clock.
    expect(hangVerdict(r({ ms: 200_000 }))?.kind).toBe('crash');
    expect(hangVerdict(r({ ms: 1_000 }))).toBeNull();
    expect(crash(['chips'], { stdout: 'table\n', ms: 200_000 })).toBe('ok');
    expect(crash(['chips', '--json'], { stdout: 'not json' })).toBe('crash');
    // -V inside combined short flags prints the version: not a --json failure.
    expect(classify(['infer', '--prompt-tokens', '--output-tokens', '-VYz', '--json'], r({ stdout: '0.1.0\n' })).kind).toBe('ok');
  });
  it('knows when --json is a flag and when it is a value', () => {
    const bools = new Set(['--json', '--pareto']);
    expect(wantsJson(['chips', '--json'], bools)).toBe(true);
    expect(wantsJson(['chips', '--vendor', '--json'], bools)).toBe(false);
    expect(wantsJson(['chips', '--pareto', '--json'], bools)).toBe(true);
    expect(wantsJson(['chips', '--', '--json'], bools)).toBe(false);
  });
});

describe('runInProcess', () => {
  it('captures output and restores process.stdout/stderr', async () => {
    const out = process.stdout.write;
    const ok = await runInProcess(['chips', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toBeInstanceOf(Array);
    const bad = await runInProcess(['chip', 'no-such-chip']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^chipbound: error: unknown chip 'no-such-chip'/);
    expect(process.stdout.write).toBe(out);
  });
});
