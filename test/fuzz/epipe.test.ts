/** A reader that closes the pipe early (`chipbound validate --json | head -c 10`) gets no stack trace. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli-run.js';

describe('closed stdout pipe', () => {
  it('ends quietly (no EPIPE stack trace)', () => {
    const bin = join(repoRoot, 'bin', 'chipbound.js');
    // ~100 KB of JSON into a reader that stops after 10 bytes.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" validate --json | head -c 10 > /dev/null`], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|\n\s+at /);
  }, 300_000);
});

describe('standard output that cannot be written (a full disk)', () => {
  // Every write to stdout fails with ENOSPC, as on `> /dev/full` (portable: a preloaded module).
  const full = `data:text/javascript,${encodeURIComponent("process.stdout.write = function () { const e = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }); process.nextTick(() => this.emit('error', e)); return false; };")}`;
  it.each([['rules'], ['classify', 'nvidia-h20']])('%s: one line, exit 2, no stack trace', (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', full, join(repoRoot, 'bin', 'chipbound.js'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('chipbound: error: standard output: cannot write (ENOSPC)\n');
  }, 300_000);
});
