/**
 * The chips of a comparison (the `compare` URL parameter: catalog ids, comma-separated), shared
 * by the Train and Serve views, and the preset the issue asks for (a Hopper and its export-control
 * variants against Huawei's answer).
 */
import type { Chip } from '../../core/catalog/schemas.js';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { shortName } from '../charts/controls-chart.js';

/** H100 vs H800 vs H20 vs Ascend 910B. */
export const COMPARE_PRESET = ['nvidia-h100-sxm5-80gb', 'nvidia-h800-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b'] as const;

/** At most this many chips on one chart (distinct colours, readable bars). */
export const MAX_COMPARE = 8;

/** The ids in `compare=` that name catalog chips, without duplicates, and the ones that do not. */
export function compareIds(param: string | undefined): { ids: string[]; unknown: string[] } {
  const known = new Set(builtinCatalog().chips.map((c) => c.id));
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const raw of (param ?? '').split(',')) {
    const id = raw.trim();
    if (!id) continue;
    if (!known.has(id)) unknown.push(id);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids: ids.slice(0, MAX_COMPARE), unknown };
}

/** The chips compared: the view's own chip first, then the others of `compare=`. */
export function compareChips(main: Chip, param: string | undefined): Chip[] {
  const cat = builtinCatalog();
  const rest = compareIds(param).ids.filter((id) => id !== main.id).map((id) => cat.chips.find((c) => c.id === id)!);
  return [main, ...rest].slice(0, MAX_COMPARE);
}

/** Short, distinct chart labels ("H100 SXM5 80GB", "H20"). */
export function chipLabels(chips: readonly Chip[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of chips) {
    let l = shortName(c.name);
    if ([...out.values()].includes(l)) l = `${l} (${c.id})`;
    out.set(c.id, l);
  }
  return out;
}
