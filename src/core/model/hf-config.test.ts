/**
 * Hugging Face config.json mapping: the verbatim fixtures in test/fixtures/hf-configs/ (sources in
 * SOURCES.md there) against the published parameter counts and the catalog's own entries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { getModel } from '../catalog/catalog.js';
import { modelSchema, type Model } from '../catalog/schemas.js';
import { paramCounts } from './architecture.js';
import { describeHfIssues, describeHfUnknown, hfModelId, isHfConfig, modelFromHfConfig } from './hf-config.js';

const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hf-configs');
const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));

function mapFile(f: string): Model {
  const r = modelFromHfConfig(read(f), { id: hfModelId(f.replace(/\.json$/, '')) });
  if (!r.ok) throw new Error(describeHfIssues(r.issues));
  return modelSchema.parse(r.model);
}

function mapRaw(raw: unknown): Model {
  const r = modelFromHfConfig(raw, { id: 'x' });
  if (!r.ok) throw new Error(describeHfIssues(r.issues));
  return modelSchema.parse(r.model);
}

/** Published totals and active counts, billions. */
const published: [file: string, totalB: number, activeB: number, source: string][] = [
  ['deepseek-ai__DeepSeek-V3.json', 671, 37, 'arXiv 2412.19437 abstract'],
  ['Qwen__Qwen3-235B-A22B.json', 235, 22, 'arXiv 2505.09388 Table 2 / model card'],
  ['meta-llama__Llama-3.1-405B.json', 405, 405, 'arXiv 2407.21783 Table 3'],
  ['mistralai__Mixtral-8x22B-v0.1.json', 141, 39, 'https://mistral.ai/news/mixtral-8x22b'],
];

