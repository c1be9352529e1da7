/** A small YAML writer for emitted override files: sections of scalars/lists, each line commented with its origin. */
import type { LaunchOption } from './types.js';

/** A scalar or flow list as YAML (strings double-quoted when needed). */
export function yamlValue(v: LaunchOption['value']): string {
  if (Array.isArray(v)) return `[${(v as readonly string[]).map((x) => yamlValue(x)).join(', ')}]`;
  if (typeof v === 'string') return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(v) && !/^(true|false|null|yes|no|on|off)$/i.test(v) ? v : JSON.stringify(v);
  return String(v);
}

/** Renders dotted options (`section.key` or `a.b.key`) as nested YAML with `# from` comments, in option order. */
export function yamlLines(options: readonly LaunchOption[]): string[] {
  const out: string[] = [];
  const open: string[] = [];
  for (const o of options) {
    const path = o.key.split('.');
    const leaf = path.pop()!;
    let common = 0;
    while (common < open.length && common < path.length && open[common] === path[common]) common++;
    open.length = common;
    for (let i = common; i < path.length; i++) {
      out.push(`${'  '.repeat(i)}${path[i]}:`);
      open.push(path[i]);
    }
    out.push(`${'  '.repeat(path.length)}${leaf}: ${yamlValue(o.value)}  # ${o.from}`);
  }
  return out;
}
