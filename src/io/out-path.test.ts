/** Output paths refused before any work (issue #14): special file systems, files in the way, links into /proc. */
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutPath, makeFolders } from './out-path.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-outpath-'));

describe('checkOutPath', () => {
  it('accepts a new folder or file under a writable one', () => {
    expect(() => checkOutPath('--out', join(dir, 'a', 'b'), 'folder')).not.toThrow();
    expect(() => checkOutPath('--save', join(dir, 'c', 'd.yaml'), 'file')).not.toThrow();
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('refuses an empty path, a file where a folder goes and a folder where a file goes', () => {
    expect(() => checkOutPath('--out', ' ', 'folder')).toThrow(/--out: expected a folder, got an empty path/);
    const f = join(dir, 'plain.txt');
    writeFileSync(f, 'x');
    expect(() => checkOutPath('--out', f, 'folder')).toThrow(/it is a file, not a folder/);
    expect(() => checkOutPath('--out', join(f, 'sub'), 'folder')).toThrow(/plain\.txt is a file, not a folder/);
    expect(() => checkOutPath('--save', dir, 'file')).toThrow(/--save '.*': cannot write here: it is a folder, not a file/);
  });

  it('refuses /proc, /sys, /dev and links into them, without hanging', () => {
    expect(() => checkOutPath('--out', '/proc/x/y', 'folder')).toThrow(/--out '\/proc\/x\/y': cannot write here: \/proc is a special file system/);
    expect(() => checkOutPath('--out', '/sys/x', 'folder')).toThrow(/\/sys is a special file system/);
    expect(() => checkOutPath('--svg', '/dev/stdout', 'file')).toThrow(/\/dev is a special file system/);
    const link = join(dir, 'to-dev');
    symlinkSync('/dev', link);
    expect(() => checkOutPath('--out', join(link, 'x'), 'folder')).toThrow(/to-dev leads into \/dev/);
    expect(() => makeFolders('/proc/x/y')).toThrow(/special file system/);
  });
});

describe('makeFolders', () => {
  it('creates every missing level', () => {
    makeFolders(join(dir, 'm', 'n', 'o'));
    expect(existsSync(join(dir, 'm', 'n', 'o'))).toBe(true);
    makeFolders(join(dir, 'm', 'n', 'o'));
  });
});
