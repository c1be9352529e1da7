/** Resolves a command-line chip/model argument: a catalog id or a path to the user's YAML/JSON file. */
import { existsSync } from 'node:fs';
import type { Chip, Model } from '../core/catalog/schemas.js';
import { getChip, getModel } from '../core/catalog/catalog.js';
import { checkModel } from './limits.js';

/**
 * A file reference by its form, as in scenarios (core/scenario/schema.ts isFileRef, repeated
 * here so that resolving a catalog id does not load zod; resolve.test.ts checks they agree).
 */
export function isFileRefForm(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(ya?ml|json)$/i.test(ref);
}

/** A file reference by its form, or any existing path. */
export function looksLikePath(arg: string): boolean {
  return isFileRefForm(arg) || existsSync(arg);
}

let files: typeof import('./resolve-files.js') | null = null;

/** Loads the file readers (zod, YAML); main.ts calls it when an argument looks like a path. */
export async function loadFileReaders(): Promise<void> {
  files ??= await import('./resolve-files.js');
}

/** Whether any command-line argument (or the value of `--flag=value`) looks like a path. */
export function argvNamesFiles(argv: readonly string[]): boolean {
  return argv.some((a) => looksLikePath(a) || (a.startsWith('--') && a.includes('=') && looksLikePath(a.slice(a.indexOf('=') + 1))));
}

function readers(): typeof import('./resolve-files.js') {
  if (!files) throw new Error('file readers not loaded: call loadFileReaders() first (main does when an argument looks like a path)');
  return files;
}

/**
 * Whether `arg` names a file: it exists, or ends in .yaml/.yml/.json, or has a slash and is not
 * a catalog name (a Hugging Face repo id such as `meta-llama/Llama-3.1-8B` is a name).
 */
function namesFile(arg: string, isName: (a: string) => boolean): boolean {
  if (existsSync(arg) || /\.(ya?ml|json)$/i.test(arg)) return true;
  return isFileRefForm(arg) && !isName(arg);
}

const resolves = (get: (a: string) => unknown) => (a: string) => {
  try {
    get(a);
    return true;
  } catch {
    return false;
  }
};

/** A chip from a catalog id, a forgiving name (core/catalog/names.ts) or a file. */
export function resolveChip(arg: string): Chip {
  return namesFile(arg, resolves(getChip)) ? readers().loadChipFile(arg) : getChip(arg);
}

/** A model from a catalog id, a forgiving name a model file or a Hugging Face config.json (a user's model is refused above MAX_PARAMS: limits.ts). */
export function resolveModel(arg: string): Model {
  if (!namesFile(arg, resolves(getModel))) return getModel(arg);
  const m = readers().loadModelFile(arg);
  checkModel(m);
  return m;
}
