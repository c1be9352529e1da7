/**
 * Dotted field paths of a zod schema (`tflops.fp8`, `moe.expertFfnHidden`), for the lists that
 * name fields of their own record (`estimated`, `unverified`, `derivedDense`): an entry that
 * names no field (`dieAreaMM2`) is an error with the nearest path, not a silent no-op.
 */
import type { z } from 'zod';
import { nearestKey } from './strict.js';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every dotted path of object fields in `schema` (lists are not entered: a path names the list). */
export function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  const d = defOf(schema);
  if (d.shape) {
    const out: string[] = [];
    for (const [k, v] of Object.entries(d.shape)) out.push(`${prefix}${k}`, ...fieldPaths(v, `${prefix}${k}.`));
    return out;
  }
  if (d.innerType) return fieldPaths(d.innerType, prefix);
  if (d.type === 'pipe') return [...(d.in ? fieldPaths(d.in, prefix) : []), ...(d.out ? fieldPaths(d.out, prefix) : [])];
  if (d.options) return d.options.flatMap((o) => fieldPaths(o, prefix));
  return [];
}

/** Issues (`estimated.1: 'dieAreaMM2' is not a field (did you mean 'dieAreaMm2'?)`) for list entries that name no field path. */
export function fieldPathIssues(value: Record<string, unknown>, lists: readonly string[], paths: readonly string[]): { path: (string | number)[]; message: string }[] {
  const known = new Set(paths);
  const out: { path: (string | number)[]; message: string }[] = [];
  for (const list of lists) {
    const entries = value[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((e, i) => {
      if (typeof e !== 'string' || known.has(e)) return;
      const near = nearestKey(e, paths);
      out.push({ path: [list, i], message: `'${e}' is not a field path of this record${near ? ` (did you mean '${near}'?)` : ''}; list dotted field paths such as ${paths.filter((p) => p.includes('.')).slice(0, 2).join(', ') || paths[0]}` });
    });
  }
  return out;
}
