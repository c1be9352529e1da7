/**
 * Forgiving names for catalog chips and models (issue 15). A name given on the command line,
 * in the library or in the web app resolves, in this order, to:
 *   1. the catalog id, exactly;
 *   2. the id, case-insensitively (spaces and underscores read as hyphens: `H100_SXM5` ~ `h100-sxm5`);
 *   3. an alias: the documented table below (short names, regularized ids, Hugging Face repo ids),
 *      the entry's display name (`NVIDIA H100 SXM5 80GB`), the id without its vendor prefix
 *      (`mi300x`, `ascend-910b`), and for models the name after a Hugging Face organisation
 *      (`meta-llama/Llama-3.1-8B` -> `llama-3.1-8b`);
 *   4. a unique prefix of an id or alias (`gaudi3` -> `intel-gaudi3-oam`).
 * When a prefix fits several entries the error lists them (ambiguity); when nothing fits it
 * names the nearest ids. Catalog ids are not renamed (other work edits data/): the regular forms
 * (`nvidia-h20-96gb`, `nvidia-h200-sxm5-141gb`, `nvidia-b200-sxm-180gb`, `nvidia-gb200-nvl72`)
 * are aliases of the current ids. The table is docs/names.md.
 */
import { ChipboundError } from '../errors.js';
import { nearestIds } from './nearest.js';

/** Documented aliases: normalized alias -> catalog id. Chips. */
export const CHIP_ALIASES: Readonly<Record<string, string>> = {
  // Short names: the part a buyer means by the bare name.
  h100: 'nvidia-h100-sxm5-80gb',
  'nvidia-h100': 'nvidia-h100-sxm5-80gb',
  'h100-sxm': 'nvidia-h100-sxm5-80gb',
  h800: 'nvidia-h800-sxm5-80gb',
  'nvidia-h800': 'nvidia-h800-sxm5-80gb',
  h20: 'nvidia-h20',
  h200: 'nvidia-h200-sxm-141gb',
  'nvidia-h200': 'nvidia-h200-sxm-141gb',
  a100: 'nvidia-a100-sxm4-80gb',
  'nvidia-a100': 'nvidia-a100-sxm4-80gb',
  a800: 'nvidia-a800-sxm4-80gb',
  b200: 'nvidia-b200-hgx',
  'nvidia-b200': 'nvidia-b200-hgx',
  b300: 'nvidia-b300-hgx',
  gb200: 'nvidia-gb200-per-gpu',
  gh200: 'nvidia-gh200-96gb',
  v100: 'nvidia-v100-sxm2-32gb',
  '4090': 'nvidia-rtx-4090',
  '910b': 'huawei-ascend-910b',
  '910c': 'huawei-ascend-910c',
  mi300x: 'amd-mi300x',
  mi308x: 'amd-mi308x',
  mi325x: 'amd-mi325x',
  'tpu-v5p': 'google-tpu-v5p',
  trillium: 'google-tpu-v6e',
  trn2: 'aws-trainium2',
  gaudi3: 'intel-gaudi3-oam',
  // Regularized ids (vendor-part-formfactor-memory), aliases of the current ids.
  'nvidia-h20-96gb': 'nvidia-h20',
  'nvidia-h20-hgx-96gb': 'nvidia-h20',
  'nvidia-h20-hgx-141gb': 'nvidia-h20-141gb',
  'nvidia-h200-sxm5-141gb': 'nvidia-h200-sxm-141gb',
  'nvidia-b200-sxm-180gb': 'nvidia-b200-hgx',
  'nvidia-b300-sxm-288gb': 'nvidia-b300-hgx',
  'nvidia-gb200-nvl72': 'nvidia-gb200-per-gpu',
  'nvidia-gb200-186gb': 'nvidia-gb200-per-gpu',
  'huawei-ascend-910b-64gb': 'huawei-ascend-910b',
};

