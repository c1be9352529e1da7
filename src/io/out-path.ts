/**
 * Output paths (`--out`, `--save`, `--svg`) are checked before any work and before anything is
 * created: Node's recursive mkdir loops forever on a path inside /proc (mkdir there answers
 * ENOENT, which the recursive walk retries), so folders are made one level at a time from the
 * deepest existing ancestor, and a path inside a special file system (/proc, /sys, /dev), under
 * a file, or in a folder the user cannot write is refused at once with the flag and the reason
 * (docs/errors.md "Errors and exit codes").
 */
import { accessSync, constants, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { ChipboundError } from '../core/errors.js';

/** File systems that are not storage: writing a report there is always a mistake. */
const SPECIAL = ['/proc', '/sys', '/dev'];

function statOrNull(p: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** The special file system `abs` lies in ('/proc'), or null. */
function specialRoot(abs: string): string | null {
  if (sep !== '/') return null;
  return SPECIAL.find((r) => abs === r || abs.startsWith(`${r}/`)) ?? null;
}

/**
 * Why a folder cannot be created or written (`abs`: absolute path), or null when it can: the
 * deepest existing ancestor must be a writable folder, and no ancestor may be a file.
 */
function folderProblem(abs: string): string | null {
  const special = specialRoot(abs);
  if (special) return `${special} is a special file system, not a place for files`;
  let p = abs;
  for (;;) {
    const st = statOrNull(p);
    if (st) {
      if (!st.isDirectory()) return p === abs ? 'it is a file, not a folder' : `${p} is a file, not a folder`;
      // A link into a special file system (`ln -s /proc/self out`).
      const real = specialRoot(realOrSelf(p));
      if (real) return `${p} leads into ${real}, a special file system, not a place for files`;
      try {
        accessSync(p, constants.W_OK | constants.X_OK);
      } catch (e) {
        return `${p === abs ? 'the folder' : p} is not writable (${(e as { code?: string }).code ?? 'EACCES'})`;
      }
      return null;
    }
    const up = dirname(p);
    if (up === p) return `${p} does not exist`;
    p = up;
  }
}

/**
 * Refuses an output path that cannot be written, before any work: exit 2 (`usage`) with one
 * line naming the flag (`--out '/proc/x': /proc is a special file system, not a place for
 * files`). `kind` says whether the path is a folder to write into or a file to write.
 */
export function checkOutPath(flag: string, path: string, kind: 'folder' | 'file'): void {
  if (path.trim() === '') throw new ChipboundError('usage', `${flag}: expected a ${kind === 'folder' ? 'folder' : 'file path'}, got an empty path`);
  const abs = resolve(path);
  let why: string | null;
  if (kind === 'file') {
    const st = statOrNull(abs);
    why = st?.isDirectory() ? 'it is a folder, not a file' : specialRoot(abs) ? `${specialRoot(abs)} is a special file system, not a place for files` : folderProblem(dirname(abs));
  } else {
    why = folderProblem(abs);
  }
  if (why) throw new ChipboundError('usage', `${flag} '${path}': cannot write here: ${why}`);
}

/**
 * mkdir -p without Node's recursive mode (which hangs inside /proc): checks the path as
 * checkOutPath does, then creates each missing level on its own. Throws the fs error (with its
 * code) or an Error with code ENOTDIR/EACCES/EPERM for a refused path.
 */
export function makeFolders(dir: string): void {
  const abs = resolve(dir);
  const why = folderProblem(abs);
  if (why) throw Object.assign(new Error(why), { code: /not writable/.test(why) ? 'EACCES' : /special/.test(why) ? 'EPERM' : 'ENOTDIR', path: dir });
  const missing: string[] = [];
  for (let p = abs; !statOrNull(p); p = dirname(p)) missing.unshift(p);
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
}
