/**
 * Fuzz file contents (issue #9 item 2): catalog entries and scenarios mutated at a random field
 * (wrong types, NaN, Infinity, huge numbers, empty strings, deep nesting, unknown fields) and
 * whole-file junk (empty, binary, 10,000-level nesting, YAML alias bombs, over-size files).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { builtinCatalog } from '../../src/core/catalog/catalog.js';

/** What a file argument is meant to hold. */
export type FileKind = 'chip' | 'model' | 'run' | 'serving' | 'race' | 'scenario' | 'any';

/** A file to write for one case: name extension and bytes. */
export interface FuzzFile {
  readonly ext: string;
  readonly data: string | Uint8Array;
  /** Short description for reports. */
  readonly label: string;
  /** Wrong in a way every reader must refuse (a misspelled key, a second document, ...): exit 0 with it is a failure. */
  readonly mustRefuse?: boolean;
  /** Accepted with a warning (a renamed Hugging Face key): exit 0 is a failure unless stderr has a line containing this text. */
  readonly mustWarn?: string;
}

const examplesDir = join(import.meta.dirname, '..', '..', 'examples');

/**
 * An example scenario shrunk so that a valid one runs in about a second: pools of at most 16
 * chips, training workloads on an 8B model with a small batch, no sweeps.
 */
function cheapScenario(v: unknown): unknown {
  const s = v as { pools?: { count?: number }[]; workloads?: Record<string, unknown>[]; sweep?: unknown };
  for (const p of s.pools ?? []) if (typeof p.count === 'number') p.count = Math.min(p.count, 16);
  for (const w of s.workloads ?? []) if (w.kind === 'train') Object.assign(w, { model: 'llama-3.1-8b', seq: 2048, globalBatch: 32 });
  delete s.sweep;
  return s;
}

/** Valid-looking objects to mutate, by kind (scenarios: examples/*.yaml). */
export const bases: Record<FileKind, unknown[]> = (() => {
  const cat = builtinCatalog();
  const plain = (xs: readonly unknown[]) => xs.map((x) => JSON.parse(JSON.stringify(x)) as unknown);
  const chips = plain(cat.chips);
  const models = plain(cat.models);
  return {
    chip: chips,
    model: models,
    run: plain(cat.runs),
    serving: plain(cat.serving),
    race: plain(cat.race),
    scenario: readdirSync(examplesDir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => cheapScenario(parse(readFileSync(join(examplesDir, f), 'utf8')))),
    any: [...chips.slice(0, 5), ...models.slice(0, 5)],
  };
})();

/** The verbatim Hugging Face configs of test/fixtures/hf-configs (mapped with no warning as they are). */
const hfConfigs: Record<string, unknown>[] = (() => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'hf-configs');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
})();

/** Renames of optional keys the mapper reads (adversarial run 3): a default replaces each, so each must be named on stderr. */
const hfRenames: readonly (readonly [string, string])[] = [
  ['num_key_value_heads', 'kv_heads'], ['max_position_embeddings', 'max_len'], ['moe_intermediate_size', 'expert_size'], ['n_shared_experts', 'shared'],
  ['first_k_dense_replace', 'first_k_dense'], ['num_nextn_predict_layers', 'mtp_layers'], ['tie_word_embeddings', 'tie_embeddings'], ['sliding_window', 'window'],
  ['head_dim', 'head_size'], ['mlp_only_layers', 'dense_layers'], ['num_key_value_heads', 'num_key_value_heads_old'], ['max_position_embeddings', 'model_max_length_tokens'],
];

/** A fixture config with one optional read key renamed: accepted, with an "unknown key" warning naming the new name. */
const hfRenamed: fc.Arbitrary<FuzzFile> = fc.record({ base: fc.nat(), rename: fc.nat() }).map(({ base, rename }): FuzzFile => {
  const cfg = hfConfigs[base % hfConfigs.length];
  const present = hfRenames.filter(([from]) => from in cfg);
  const [from, to] = present[rename % present.length];
  const { [from]: v, ...rest } = cfg;
  return { ext: '.json', data: JSON.stringify({ ...rest, [to]: v }), label: `HF config, ${from} renamed ${to}`, mustWarn: `unknown key '${to}'` };
});