describe('modelFromHfConfig', () => {
  it.each(published)('%s: parameter counts within 2%% of the published ones (%s B total)', (file, totalB, activeB) => {
    const p = paramCounts(mapFile(file));
    expect(Math.abs(p.total / 1e9 / totalB - 1)).toBeLessThan(0.02);
    expect(Math.abs(p.active / 1e9 / activeB - 1)).toBeLessThan(0.02);
  });

  it.each([
    ['deepseek-ai__DeepSeek-V3.json', 'deepseek-v3'],
    ['Qwen__Qwen3-235B-A22B.json', 'qwen3-235b-a22b'],
    ['meta-llama__Llama-3.1-405B.json', 'llama-3.1-405b'],
    ['meta-llama__Llama-3.1-8B.json', 'llama-3.1-8b'],
    ['Qwen__Qwen2.5-72B.json', 'qwen2.5-72b'],
    ['mistralai__Mixtral-8x22B-v0.1.json', 'mixtral-8x22b'],
  ])('%s has the shape of the catalog entry %s', (file, id) => {
    const m = mapFile(file);
    const c = getModel(id);
    for (const k of ['layers', 'hidden', 'ffnHidden', 'heads', 'kvHeads', 'gatedFfn', 'tiedEmbeddings', 'mla', 'mtpDepth'] as const) expect(m[k], k).toEqual(c[k]);
    expect(m.headDim ?? m.hidden / m.heads).toBe(c.headDim ?? c.hidden / c.heads);
    if (c.moe) {
      const { maxNodesPerToken: _ignored, ...moe } = c.moe;
      expect(m.moe).toEqual(moe);
    } else expect(m.moe).toBeUndefined();
  });

  it('DeepSeek-V3: MLA ranks, shared expert, 3 dense layers, one MTP module, 4K pre-training context', () => {
    const m = mapFile('deepseek-ai__DeepSeek-V3.json');
    expect(m.mla).toEqual({ qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect(m.moe).toMatchObject({ experts: 256, activeExperts: 8, sharedExperts: 1, expertFfnHidden: 2048, denseLayers: 3 });
    expect(m.mtpDepth).toBe(1);
    expect(m.contextLength).toBe(4096);
  });

  it('lists the keys it does not map by name, and separates the ones with no effect on sizes', () => {
    const r = modelFromHfConfig(read('openai__gpt-oss-120b.json'), { id: 'gpt-oss-120b' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.unmapped).toEqual(expect.arrayContaining(['layer_types', 'sliding_window', 'swiglu_limit', 'quantization_config', 'initial_context_length']));
    expect(r.ignored).toEqual(expect.arrayContaining(['eos_token_id', 'rope_theta', 'transformers_version']));
    expect(r.unmapped).not.toContain('num_local_experts');
    expect(r.unmapped).not.toContain('experts_per_token');
    expect(r.model.notes).toMatch(/Not mapped: .*layer_types/);
  });

  it('reports every problem, not the first', () => {
    const r = modelFromHfConfig({ model_type: 'llama', hidden_size: 'x', num_attention_heads: 32, num_key_value_heads: 3, n_routed_experts: 8 }, { id: 'bad' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const keys = r.issues.map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['num_hidden_layers', 'hidden_size', 'vocab_size', 'intermediate_size', 'num_experts_per_tok', 'num_key_value_heads']));
    expect(describeHfIssues(r.issues).split('; ').length).toBe(r.issues.length);
  });

  it('refuses a non-object', () => {
    expect(modelFromHfConfig([1, 2], { id: 'x' }).ok).toBe(false);
    expect(isHfConfig([1])).toBe(false);
    expect(isHfConfig({ layers: 2, model_type: 'llama' })).toBe(false);
    expect(isHfConfig(read('Qwen__Qwen2.5-72B.json'))).toBe(true);
  });

  // GPT-2 small (transformers GPT2Config defaults, https://huggingface.co/openai-community/gpt2/blob/main/config.json):
  // 124M parameters (tied head, learned positions, biases).
  it('GPT-2 style: n_layer/n_embd names, learned positions, tied head: 124M', () => {
    const m = mapRaw({ model_type: 'gpt2', n_layer: 12, n_embd: 768, n_head: 12, n_positions: 1024, n_ctx: 1024, vocab_size: 50257, activation_function: 'gelu_new' });
    expect(m).toMatchObject({ tiedEmbeddings: true, bias: true, gatedFfn: false, learnedPositions: 1024, ffnHidden: 3072 });
    expect(paramCounts(m).total / 1e6).toBeCloseTo(124.44, 1);
  });

  // GPT-NeoX style, Pythia-12B shape (https://huggingface.co/EleutherAI/pythia-12b/blob/main/config.json, transcribed).
  it('GPT-NeoX style: plain FFN with biases, untied head; matches the catalog pythia-12b', () => {
    const m = mapRaw({ model_type: 'gpt_neox', num_hidden_layers: 36, hidden_size: 5120, num_attention_heads: 40, intermediate_size: 20480, vocab_size: 50688, max_position_embeddings: 2048, tie_word_embeddings: false, rotary_pct: 0.25 });
    const c = getModel('pythia-12b');
    expect(paramCounts(m).total).toBeCloseTo(paramCounts(c).total, -6);
  });

  // Gemma 7B shape (https://huggingface.co/google/gemma-7b/blob/main/config.json, transcribed): head_dim 256 with
  // 16 heads (≠ hidden/heads), GeGLU, tied embeddings; 8.54B parameters (Gemma report, arXiv 2403.08295 Table 2).
  it('Gemma: explicit head_dim, tied embeddings by default: 8.54B', () => {
    const m = mapRaw({ model_type: 'gemma', num_hidden_layers: 28, hidden_size: 3072, intermediate_size: 24576, num_attention_heads: 16, num_key_value_heads: 16, head_dim: 256, vocab_size: 256000 });
    expect(m).toMatchObject({ headDim: 256, tiedEmbeddings: true, gatedFfn: true });
    expect(Math.abs(paramCounts(m).total / 1e9 / 8.54 - 1)).toBeLessThan(0.02);
  });

  it('Qwen-MoE: shared_expert_intermediate_size is one shared expert of that width; leading mlp_only_layers are dense', () => {
    const m = mapRaw({ model_type: 'qwen2_moe', num_hidden_layers: 24, hidden_size: 2048, intermediate_size: 5632, moe_intermediate_size: 1408, shared_expert_intermediate_size: 5632, num_experts: 60, num_experts_per_tok: 4, num_attention_heads: 16, num_key_value_heads: 16, vocab_size: 151936, mlp_only_layers: [0, 1] });
    expect(m.moe).toMatchObject({ experts: 60, activeExperts: 4, sharedExperts: 1, sharedExpertFfnHidden: 5632, expertFfnHidden: 1408, denseLayers: 2 });
    const bad = modelFromHfConfig({ model_type: 'qwen2_moe', num_hidden_layers: 24, hidden_size: 2048, intermediate_size: 5632, num_experts: 60, num_experts_per_tok: 4, num_attention_heads: 16, vocab_size: 10, mlp_only_layers: [5] }, { id: 'x' });
    expect(bad.ok).toBe(false);
  });

  it('the catalog form round-trips through YAML to the same model', () => {
    for (const f of published.map((p) => p[0])) {
      const m = mapFile(f);
      expect(modelSchema.parse(parse(stringify(m)))).toEqual(m);
    }
  });

  it('ids from file stems are valid catalog ids', () => {
    expect(hfModelId('deepseek-ai__DeepSeek-V3')).toBe('deepseek-ai__deepseek-v3');
    expect(hfModelId('My Model!')).toBe('my-model-');
    expect(hfModelId('__')).toBe('hf-model');
  });
});

// Adversarial findings #2 and #3: typos, unknown families and text_config blocks are not read silently.
describe('modelFromHfConfig refuses what it would otherwise misread', () => {
  const base = { model_type: 'llama', num_hidden_layers: 32, hidden_size: 4096, intermediate_size: 14336, num_attention_heads: 32, vocab_size: 128256 };
  const issuesOf = (raw: unknown): string => {
    const r = modelFromHfConfig(raw, { id: 'x' });
    return r.ok ? '' : describeHfIssues(r.issues);
  };

  it('a key one edit from a mapped one is an error with did-you-mean, reported with the other problems', () => {
    expect(issuesOf({ ...base, num_key_value_head: 8 })).toContain("unknown key 'num_key_value_head' (did you mean 'num_key_value_heads'?)");
    const moe = issuesOf({ ...base, model_type: 'mixtral', num_local_expert: 8, num_experts_per_tok: 2, vocab_size: 0 });
    expect(moe).toContain("did you mean 'num_local_experts'?");
    expect(moe).toContain('vocab_size');
    expect(moe).toContain('no expert count');
  });

  it('an unknown model_type is an error naming the near one and the known ones', () => {
    const msg = issuesOf({ ...base, model_type: 'llamma' });
    expect(msg).toMatch(/unknown model_type 'llamma' \(did you mean 'llama'/);
    expect(msg).toContain('known: llama, mistral');
    const { model_type: _absent, ...untyped } = base;
    expect(mapRaw(untyped).layers).toBe(32);
  });

  it('text_config: used when the top level has no sizes, said in the notes; conflicting sizes refused', () => {
    const r = modelFromHfConfig({ model_type: 'gemma3', vision_config: { hidden_size: 1152 }, text_config: { ...base, model_type: 'llama' } }, { id: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.layers).toBe(32);
    expect(r.notes.join(' ')).toContain('text_config block');
    expect(r.unmapped).toContain('vision_config');
    const top = modelFromHfConfig({ ...base, text_config: { hidden_size: 4096 } }, { id: 'x' });
    expect(top.ok && top.notes.join(' ')).toContain('top level');
    expect(issuesOf({ ...base, text_config: { hidden_size: 1 } })).toContain('text_config.hidden_size: 1 conflicts with the top-level hidden_size 4096');
  });

  // Adversarial run 3 (issue #14): a renamed key was dropped silently and its default used.
  it.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('%s: every key is read or a known Hugging Face key (no unknown-key warning)', (f) => {
    const r = modelFromHfConfig(read(f), { id: 'x' });
    expect(r.ok && r.unknown).toEqual([]);
  });

  const renamed: [file: string, from: string, to: string, defaultUsed: RegExp | null][] = [
    ['meta-llama__Llama-3.1-8B.json', 'num_key_value_heads', 'kv_heads', /num_attention_heads 32 \(multi-head attention/],
    ['Qwen__Qwen3-235B-A22B.json', 'moe_intermediate_size', 'expert_size', /expert width = intermediate_size 12288/],
    ['deepseek-ai__DeepSeek-V3.json', 'n_shared_experts', 'shared', /0 shared experts/],
    ['deepseek-ai__DeepSeek-V3.json', 'first_k_dense_replace', 'first_k_dense', /0 leading dense layers/],
    ['Qwen__Qwen2.5-72B.json', 'max_position_embeddings', 'max_len', /no context length/],
    ['deepseek-ai__DeepSeek-V3.json', 'num_nextn_predict_layers', 'mtp_layers', /no multi-token-prediction/],
    ['meta-llama__Llama-3.1-8B.json', 'tie_word_embeddings', 'tie_embeddings', /tie_word_embeddings false/],
    ['openai__gpt-oss-120b.json', 'sliding_window', 'window', null],
  ];
  it.each(renamed)('%s: %s renamed %s is an unknown key naming the read key and the default used', (file, from, to, defaultUsed) => {
    const raw = read(file) as Record<string, unknown>;
    const { [from]: value, ...rest } = raw;
    const r = modelFromHfConfig({ ...rest, [to]: value }, { id: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.unknown.map((u) => u.key)).toEqual([to]);
    const line = describeHfUnknown(r.unknown[0]);
    expect(line).toContain(`unknown key '${to}' (not read; did you mean ${from}?)`);
    if (defaultUsed) expect(line).toMatch(defaultUsed);
    else expect(line).not.toContain('default');
  });

  it('unknown keys inside quantization_config and rope_scaling are named with their path', () => {
    const raw = read('deepseek-ai__DeepSeek-V3.json') as Record<string, Record<string, unknown>>;
    const { quant_method, ...qc } = raw.quantization_config;
    const r = modelFromHfConfig({ ...raw, quantization_config: { ...qc, quant_methd: quant_method }, rope_scaling: { ...raw.rope_scaling, wibble: 1 } }, { id: 'x' });
    expect(r.ok && r.unknown.map(describeHfUnknown)).toEqual(["unknown key 'quantization_config.quant_methd' (not read; did you mean quant_method?)", "unknown key 'rope_scaling.wibble' (not read)"]);
  });

  it('an unknown key with no read key sharing a word gets no suggestion', () => {
    const r = modelFromHfConfig({ ...base, frobnicate: 3 }, { id: 'x' });
    expect(r.ok && r.unknown).toEqual([{ key: 'frobnicate' }]);
  });
});

describe('renamed MLA keys (adversarial run 5)', () => {
  it.each([
    ['kv_lora_rank', 'kv_lora'],
    ['q_lora_rank', 'q_lora'],
  ])('%s renamed %s is an unknown key whose read key is absent: a default would be used', (from, to) => {
    const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'hf-configs', 'deepseek-ai__DeepSeek-V3.json'), 'utf8')) as Record<string, unknown>;
    const { [from]: v, ...rest } = raw;
    const m = modelFromHfConfig({ ...rest, [to]: v }, { id: 'x', name: 'x', source: 'test' });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    const u = m.unknown.find((x) => x.key === to);
    expect(u?.didYouMean).toBe(from);
    expect(u?.defaultUsed).toBeDefined();
  });
});
