import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChipboundError } from '../core/errors.js';
import { writeFileAtomic } from './write-atomic.js';

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