/** Every path to a value inside `v` (objects and arrays), root excluded. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length > 2000 || prefix.length > 20) return out;
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...prefix, i]), paths(x, [...prefix, i], out)));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k]), paths(x, [...prefix, k], out);
  return out;
}

const NAN = '__FUZZ_NAN__';
const INF = '__FUZZ_INF__';
const NINF = '__FUZZ_NINF__';

/** Replacement values for one field. */
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(NAN, INF, NINF, -1, 0, -0, 1e300, -1e300, 1e-300, 2 ** 53 + 1, 1e15, 1e16, 1e21, 0.5, '', ' ', 'NaN', 'Infinity', '12T', '1e999', null, true, false, [], {}, [1, 2], { a: 1 }, 'nvidia-h10', 'x'.repeat(100_000), '💥\u202e\u0007', 'a\nb', '../../etc/passwd', '2024-02-30', '9999-12-31'),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 1, max: 10_000 }).map((n) => JSON.parse('['.repeat(Math.min(n, 3000)) + ']'.repeat(Math.min(n, 3000))) as unknown),
);

type Mutation =
  | { readonly op: 'set'; readonly at: number; readonly value: unknown }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'unknown-field'; readonly value: unknown }
  | { readonly op: 'typo-key'; readonly at: number }
  | { readonly op: 'unit-slip'; readonly at: number; readonly factor: number }
  | { readonly op: 'keep' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: weirdValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unknown-field' as const), value: weirdValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('typo-key' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unit-slip' as const), at: fc.nat(), factor: fc.constantFrom(1e3, 1e-3, 1e9, 1e12, 1024 ** 3) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'keep' as const }) },
);

function apply(base: unknown, ms: readonly Mutation[]): unknown {
  const obj = structuredClone(base) as Record<string, unknown>;
  for (const m of ms) {
    if (m.op === 'keep') continue;
    if (m.op === 'unknown-field') {
      obj[`fuzzUnknown${Object.keys(obj).length}`] = m.value;
      continue;
    }
    if (m.op === 'unit-slip') {
      try {
        Object.assign(obj, scaleNumbers(obj, m.at, m.factor));
      } catch {
        // A 3,000-level nesting set by an earlier mutation is too deep to clone: leave it as is.
      }
      continue;
    }
    const ps = paths(obj);
    if (!ps.length) continue;
    const p = ps[m.at % ps.length];
    if (m.op === 'typo-key') {
      // A near miss of a key (last letter's case flipped): memoryGB -> memoryGb.
      let parent: unknown = obj;
      for (const k of p.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[k];
      const key = p[p.length - 1];
      if (typeof key !== 'string' || Array.isArray(parent) || key.length === 0) continue;
      const last = key[key.length - 1];
      const bad = key.slice(0, -1) + (last === last.toUpperCase() ? last.toLowerCase() : last.toUpperCase());
      const rec = parent as Record<string, unknown>;
      if (bad !== key && !(bad in rec)) {
        rec[bad] = rec[key];
        delete rec[key];
      }
      continue;
    }
    let parent: unknown = obj;
    for (const k of p.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[k];
    const last = p[p.length - 1];
    if (m.op === 'set') (parent as Record<string | number, unknown>)[last] = m.value;
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Record<string | number, unknown>)[last];
  }
  return obj;
}

function serialize(v: unknown, format: 'yaml' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(v, null, 1)
      .replaceAll(`"${NAN}"`, 'NaN')
      .replaceAll(`"${INF}"`, '1e999')
      .replaceAll(`"${NINF}"`, '-1e999');
  }
  const special = (x: unknown): unknown =>
    x === NAN ? Number.NaN : x === INF ? Infinity : x === NINF ? -Infinity : Array.isArray(x) ? x.map(special) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, special(y)])) : x;
  try {
    return stringify(special(v), { aliasDuplicateObjects: false });
  } catch {
    // Too deep for the YAML writer: JSON text is also YAML (flow style).
    return serialize(v, 'json');
  }
}

const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]'].join('\n');

