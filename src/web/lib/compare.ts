/**
 * The chips of a comparison (the `compare` URL parameter: catalog ids, comma-separated), shared
 * by the Train and Serve views, and the preset the issue asks for (a Hopper and its export-control
 * variants against Huawei's answer).
 */
import type { Chip } from '../../core/catalog/schemas.js';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { shortName } from '../charts/controls-chart.js';
import { defaultFrameworkId, isFrameworkId, type FrameworkId } from '../../core/frameworks/profiles.js';
import { isEngineId, type EngineId } from '../../core/infer/engines.js';
import { parsePlan, type PlanNotation } from '../../core/plan-notation.js';
import type { Plan } from '../../core/train/types.js';

/** H100 vs H800 vs H20 vs Ascend 910B. */
export const COMPARE_PRESET = ['nvidia-h100-sxm5-80gb', 'nvidia-h800-sxm5-80gb', 'nvidia-h20', 'huawei-ascend-910b'] as const;

/** At most this many chips on one chart (distinct colours, readable bars). */
export const MAX_COMPARE = 8;

/** The ids of a comma-separated URL parameter that `isKnown` accepts, in order and without duplicates (and not `skip`), and the ones it rejects. */
function splitIds<T extends string>(param: string | undefined, isKnown: (id: string) => id is T, skip?: string): { ids: T[]; unknown: string[] } {
  const ids: T[] = [];
  const unknown: string[] = [];
  for (const raw of (param ?? '').split(',')) {
    const id = raw.trim();
    if (!id) continue;
    if (!isKnown(id)) unknown.push(id);
    else if (id !== skip && !ids.includes(id)) ids.push(id);
  }
  return { ids, unknown };
}

/** The ids in `compare=` that name catalog chips, without duplicates, and the ones that do not. */
export function compareIds(param: string | undefined): { ids: string[]; unknown: string[] } {
  const known = new Set(builtinCatalog().chips.map((c) => c.id));
  const { ids, unknown } = splitIds(param, (id): id is string => known.has(id));
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

/*
 * Compare series beyond chips (issue 17: "several chips (and plans or engines) on the same
 * charts"). Train: the view's job on other chips, under other framework profiles
 * (`compare-fw=`, as `chipbound train --framework`), or with other fixed plan fields
 * (`compare-plan=`, plan notation texts separated by ';', as `chipbound train --plan`). Serve:
 * engine profiles (`engines=`, as `chipbound infer --engine`) on the view's chip and layout.
 */

/** One series of the Train comparison: a job variant searched with searchPlans. */
export interface TrainSeries {
  /** Stable key: the chip id (chip series and the view's own), `fw:<id>` or `plan:<text>`. */
  readonly key: string;
  readonly kind: 'view' | 'chip' | 'framework' | 'plan';
  /** Chart and table label, unique within the comparison. */
  readonly label: string;
  readonly chip: Chip;
  readonly framework: FrameworkId;
  /** Fixed plan fields (the view's, overridden by the series' plan text). */
  readonly fixed: Partial<Plan>;
}

/** Framework ids of `compare-fw=` (known, deduplicated, not the view's own) and the unknown ones. */
export function compareFrameworks(param: string | undefined, main: FrameworkId): { ids: FrameworkId[]; unknown: string[] } {
  return splitIds(param, isFrameworkId, main);
}

/** Canonical order of a partial plan's tokens (the order formatPlan prints). */
export function partialPlanText(n: PlanNotation): string {
  const parts: string[] = [];
  for (const [k, t] of [['tp', 'tp'], ['pp', 'pp'], ['dp', 'dp'], ['cp', 'cp'], ['ep', 'ep'], ['etp', 'etp'], ['vpp', 'vpp'], ['microBatch', 'mb']] as const) if (n[k] !== undefined) parts.push(`${t}${n[k]}`);
  if (n.zero !== undefined) parts.push(`zero${n.zero}`);
  if (n.recompute !== undefined) parts.push(`rc:${n.recompute}`);
  if (n.sequenceParallel !== undefined) parts.push(`sp:${n.sequenceParallel ? 'on' : 'off'}`);
  if (n.precision !== undefined) parts.push(n.precision);
  if (n.schedule !== undefined) parts.push(n.schedule);
  return parts.join(' ');
}

/** The plans of `compare-plan=` (';'-separated plan notation), each parsed by the core's parsePlan, and the texts it rejects with its message. */
export function comparePlans(param: string | undefined): { plans: { text: string; fields: PlanNotation }[]; errors: string[] } {
  const plans: { text: string; fields: PlanNotation }[] = [];
  const errors: string[] = [];
  for (const raw of (param ?? '').split(';')) {
    if (!raw.trim()) continue;
    try {
      const fields = parsePlan(raw, 'compare-plan');
      const text = partialPlanText(fields);
      if (!plans.some((p) => p.text === text)) plans.push({ text, fields });
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { plans, errors };
}

/**
 * The series of the Train comparison, at most MAX_COMPARE: the view's own job first, then the
 * other chips, the other frameworks and the plans of the URL. A label names what differs from
 * the view's job ("H800", "H100 · nemo-2024", "H100 · tp4 pp2"); the view's own series names
 * its framework or fixed plan too when frameworks or plans are compared.
 */
export function trainSeries(job: { readonly chip: Chip; readonly framework?: FrameworkId }, fixed: Partial<Plan>, params: Readonly<Record<string, string | undefined>>): TrainSeries[] {
  const main = job.framework ?? defaultFrameworkId;
  const chips = compareChips(job.chip, params.compare);
  const labels = chipLabels(chips);
  const fws = compareFrameworks(params['compare-fw'], main).ids;
  const plans = comparePlans(params['compare-plan']).plans;
  const own = labels.get(job.chip.id)!;
  const fixedText = partialPlanText(fixed as PlanNotation);
  const ownLabel = [own, ...(fws.length ? [main] : []), ...(plans.length ? [fixedText || 'plan searched'] : [])].join(' · ');
  const out: TrainSeries[] = [{ key: job.chip.id, kind: 'view', label: ownLabel, chip: job.chip, framework: main, fixed }];
  for (const c of chips.slice(1)) out.push({ key: c.id, kind: 'chip', label: labels.get(c.id)!, chip: c, framework: main, fixed });
  for (const fw of fws) out.push({ key: `fw:${fw}`, kind: 'framework', label: `${own} · ${fw}`, chip: job.chip, framework: fw, fixed });
  for (const p of plans) {
    const merged = { ...fixed, ...(p.fields as Partial<Plan>) };
    const label = `${own} · ${partialPlanText(merged as PlanNotation)}`;
    if (out.some((s) => s.label === label)) continue;
    out.push({ key: `plan:${p.text}`, kind: 'plan', label, chip: job.chip, framework: main, fixed: merged });
  }
  return out.slice(0, MAX_COMPARE);
}

/** Engine ids of `engines=` (known, deduplicated) and the unknown ones. */
export function compareEngines(param: string | undefined): { ids: EngineId[]; unknown: string[] } {
  const { ids, unknown } = splitIds(param, isEngineId);
  return { ids: ids.slice(0, MAX_COMPARE), unknown };
}
