/**
 * Atomic file output: the data goes to a temporary file in the target's folder, which is then
 * renamed over the target (rename is atomic within one file system on POSIX), so a failed or
 * interrupted run never leaves a half-written report behind.
 */
import { lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ChipboundError } from '../core/errors.js';
import { makeFolders } from './out-path.js';

/**
 * Shared with the CLI's main thread when the command runs in a worker (src/cli/thread.ts):
 * slot 0 counts writes in progress, slot 1 writes done. Ctrl-C during or after a write lets the
 * command finish (its writes are its last step) instead of ending it with a temporary file left
 * behind or a file written under a message that says nothing was.
 */
let writeGuard: Int32Array | null = null;

/** Sets (or clears) the shared write counters (thread-worker.ts). */
export function setWriteGuard(counters: Int32Array | null): void {
  writeGuard = counters;
}

function guarded<T>(fn: () => T): T {
  if (writeGuard) Atomics.add(writeGuard, 0, 1);
  try {
    return fn();
  } finally {
    if (writeGuard) {
      Atomics.add(writeGuard, 1, 1);
      Atomics.sub(writeGuard, 0, 1);
    }
  }
}

/** Writes `data` to `path` atomically, creating the folder if needed; ChipboundError('io') on failure. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  guarded(() => writeFileAtomicNow(path, data));
}

function writeFileAtomicNow(path: string, data: string | Uint8Array): void {
  if (path.trim() === '') throw new ChipboundError('io', 'output path is empty');
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    makeFolders(dir);
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The temporary file may not exist (mkdir failed); nothing to clean.
    }
    const code = (e as { code?: string }).code;
    throw new ChipboundError('io', `${path}: cannot write (${code ?? (e instanceof Error ? e.message.split('\n')[0] : 'error')})`);
  }
}

/** One file of an output set: its path relative to the set's folder, and its contents. */
export interface SetFile {
  readonly rel: string;
  readonly data: string | Uint8Array;
}

/**
 * Writes a set of files under `dir` as one unit: every file goes into a temporary folder
 * inside `dir` first; only when all are written are the set's top-level entries (files and
 * folders) renamed into place, each old entry moved aside first and put back if a later rename
 * fails. A failure (a directory in the way, a full disk) or `abort()` returning true before the
 * renames leaves `dir` as it was. Returns the final paths. ChipboundError('io') on failure.
 */
export function writeSetAtomic(dir: string, files: readonly SetFile[], abort: () => boolean = () => false): string[] {
  return guarded(() => writeSetAtomicNow(dir, files, abort));
}

function writeSetAtomicNow(dir: string, files: readonly SetFile[], abort: () => boolean): string[] {
  if (dir.trim() === '') throw new ChipboundError('io', 'output folder is empty');
  const tops = [...new Set(files.map((f) => topOf(f.rel)))];
  let stage = '';
  const moved: { target: string; backup: string }[] = [];
  const placed: string[] = [];
  try {
    makeFolders(dir);
    stage = mkdtempSync(join(dir, '.chipbound-out-'));
    for (const f of files) {
      const p = join(stage, 'new', f.rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.data);
    }
    // Refuse before touching anything: a target of the other kind (a folder where a file goes).
    for (const t of tops) {
      const target = join(dir, t);
      const isDir = statSync(join(stage, 'new', t)).isDirectory();
      const old = lstatOrNull(target);
      if (old && old.isDirectory() !== isDir) throw Object.assign(new Error(`${target}: a ${old.isDirectory() ? 'folder' : 'file'} is in the way`), { code: old.isDirectory() ? 'EISDIR' : 'ENOTDIR', path: target });
    }
    if (abort()) return [];
    mkdirSync(join(stage, 'old'));
    for (const [i, t] of tops.entries()) {
      const target = join(dir, t);
      if (lstatOrNull(target)) {
        const backup = join(stage, 'old', String(i));
        renameSync(target, backup);
        moved.push({ target, backup });
      }
      renameSync(join(stage, 'new', t), target);
      placed.push(target);
    }
    return files.map((f) => join(dir, f.rel));
  } catch (e) {
    // Roll back: remove what was placed, put the old entries back.
    for (const p of placed) rmSync(p, { recursive: true, force: true });
    for (const m of moved.reverse()) {
      try {
        renameSync(m.backup, m.target);
      } catch {
        // Left in the staging folder, which is kept below so nothing is lost.
        stage = '';
      }
    }
    const code = (e as { code?: string }).code;
    const where = (e as { path?: string }).path ?? dir;
    throw new ChipboundError('io', `${where}: cannot write the output set (${code ?? (e instanceof Error ? e.message.split('\n')[0] : 'error')}); nothing was written`);
  } finally {
    if (stage) rmSync(stage, { recursive: true, force: true });
  }
}

function topOf(rel: string): string {
  const parts = rel.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new ChipboundError('io', `output set: bad relative path '${rel}'`);
  return parts[0];
}

function lstatOrNull(p: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}