/** Whole-file junk, independent of the kind. */
const junk: fc.Arbitrary<FuzzFile> = fc.oneof(
  fc.constantFrom<FuzzFile>(
    { ext: '.yaml', data: '', label: 'empty' },
    { ext: '.json', data: '   \n\t\n', label: 'whitespace' },
    { ext: '.yaml', data: '['.repeat(10_000) + ']'.repeat(10_000), label: 'yaml nesting 10000' },
    { ext: '.json', data: '['.repeat(10_000) + ']'.repeat(10_000), label: 'json nesting 10000' },
    { ext: '.json', data: `{"id":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, label: 'json object nesting 10000' },
    { ext: '.yaml', data: `id: x\nname: ${'- '.repeat(5000)}a`, label: 'yaml dash nesting' },
    { ext: '.yaml', data: bomb, label: 'yaml alias bomb' },
    { ext: '.yaml', data: 'id: a\nid: b\n', label: 'duplicate keys' },
    { ext: '.json', data: '{"id": NaN, "x": Infinity}', label: 'json NaN literal' },
    { ext: '.json', data: '// comment\n{}', label: 'json comment' },
    { ext: '.yaml', data: '\ufeffid: bom\n', label: 'BOM' },
    { ext: '.yaml', data: `id: ${'x'.repeat(3_000_000)}\n`, label: '3 MB string' },
    { ext: '.yaml', data: `# ${'x'.repeat(5_000_000)}\n`, label: 'over 4 MB' },
    { ext: '.yaml', data: '!!js/function "function(){}"', label: 'yaml unknown tag' },
    { ext: '.yaml', data: '--- a\n--- b\n', label: 'yaml multi-document', mustRefuse: true },
    // Issue #14 classes: each must be refused (exit 2), never read as something else.
    { ext: '.yaml', data: 'id: a\nname: A\n---\nid: b\n', label: 'yaml second document', mustRefuse: true },
    { ext: '.yaml', data: 'base: &b { bf16: 1 }\ntflops:\n  <<: *b\n', label: 'yaml merge key', mustRefuse: true },
    { ext: '.json', data: '{"id": "a", "id": "b"}', label: 'json duplicate keys', mustRefuse: true },
    { ext: '.json', data: '\ufeff{"id": "bom"}', label: 'json BOM' },
    { ext: '.json', data: '{"__proto__": {"polluted": true}}', label: 'json __proto__', mustRefuse: true },
    { ext: '.yaml', data: 'constructor: { prototype: 1 }\n', label: 'yaml constructor key', mustRefuse: true },
    { ext: '.yaml', data: new Uint8Array([...Buffer.from('id: caf'), 0xe9, 10]), label: 'latin-1 text', mustRefuse: true },
    // Adversarial run 2 (issue #14): a misspelled key inside a nested HF block, chips held before they were bought.
    {
      ext: '.json',
      data: JSON.stringify({ model_type: 'llama', hidden_size: 256, intermediate_size: 1024, num_attention_heads: 4, num_hidden_layers: 2, num_key_value_heads: 4, vocab_size: 1000, max_position_embeddings: 8192, rope_scaling: { rope_type: 'llama3', factor: 8, original_max_position_embedding: 1024 } }),
      label: 'HF config, rope_scaling key misspelled',
      mustRefuse: true,
    },
    // Adversarial run 3 (issue #14): a renamed HF key (neither read nor a known Hugging Face key) is named on stderr, with the default it leaves.
    {
      ext: '.json',
      data: JSON.stringify({ model_type: 'llama', hidden_size: 256, intermediate_size: 1024, num_attention_heads: 4, num_hidden_layers: 2, kv_heads: 1, vocab_size: 1000, max_position_embeddings: 2048 }),
      label: 'HF config, num_key_value_heads renamed kv_heads',
      mustWarn: "unknown key 'kv_heads' (not read; did you mean num_key_value_heads?)",
    },
    {
      ext: '.json',
      data: JSON.stringify({ model_type: 'qwen3_moe', hidden_size: 256, intermediate_size: 1024, num_attention_heads: 4, num_hidden_layers: 2, num_key_value_heads: 4, vocab_size: 1000, max_len: 2048, num_experts: 8, num_experts_per_tok: 2, expert_size: 128 }),
      label: 'HF config, max_position_embeddings and moe_intermediate_size renamed',
      mustWarn: "unknown key 'expert_size'",
    },
    {
      ext: '.yaml',
      data: "name: t\nbuyer: { destination: CN, date: '2024-06-01' }\npools:\n  - { chip: nvidia-h100-sxm5-80gb, count: 8, acquired: owned, acquiredOn: '2025-01-01' }\nworkloads:\n  - { kind: train, model: llama-3.1-8b, tokens: 1T, seq: 4096, globalBatch: 64 }\n",
      label: 'scenario, chips acquired after the decision date',
      mustRefuse: true,
    },
    { ext: '.yaml', data: '42', label: 'scalar' },
    { ext: '.yaml', data: 'null', label: 'null' },
    { ext: '.json', data: '[]', label: 'empty list' },
    { ext: '.json', data: '{}', label: 'empty object' },
    { ext: '.txt', data: 'id: x', label: 'txt extension' },
    { ext: '', data: '{}', label: 'no extension' },
  ),
  fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((b): FuzzFile => ({ ext: '.yaml', data: b, label: 'random bytes' })),
  fc.string({ unit: 'binary', maxLength: 500 }).map((s): FuzzFile => ({ ext: '.yaml', data: s, label: 'random unicode' })),
  fc.json({ maxDepth: 4 }).map((s): FuzzFile => ({ ext: '.json', data: s, label: 'random json' })),
);

/** Numeric leaves scaled by a plausible factor (tame files: valid but unlike any catalog entry). */
function scaleNumbers(v: unknown, at: number, factor: number): unknown {
  const obj = structuredClone(v) as Record<string, unknown>;
  const ps = paths(obj).filter((p) => {
    let x: unknown = obj;
    for (const k of p) x = (x as Record<string | number, unknown>)[k];
    return typeof x === 'number' && x > 0;
  });
  if (!ps.length) return obj;
  const p = ps[at % ps.length];
  let parent: unknown = obj;
  for (const k of p.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[k];
  const rec = parent as Record<string | number, number>;
  const last = p[p.length - 1];
  rec[last] = Number.isInteger(rec[last]) ? Math.max(1, Math.round(rec[last] * factor)) : rec[last] * factor;
  return obj;
}

/** A file for an argument of `kind`: mostly a mutated valid entry, sometimes junk; `tame`: valid entries, some numbers scaled. */
export function fileArb(kind: FileKind, tame = false): fc.Arbitrary<FuzzFile> {
  const pool = bases[kind].length ? bases[kind] : bases.any;
  if (tame) {
    return fc
      .record({ base: fc.nat(), at: fc.nat(), factor: fc.constantFrom(1, 1, 1, 0.5, 2, 10, 1000), format: fc.constantFrom<'yaml' | 'json'>('yaml', 'json') })
      .map(({ base, at, factor, format }): FuzzFile => ({
        ext: format === 'json' ? '.json' : '.yaml',
        data: serialize(factor === 1 ? pool[base % pool.length] : scaleNumbers(pool[base % pool.length], at, factor), format),
        label: `${kind} ${factor === 1 ? 'as is' : `one number ×${factor}`} (${format})`,
      }));
  }
  const mutated = fc
    .record({ base: fc.nat(), muts: fc.array(mutation, { minLength: 0, maxLength: 3 }), format: fc.constantFrom<'yaml' | 'json'>('yaml', 'json') })
    .map(({ base, muts, format }): FuzzFile => {
      const v = apply(pool[base % pool.length], muts);
      // Only typo-key mutations: the file certainly holds a misspelled key (when one applied).
      const typoOnly = muts.length > 0 && muts.every((m) => m.op === 'typo-key') && JSON.stringify(v) !== JSON.stringify(pool[base % pool.length]);
      const label = `${kind} ${muts.map((m) => m.op).join('+') || 'as is'} (${format})`;
      let data: string;
      try {
        data = serialize(v, format);
      } catch {
        // Nesting too deep for the serializer on this stack: the same junk as text.
        data = '['.repeat(3000) + ']'.repeat(3000);
      }
      return { ext: format === 'json' ? '.json' : '.yaml', data, label, mustRefuse: typoOnly };
    });
  if (kind === 'model') return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: hfRenamed });
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: junk });
}
