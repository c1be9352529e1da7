import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChipboundError } from '../core/errors.js';
import { writeFileAtomic, writeSetAtomic } from './write-atomic.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-atomic-'));

describe('writeFileAtomic', () => {
  it('creates the folder, writes the data and leaves no temporary file', () => {
    const p = join(dir, 'a', 'b', 'report.md');
    writeFileAtomic(p, 'hello\n');
    expect(readFileSync(p, 'utf8')).toBe('hello\n');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['report.md']);
  });

  it('replaces an existing file whole', () => {
    const p = join(dir, 'replace.json');
    writeFileSync(p, 'old contents that are longer than the new ones');
    writeFileAtomic(p, '{}');
    expect(readFileSync(p, 'utf8')).toBe('{}');
  });

  it('fails with an io error naming the path and keeps the old file', () => {
    const p = join(dir, 'is-a-dir');
    writeFileAtomic(join(p, 'x'), 'x');
    let err: unknown;
    try {
      writeFileAtomic(p, 'data');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChipboundError);
    expect((err as ChipboundError).code).toBe('io');
    expect((err as Error).message).toMatch(/is-a-dir: cannot write \(E[A-Z]+\)/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails cleanly in a read-only folder (skipped as root)', () => {
    if (process.getuid?.() === 0) return;
    const ro = join(dir, 'ro');
    writeFileAtomic(join(ro, 'keep.txt'), 'keep');
    chmodSync(ro, 0o500);
    try {
      expect(() => writeFileAtomic(join(ro, 'new.txt'), 'x')).toThrow(/cannot write \(EACCES\)/);
      expect(existsSync(join(ro, 'new.txt'))).toBe(false);
    } finally {
      chmodSync(ro, 0o700);
    }
  });

  it('rejects an empty path', () => {
    expect(() => writeFileAtomic('', 'x')).toThrow(ChipboundError);
  });
});

describe('writeSetAtomic', () => {
  const list = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name])).sort();

  it('writes every file of the set, replaces an earlier set whole and leaves no staging folder', () => {
    const d = join(dir, 'set');
    writeSetAtomic(d, [{ rel: 'r.md', data: 'old' }, { rel: 'r/old-chart.svg', data: '<svg/>' }]);
    const paths = writeSetAtomic(d, [{ rel: 'r.md', data: 'new' }, { rel: 'r.json', data: '{}' }, { rel: 'r/a.svg', data: '<svg/>' }]);
    expect(paths).toEqual([join(d, 'r.md'), join(d, 'r.json'), join(d, 'r', 'a.svg')]);
    expect(list(d)).toEqual(['r.json', 'r.md', 'r/a.svg']);
    expect(readFileSync(join(d, 'r.md'), 'utf8')).toBe('new');
  });

  it('a folder in the way of a file fails before anything is replaced', () => {
    const d = join(dir, 'blocked');
    writeSetAtomic(d, [{ rel: 'r.md', data: 'kept' }, { rel: 'r/a.svg', data: '<svg/>' }]);
    writeFileAtomic(join(d, 'r.csv', 'inside'), 'x');
    expect(() => writeSetAtomic(d, [{ rel: 'r.md', data: 'new' }, { rel: 'r.csv', data: 'a,b' }, { rel: 'r/b.svg', data: '<svg/>' }])).toThrow(/r\.csv: cannot write the output set \(EISDIR\); nothing was written/);
    expect(list(d)).toEqual(['r.csv/inside', 'r.md', 'r/a.svg']);
    expect(readFileSync(join(d, 'r.md'), 'utf8')).toBe('kept');
  });

  it('an abort before the renames writes nothing', () => {
    const d = join(dir, 'aborted');
    expect(writeSetAtomic(d, [{ rel: 'r.md', data: 'x' }], () => true)).toEqual([]);
    expect(list(d)).toEqual([]);
  });

  it('refuses an empty folder and paths that leave it', () => {
    expect(() => writeSetAtomic('', [{ rel: 'a', data: '' }])).toThrow(/output folder is empty/);
    expect(() => writeSetAtomic(join(dir, 'esc'), [{ rel: '../a', data: '' }])).toThrow(/bad relative path/);
  });
});

describe('write counters shared with the CLI main thread (Ctrl-C waits for a write)', () => {
  it('count writes done and none left in progress, also when a write fails', async () => {
    const { setWriteGuard } = await import('./write-atomic.js');
    const counters = new Int32Array(new SharedArrayBuffer(8));
    setWriteGuard(counters);
    try {
      writeFileAtomic(join(dir, 'guard', 'a.txt'), 'a');
      writeSetAtomic(join(dir, 'guard-set'), [{ rel: 'x.md', data: 'x' }]);
      expect(() => writeFileAtomic(join(dir, 'guard', 'a.txt', 'under-a-file'), 'b')).toThrow(ChipboundError);
      expect([...counters]).toEqual([0, 3]);
    } finally {
      setWriteGuard(null);
    }
  });
});
