/**
 * Atomic file output: the data goes to a temporary file in the target's folder, which is then
 * renamed over the target (rename is atomic within one file system on POSIX), so a failed or
 * interrupted run never leaves a half-written report behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ChipboundError } from '../core/errors.js';

/** Writes `data` to `path` atomically, creating the folder if needed; ChipboundError('io') on failure. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  if (path.trim() === '') throw new ChipboundError('io', 'output path is empty');
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
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
