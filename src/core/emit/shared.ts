/** Helpers shared by the emitters: node counts, layer splits, shell quoting, placeholders. */
import type { Model } from '../catalog/schemas.js';
import type { Plan } from '../train/types.js';
import type { LaunchOption } from './types.js';

/** Nodes for `gpus` accelerators at `perNode` each (the last node may be partly used). */
export function nodeCount(gpus: number, perNode: number): number {
  return Math.ceil(gpus / Math.max(1, Math.min(perNode, gpus)));
}

/** GPUs per node actually used (perNode, at most gpus). */
export function gpusOnNode(gpus: number, perNode: number): number {
  return Math.max(1, Math.min(perNode, gpus));
}

/**
 * Layers per pipeline stage (pp <= layers): `even` when pp divides the layers; otherwise the middle
 * stages get ceil(L/pp) and the last stage the rest (Megatron's --decoder-last-pipeline-num-layers);
 * when that leaves the last stage empty, the first and last stages share the rest; failing that,
 * floor(L/pp) per stage and the first stage the rest.
 */
export function stageSplit(layers: number, pp: number): { even: boolean; perStage: number; first: number; last: number } {
  if (layers % pp === 0) return { even: true, perStage: layers / pp, first: layers / pp, last: layers / pp };
  const up = Math.ceil(layers / pp);
  const last = layers - up * (pp - 1);
  if (last >= 1) return { even: false, perStage: up, first: up, last };
  const rest = layers - up * (pp - 2);
  if (pp >= 3 && rest >= 2) return { even: false, perStage: up, first: Math.ceil(rest / 2), last: Math.floor(rest / 2) };
  const down = Math.floor(layers / pp);
  return { even: false, perStage: down, first: layers - down * (pp - 1), last: down };
}

/** Iterations for `tokens` at globalBatch·seq tokens each (rounded up). */
export function iterations(tokens: number, globalBatch: number, seq: number): number {
  return Math.ceil(tokens / (globalBatch * seq));
}

/** A value quoted for POSIX sh when it needs it. */
export function shQuote(v: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/** The shell words of one option (`--flag`, `--flag value`, `--flag a b`). Placeholders `$X` stay double-quoted. */
export function optionWords(o: LaunchOption): string[] {
  if (o.value === true) return [o.key];
  if (o.value === false) return [];
  const vals = Array.isArray(o.value) ? (o.value as readonly string[]) : [String(o.value)];
  return [o.key, ...vals.map((v) => (v.startsWith('$') ? `"${v}"` : shQuote(v)))];
}

/** Renders options as lines of a bash array, each with a `# from` comment. */
export function bashArrayLines(options: readonly LaunchOption[], indent = '  '): string[] {
  const words = options.map((o) => optionWords(o).join(' ')).filter(Boolean);
  const width = Math.max(0, ...words.map((w) => w.length));
  const out: string[] = [];
  for (const o of options) {
    const w = optionWords(o).join(' ');
    if (w) out.push(`${indent}${w.padEnd(width)}  # ${o.from}`);
  }
  return out;
}

/** A one-line description of the model for file headers. */
export function modelLine(m: Model): string {
  return `${m.name} (${m.id})`;
}

/** Shell lines that stop with a clear message when a placeholder variable is not set. */
export function placeholderGuards(ph: readonly { name: string; what: string }[]): string[] {
  return ph.map((p) => `: "\${${p.name}:?PLACEHOLDER: set ${p.name} to ${p.what} (chipbound does not choose it)}"`);
}

/** The plan in one line (`tp8 pp16 dp128 ... mb1 selective recompute zero1 bf16`). */
export function planSummary(p: Plan & { readonly etp?: number }): string {
  const parts = [`tp${p.tp}`, `pp${p.pp}`, `dp${p.dp}`];
  if (p.cp > 1) parts.push(`cp${p.cp}`);
  if (p.ep > 1) parts.push(`ep${p.ep}`);
  if (p.etp !== undefined) parts.push(`etp${p.etp}`);
  if (p.pp > 1) parts.push(p.schedule + (p.vpp > 1 ? `×${p.vpp}` : ''));
  parts.push(`mb${p.microBatch}`, `${p.recompute} recompute`, `zero${p.zero}`, p.precision, p.sequenceParallel ? 'sp' : 'no-sp');
  return parts.join(' ');
}

/** Framework profile families: which public launcher each profile id corresponds to. */
const frameworkFamily: Readonly<Record<string, 'megatron' | 'nemo' | 'torchtitan' | 'deepspeed' | 'in-house'>> = {
  'megatron-deepspeed-2021': 'deepspeed',
  'megatron-deepspeed-2022': 'deepspeed',
  'deepspeed-zero3-2021': 'deepspeed',
  'megatron-lm-2022': 'megatron',
  'megatron-lm-2023': 'megatron',
  'megatron-lm-2024': 'megatron',
  'nemo-2024': 'nemo',
  'torchtitan-2024': 'torchtitan',
  'hai-llm-2024': 'in-house',
};

/** A note when the plan's framework profile is not the emitted target's own family (empty otherwise). */
export function frameworkNotes(target: 'megatron' | 'nemo' | 'torchtitan', framework: string | undefined): string[] {
  if (framework === undefined) return [`no --framework profile chosen: the plan was evaluated with chipbound's default framework assumptions`];
  const fam = frameworkFamily[framework];
  if (fam === undefined) return [`framework profile '${framework}' is not one the emitters know; options are those of the target version`];
  if (fam === target || (fam === 'megatron' && target === 'nemo') || (fam === 'nemo' && target === 'megatron')) return [];
  if (fam === 'in-house') return [`framework profile '${framework}' is an in-house framework with no public launcher: this ${target} configuration is the nearest public equivalent of the plan`];
  return [`the plan was evaluated with the '${framework}' profile (${fam}); this is its ${target} equivalent, whose overlap and kernels differ`];
}
