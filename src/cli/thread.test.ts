/** The binary's worker-thread runner (thread.ts): which commands use it, and that output and exit codes come back whole. */
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES } from './main.js';
import { commandOf, MAIN_THREAD_COMMANDS, runInThread } from './thread.js';
import { captureExit } from '../../test/cli-run.js';

const captured = (argv: string[]) => captureExit(() => runInThread(argv));

describe('thread runner', () => {
  it('names the command an argv runs', () => {
    expect(commandOf([])).toBe('overview');
    expect(commandOf(['--date', '2024-01-01'])).toBe('overview');
    expect(commandOf(['--help'])).toBeNull();
    expect(commandOf(['validate', '--json'])).toBe('validate');
  });

  it('keeps on the main thread only known commands', () => {
    const known = COMMAND_MODULES.flatMap((m) => m.names);
    for (const c of MAIN_THREAD_COMMANDS) expect(known).toContain(c);
  });

  it('returns the output, the warnings and the exit code of the command run in the worker', async () => {
    const ok = await captured(['chip', 'h100', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).id).toBe('nvidia-h100-sxm5-80gb');
    const bad = await captured(['validate', '--run', 'deepseekv3']);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/^chipbound: error: unknown run 'deepseekv3'; did you mean 'deepseek-v3-pretrain'/);
  }, 120_000);
});