/** Documented aliases: normalized alias -> catalog id. Models (Hugging Face repo ids included). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  'meta-llama/llama-3.1-8b': 'llama-3.1-8b',
  'meta-llama/llama-3.1-70b': 'llama-3.1-70b',
  'meta-llama/llama-3.1-405b': 'llama-3.1-405b',
  'meta-llama/meta-llama-3.1-8b': 'llama-3.1-8b',
  'meta-llama/meta-llama-3.1-70b': 'llama-3.1-70b',
  'meta-llama/meta-llama-3.1-405b': 'llama-3.1-405b',
  'meta-llama/llama-2-7b-hf': 'llama-2-7b',
  'meta-llama/llama-2-13b-hf': 'llama-2-13b',
  'meta-llama/llama-2-70b-hf': 'llama-2-70b',
  'deepseek-ai/deepseek-v3': 'deepseek-v3',
  'deepseek-ai/deepseek-v3-base': 'deepseek-v3',
  'deepseek-ai/deepseek-r1': 'deepseek-r1',
  'deepseek-ai/deepseek-v2': 'deepseek-v2',
  'qwen/qwen2.5-72b': 'qwen2.5-72b',
  'qwen/qwq-32b': 'qwq-32b',
  'qwen/qwen3-235b-a22b': 'qwen3-235b-a22b',
  'mistralai/mixtral-8x7b-v0.1': 'mixtral-8x7b',
  'mistralai/mixtral-8x22b-v0.1': 'mixtral-8x22b',
  'mistralai/mistral-7b-v0.1': 'mistral-7b',
  'tencent/tencent-hunyuan-large': 'hunyuan-large',
  'huggingfacetb/smollm3-3b': 'smollm3-3b',
  llama3: 'llama-3.1-405b',
  'llama-3-405b': 'llama-3.1-405b',
  'llama3.1-405b': 'llama-3.1-405b',
  'llama3.1-70b': 'llama-3.1-70b',
  'llama3.1-8b': 'llama-3.1-8b',
  'gpt-3': 'gpt3-175b',
  'gpt3': 'gpt3-175b',
};

/** Lower case; spaces, underscores and repeated hyphens read as one hyphen. */
export function normalizeName(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_]+/g, '-').replace(/-+/g, '-');
}

interface Entry {
  readonly id: string;
  readonly name?: string;
}

type Kind = 'chip' | 'model';

/** Every alias of every entry: normalized alias -> ids it may mean (documented, display names, vendor-less ids). */
function aliasMap(kind: Kind, entries: readonly Entry[]): Map<string, Set<string>> {
  const ids = new Set(entries.map((e) => e.id));
  const map = new Map<string, Set<string>>();
  const add = (alias: string, id: string) => {
    const a = normalizeName(alias);
    if (!a || !ids.has(id)) return;
    if (!map.has(a)) map.set(a, new Set());
    map.get(a)!.add(id);
  };
  for (const [a, id] of Object.entries(kind === 'chip' ? CHIP_ALIASES : MODEL_ALIASES)) add(a, id);
  for (const e of entries) {
    if (e.name) add(e.name, e.id);
    if (kind === 'chip') {
      const dash = e.id.indexOf('-');
      if (dash > 0) add(e.id.slice(dash + 1), e.id);
    }
  }
  return map;
}

const cache = new WeakMap<readonly Entry[], Map<string, Set<string>>>();

/**
 * The catalog id a name means, or a ChipboundError('unknown_id'): ambiguous (the candidates
 * listed) or unknown (the nearest ids named).
 */
export function resolveName(kind: Kind, query: string, entries: readonly Entry[]): string {
  if (entries.some((e) => e.id === query)) return query;
  const q = normalizeName(query);
  const byId = entries.find((e) => e.id.toLowerCase() === q);
  if (byId) return byId.id;
  let aliases = cache.get(entries);
  if (!aliases) cache.set(entries, (aliases = aliasMap(kind, entries)));
  const documented = (kind === 'chip' ? CHIP_ALIASES : MODEL_ALIASES)[q];
  if (documented && entries.some((e) => e.id === documented)) return documented;
  const hit = aliases.get(q);
  if (hit?.size === 1) return [...hit][0];
  // A Hugging Face repo id: the name after the organisation.
  if (kind === 'model' && q.includes('/')) {
    const tail = q.slice(q.lastIndexOf('/') + 1);
    const m = entries.find((e) => e.id.toLowerCase() === tail) ?? (aliases.get(tail)?.size === 1 ? { id: [...aliases.get(tail)!][0] } : undefined);
    if (m) return m.id;
  }
  const candidates = new Set<string>(hit ?? []);
  if (candidates.size === 0 && q.length > 0) {
    for (const e of entries) if (e.id.toLowerCase().startsWith(q)) candidates.add(e.id);
    for (const [a, ids] of aliases) if (a.startsWith(q)) for (const id of ids) candidates.add(id);
  }
  if (candidates.size === 1) return [...candidates][0];
  if (candidates.size > 1) {
    const list = [...candidates].sort();
    const shown = list.slice(0, 8).map((c) => `'${c}'`).join(', ');
    throw new ChipboundError('unknown_id', `unknown ${kind} '${query}': ambiguous, it fits ${list.length} entries (${shown}${list.length > 8 ? ', …' : ''}); give more of the name or the full id`);
  }
  // Nearest by id or by alias (`h1000` is one typo from the alias `h100`), named by id.
  const pool = new Map<string, string>();
  for (const [a, ids] of aliases) if (ids.size === 1) pool.set(a, [...ids][0]);
  for (const e of entries) pool.set(e.id.toLowerCase(), e.id);
  const near = [...new Set(nearestIds(q, [...pool.keys()], 9).map((k) => pool.get(k)!))].slice(0, 3);
  const hint = near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : '';
  throw new ChipboundError('unknown_id', `unknown ${kind} '${query}'${hint}`);
}
