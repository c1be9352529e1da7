/**
 * Hugging Face `config.json` → catalog model. Pure: takes the parsed JSON, returns the model
 * (in catalog form, to be validated by `modelSchema`), the keys it did not map, notes on what
 * the mapping assumed, or every problem found (not only the first).
 *
 * Field names follow the `transformers` configuration classes (LlamaConfig, MistralConfig,
 * Qwen2Config, Qwen3Config, Qwen2MoeConfig, Qwen3MoeConfig, MixtralConfig, GemmaConfig,
 * Gemma2Config, GPTNeoXConfig, GPT2Config) and DeepSeek's `configuration_deepseek.py`
 * (DeepseekV2Config, DeepseekV3Config): https://github.com/huggingface/transformers/tree/main/src/transformers/models
 * and https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/configuration_deepseek.py.
 */
import type { ModelInput } from '../catalog/schemas.js';
import { editDistance, nearestIds } from '../catalog/nearest.js';

/** What an architecture family implies when the config does not say it. */
interface Family {
  /** Gated FFN (SwiGLU/GeGLU: three matrices). */
  readonly gated: boolean;
  /** `tie_word_embeddings` default of the family's config class. */
  readonly tied: boolean;
  /** Linear layers with biases (GPT-2, GPT-NeoX). */
  readonly bias: boolean;
  /** GPT-2 key names (n_layer, n_embd, n_head, n_inner, n_positions). */
  readonly gpt2Names?: boolean;
}

const llamaLike: Family = { gated: true, tied: false, bias: false };

/** Families by `model_type` (defaults from each transformers config class). */
export const hfFamilies: Readonly<Record<string, Family>> = {
  llama: llamaLike,
  mistral: llamaLike,
  mixtral: llamaLike,
  qwen2: llamaLike,
  qwen3: llamaLike,
  qwen2_moe: llamaLike,
  qwen3_moe: llamaLike,
  deepseek_v2: llamaLike,
  deepseek_v3: llamaLike,
  kimi_k2: llamaLike,
  // GptOssConfig: SwiGLU experts, untied head; attention biases come from attention_bias.
  gpt_oss: llamaLike,
  // GemmaConfig / Gemma2Config: GeGLU FFN, tie_word_embeddings=True.
  gemma: { gated: true, tied: true, bias: false },
  gemma2: { gated: true, tied: true, bias: false },
  gemma3_text: { gated: true, tied: true, bias: false },
  // GPTNeoXConfig: plain GELU FFN with biases, tie_word_embeddings=False.
  gpt_neox: { gated: false, tied: false, bias: true },
  // GPT2Config: learned positions, tied head, biases; n_inner defaults to 4·n_embd.
  gpt2: { gated: false, tied: true, bias: true, gpt2Names: true },
};

/** Keys that carry no information for sizes, FLOPs, memory or parallel plans (tokens ids, init, numerics, runtime). */
const irrelevant = new Set([
  '_name_or_path', 'architectures', 'model_type', 'auto_map', 'bos_token_id', 'eos_token_id', 'pad_token_id',
  'torch_dtype', 'dtype', 'transformers_version', 'initializer_range', 'rms_norm_eps', 'layer_norm_eps',
  'layer_norm_epsilon', 'use_cache', 'attention_dropout', 'hidden_dropout', 'resid_pdrop', 'embd_pdrop',
  'attn_pdrop', 'summary_type', 'summary_use_proj', 'summary_activation', 'summary_proj_to_labels',
  'summary_first_dropout', 'output_router_logits', 'router_aux_loss_coef', 'aux_loss_alpha', 'seq_aux',
  'pretraining_tp', 'rope_theta', 'rotary_pct', 'rotary_emb_base', 'hidden_act', 'hidden_activation',
  'activation_function', 'use_parallel_residual', 'ep_size', 'norm_topk_prob', 'routed_scaling_factor',
  'scoring_func', 'topk_method', 'n_group', 'topk_group', 'max_window_layers', 'use_sliding_window',
  'classifier_dropout', 'scale_attn_weights', 'reorder_and_upcast_attn', 'scale_attn_by_inverse_layer_idx',
  'query_pre_attn_scalar', 'final_logit_softcapping', 'attn_logit_softcapping', 'tie_encoder_decoder',
]);

/**
 * Keys the transformers configuration classes (PretrainedConfig and the families above: Llama,
 * Mistral, Mixtral, Qwen2/3(-MoE), DeepSeek-V2/V3, Kimi K2, gpt-oss, Gemma 1-3, GPT-NeoX, GPT-2,
 * and their multimodal wrappers) define that chipbound deliberately does not read: generation
 * settings, labels, runtime switches, and architecture details it does not model (sliding
 * windows, layer types, quantization). A key that is neither read, nor here, nor in `irrelevant`
 * is unknown: it is named on stderr (it may be a renamed key whose default is now used).
 */
const knownUnmodelled = new Set([
  // PretrainedConfig (configuration_utils.py).
  'return_dict', 'output_hidden_states', 'output_attentions', 'torchscript', 'use_bfloat16', 'tf_legacy_loss', 'pruned_heads',
  'chunk_size_feed_forward', 'is_encoder_decoder', 'is_decoder', 'cross_attention_hidden_size', 'add_cross_attention',
  'max_length', 'min_length', 'do_sample', 'early_stopping', 'num_beams', 'num_beam_groups', 'diversity_penalty', 'temperature',
  'top_k', 'top_p', 'typical_p', 'repetition_penalty', 'length_penalty', 'no_repeat_ngram_size', 'encoder_no_repeat_ngram_size',
  'bad_words_ids', 'num_return_sequences', 'output_scores', 'return_dict_in_generate', 'forced_bos_token_id', 'forced_eos_token_id',
  'remove_invalid_values', 'exponential_decay_length_penalty', 'suppress_tokens', 'begin_suppress_tokens', 'finetuning_task',
  'id2label', 'label2id', 'num_labels', 'tokenizer_class', 'prefix', 'sep_token_id', 'decoder_start_token_id', 'task_specific_params',
  'problem_type', '_commit_hash', '_attn_implementation', '_attn_implementation_autoset', 'attn_implementation', 'gradient_checkpointing',
  'use_return_dict', 'cache_implementation', 'base_model_tp_plan', 'base_model_pp_plan',
  // Architecture details chipbound does not model (Mistral/Qwen/Gemma/gpt-oss sliding windows and layer types, RoPE variants, quantization).
  'sliding_window', 'quantization_config', 'layer_types', 'swiglu_limit', 'initial_context_length', 'rope_parameters', 'partial_rotary_factor',
  'rope_interleave', 'rope_local_base_freq', 'sliding_window_pattern', 'attention_chunk_size', 'no_rope_layers', 'use_qk_norm', 'qk_layernorm',
  'router_jitter_noise', 'qkv_bias', 'use_qkv_bias', 'n_ctx', 'num_nextn_predict_layers_share', 'moe_router_dtype',
  // Multimodal wrappers (Gemma 3, Llama 4, Mistral 3, Qwen2-VL): the non-text blocks and token ids.
  'vision_config', 'audio_config', 'image_token_index', 'image_token_id', 'video_token_id', 'boi_token_index', 'eoi_token_index',
  'mm_tokens_per_image', 'vision_feature_layer', 'vision_feature_select_strategy', 'projector_hidden_act', 'multi_modal_projector_bias',
  'vision_start_token_id', 'vision_end_token_id', 'vision_token_id', 'spatial_merge_size',
]);

/** Keys chipbound knows inside `quantization_config` (transformers' quantizer configs: fp8, mxfp4, gptq, awq, bitsandbytes, compressed-tensors). */
const quantizationKeys: readonly string[] = [
  'quant_method', 'fmt', 'activation_scheme', 'weight_block_size', 'modules_to_not_convert', 'bits', 'group_size', 'desc_act', 'sym',
  'damp_percent', 'true_sequential', 'static_groups', 'checkpoint_format', 'version', 'zero_point', 'backend', 'do_fuse', 'fuse_max_seq_len',
  'modules_to_fuse', 'load_in_8bit', 'load_in_4bit', 'llm_int8_threshold', 'llm_int8_skip_modules', 'llm_int8_enable_fp32_cpu_offload',
  'llm_int8_has_fp16_weight', 'bnb_4bit_compute_dtype', 'bnb_4bit_quant_type', 'bnb_4bit_use_double_quant', 'bnb_4bit_quant_storage',
  'config_groups', 'format', 'global_compression_ratio', 'ignore', 'kv_cache_scheme', 'quantization_status', 'sparsity_config', 'dequantize',
  'quant_type', 'tokenizer', 'dataset', 'use_exllama', 'exllama_config', 'pre_quantized', 'scale_fmt',
];

/**
 * Renames users make that edit distance does not catch (`kv_heads` for num_key_value_heads), for the
 * "did you mean" of an unknown key. Keys absent here get the nearest read key sharing a word.
 */
const renames: Readonly<Record<string, string>> = {
  kv_heads: 'num_key_value_heads', n_kv_heads: 'num_key_value_heads', num_kv_heads: 'num_key_value_heads', n_head_kv: 'num_key_value_heads',
  num_kv: 'num_key_value_heads', key_value_heads: 'num_key_value_heads', multi_query_group_num: 'num_key_value_heads', num_query_groups: 'num_key_value_heads',
  max_len: 'max_position_embeddings', max_seq_len: 'max_position_embeddings', max_sequence_length: 'max_position_embeddings', seq_length: 'max_position_embeddings',
  seq_len: 'max_position_embeddings', context_length: 'max_position_embeddings', context_len: 'max_position_embeddings', max_positions: 'max_position_embeddings',
  n_positions: 'max_position_embeddings',
  expert_size: 'moe_intermediate_size', expert_intermediate_size: 'moe_intermediate_size', moe_ffn_hidden_size: 'moe_intermediate_size', expert_ffn_hidden: 'moe_intermediate_size',
  shared: 'n_shared_experts', shared_experts: 'n_shared_experts', num_shared_experts: 'n_shared_experts',
  first_k_dense: 'first_k_dense_replace', dense_layers: 'first_k_dense_replace', num_dense_layers: 'first_k_dense_replace', first_dense_layers: 'first_k_dense_replace',
  mtp_layers: 'num_nextn_predict_layers', mtp_depth: 'num_nextn_predict_layers', num_mtp_layers: 'num_nextn_predict_layers',
  tie_embeddings: 'tie_word_embeddings', tied_embeddings: 'tie_word_embeddings', tie_word_embedding: 'tie_word_embeddings',
  window: 'sliding_window', window_size: 'sliding_window',
  experts: 'num_experts', n_experts: 'num_experts', num_routed_experts: 'n_routed_experts', top_k_experts: 'num_experts_per_tok', moe_top_k: 'num_experts_per_tok', moe_topk: 'num_experts_per_tok',
  ffn_hidden_size: 'intermediate_size', ffn_dim: 'intermediate_size', ffn_size: 'intermediate_size', d_ff: 'intermediate_size', hidden_dim: 'intermediate_size',
  n_heads: 'num_attention_heads', num_heads: 'num_attention_heads', n_layers: 'num_hidden_layers', layers: 'num_hidden_layers', dim: 'hidden_size', vocab: 'vocab_size',
  kv_channels: 'head_dim', head_size: 'head_dim',
  kv_lora: 'kv_lora_rank', kv_latent_rank: 'kv_lora_rank', kv_rank: 'kv_lora_rank', q_lora: 'q_lora_rank', q_latent_rank: 'q_lora_rank', q_rank: 'q_lora_rank',
};

/** Every key the mapper reads (a key one or two edits away from one of these is a typo, not an unmapped key). */
const mappedKeys: readonly string[] = [
  'num_hidden_layers', 'num_layers', 'n_layer', 'hidden_size', 'd_model', 'n_embd', 'num_attention_heads', 'n_head',
  'vocab_size', 'num_key_value_heads', 'head_dim', 'intermediate_size', 'n_inner', 'tie_word_embeddings',
  'attention_bias', 'mlp_bias', 'max_position_embeddings', 'n_positions', 'n_routed_experts', 'num_local_experts',
  'num_experts', 'num_experts_per_tok', 'experts_per_token', 'n_shared_experts', 'moe_intermediate_size',
  'shared_expert_intermediate_size', 'first_k_dense_replace', 'moe_layer_freq', 'decoder_sparse_step',
  'mlp_only_layers', 'kv_lora_rank', 'q_lora_rank', 'qk_nope_head_dim', 'qk_rope_head_dim', 'v_head_dim',
  'num_nextn_predict_layers', 'rope_scaling', 'sliding_window', 'quantization_config', 'text_config',
];

/**
 * The keys Hugging Face defines inside `rope_scaling` (transformers' rope_config_validation:
 * default, linear, dynamic, yarn, longrope, llama3, mrope), of which chipbound reads
 * original_max_position_embeddings. A key a small edit away from one of these is a typo and is
 * refused (it can change the context length 16-fold); any other key is listed as not mapped.
 */
const ropeScalingKeys: readonly string[] = [
  'type', 'rope_type', 'factor', 'original_max_position_embeddings', 'low_freq_factor', 'high_freq_factor',
  'beta_fast', 'beta_slow', 'mscale', 'mscale_all_dim', 'attention_factor', 'short_factor', 'long_factor',
  'short_mscale', 'long_mscale', 'mrope_section', 'mrope_interleaved', 'rope_theta', 'partial_rotary_factor', 'truncate',
];

/** The key of a nested object `known` a (probably mistyped) key is a small edit away from, if any. */
function nestedTypoOf(key: string, known: readonly string[]): string | undefined {
  if (known.includes(key)) return undefined;
  const limit = key.length < 8 ? 1 : 2;
  const hit = nearestIds(key, known, 1)[0];
  return hit !== undefined && editDistance(key.toLowerCase(), hit) <= limit ? hit : undefined;
}

/** The mapped key a (probably mistyped) key is a small edit away from, if any. */
function typoOf(key: string): string | undefined {
  if (mappedKeys.includes(key) || irrelevant.has(key)) return undefined;
  // One edit for short keys, two for longer ones: `num_key_value_head`, `num_local_expert`, `hiden_size`.
  const limit = key.length < 8 ? 1 : 2;
  const hit = nearestIds(key, [...mappedKeys, ...irrelevant], 1)[0];
  return hit !== undefined && editDistance(key.toLowerCase(), hit) <= limit ? hit : undefined;
}

/** Generic words that say nothing about which key a rename stands for. */
const stopWords = new Set(['num', 'n', 'size', 'of', 'per', 'use', 'the', 'max']);

/** The read key an unknown key probably stands for: a known rename, a near miss, or the nearest read key sharing a word with it. */
export function hfSuggestion(key: string): string | undefined {
  const k = key.toLowerCase();
  if (renames[k] !== undefined) return renames[k];
  const near = typoOf(k);
  if (near !== undefined && mappedKeys.includes(near)) return near;
  const words = k.split(/[_.-]+/).filter((w) => w && !stopWords.has(w));
  if (!words.length) return undefined;
  const sharing = mappedKeys.filter((m) => m !== 'text_config' && m.split('_').some((w) => words.includes(w)));
  if (!sharing.length) return undefined;
  return [...sharing].sort((a, b) => editDistance(k, a) - editDistance(k, b) || a.localeCompare(b))[0];
}

/** Size keys that a `text_config` block and the top level must not both set differently. */
const sizeKeys = ['num_hidden_layers', 'hidden_size', 'num_attention_heads', 'num_key_value_heads', 'intermediate_size', 'vocab_size', 'head_dim', 'moe_intermediate_size', 'num_experts', 'num_local_experts', 'n_routed_experts', 'num_experts_per_tok'];

/** One problem with a config: the key and what was expected. */
export interface HfIssue {
  /** Config key (dotted for nested ones). */
  readonly key: string;
  readonly message: string;
}

/** A config key chipbound neither reads nor knows (dotted for nested ones). */
export interface HfUnknownKey {
  readonly key: string;
  /** The read key it may stand for. */
  readonly didYouMean?: string;
  /** When `didYouMean` is absent from the config: the default used instead ("num_key_value_heads = num_attention_heads 32 (MHA)"). */
  readonly defaultUsed?: string;
}

/** One warning line for an unknown key (`unknown key 'kv_heads' (not read; did you mean num_key_value_heads? ...)`). */
export function describeHfUnknown(u: HfUnknownKey): string {
  const mean = u.didYouMean !== undefined ? `; did you mean ${u.didYouMean}?` : '';
  const used = u.defaultUsed !== undefined ? `; ${u.didYouMean} is absent, so a default is used: ${u.defaultUsed}` : '';
  return `unknown key '${u.key}' (not read${mean})${used}`;
}

/** The outcome of mapping a config. */
export type HfMapping =
  | {
      readonly ok: true;
      /** The model in catalog form (validate with modelSchema). */
      readonly model: ModelInput;
      /** Config keys that describe the architecture but that chipbound does not model (sorted). */
      readonly unmapped: readonly string[];
      /** Keys read only for bookkeeping or that do not change sizes (token ids, numerics), sorted. */
      readonly ignored: readonly string[];
      /**
       * Keys that are neither read nor known Hugging Face keys (a rename such as `kv_heads`): each
       * with the read key it probably stands for and, when that key is absent, the default used instead.
       */
      readonly unknown: readonly HfUnknownKey[];
      /** What the mapping assumed (one sentence each). */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly issues: readonly HfIssue[] };

/** Whether a parsed JSON value looks like a Hugging Face config rather than a catalog model file. */
export function isHfConfig(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const o = raw as Record<string, unknown>;
  return !('layers' in o) && ('model_type' in o || 'architectures' in o || 'num_hidden_layers' in o || 'n_layer' in o);
}

/** A catalog id from a file stem (`deepseek-ai__DeepSeek-V3` → `deepseek-ai__deepseek-v3`). */
export function hfModelId(stem: string): string {
  const id = stem.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return id || 'hf-model';
}

/**
 * Maps a parsed `config.json` to a catalog model. `id` and `name` name the result; `source`
 * (e.g. the file name or the Hub repo id) goes into its `sources`.
 */
export function modelFromHfConfig(raw: unknown, o: { id: string; name?: string; source?: string }): HfMapping {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, issues: [{ key: '(top level)', message: 'expected a JSON object of config fields' }] };
  }
  const outer = raw as Record<string, unknown>;
  const issues: HfIssue[] = [];
  const used = new Set<string>();
  const notes: string[] = [];

  // Multimodal configs (Gemma 3, Llama 4, Mistral 3) keep the language model in `text_config`.
  let c = outer;
  const tc = outer.text_config;
  if (tc !== undefined && tc !== null) {
    if (typeof tc !== 'object' || Array.isArray(tc)) return { ok: false, issues: [{ key: 'text_config', message: 'expected an object of config fields' }] };
    const t = tc as Record<string, unknown>;
    for (const k of sizeKeys) {
      if (k in outer && k in t && outer[k] !== null && t[k] !== null && JSON.stringify(outer[k]) !== JSON.stringify(t[k])) {
        issues.push({ key: `text_config.${k}`, message: `${JSON.stringify(t[k])} conflicts with the top-level ${k} ${JSON.stringify(outer[k])}; keep one` });
      }
    }
    if (issues.length) return { ok: false, issues };
    const topHasSizes = ['num_hidden_layers', 'n_layer', 'num_layers'].some((k) => k in outer) && ['hidden_size', 'n_embd', 'd_model'].some((k) => k in outer);
    if (topHasSizes) {
      notes.push('sizes read from the top level (the text_config block sets none that differ)');
    } else {
      c = { ...t, ...('model_type' in t ? {} : 'model_type' in outer ? { model_type: outer.model_type } : {}) };
      notes.push(`sizes read from the text_config block (the top level has none)${typeof outer.model_type === 'string' ? ` of model_type ${outer.model_type}` : ''}`);
    }
  }

  if (c === outer && 'text_config' in outer) used.add('text_config');
  const type = typeof c.model_type === 'string' ? c.model_type : undefined;
  if ('model_type' in c) used.add('model_type');
  let fam = type !== undefined ? hfFamilies[type] : undefined;
  if (type !== undefined && !fam) {
    const near = nearestIds(type, Object.keys(hfFamilies), 2);
    issues.push({ key: 'model_type', message: `unknown model_type '${type}'${near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : ''}; known: ${Object.keys(hfFamilies).join(', ')}` });
  } else if ('model_type' in c && type === undefined) {
    issues.push({ key: 'model_type', message: `expected a string, got ${JSON.stringify(c.model_type)}` });
  }
  if (!fam) {
    fam = 'n_layer' in c || 'n_embd' in c ? hfFamilies.gpt2 : llamaLike;
    if (type === undefined) notes.push(`model_type absent; read as ${fam === llamaLike ? 'Llama-style (gated FFN, untied head, no biases)' : 'GPT-2-style'}: check gatedFfn, tiedEmbeddings and bias`);
  }
  // A mistyped key (num_key_value_head) would otherwise be "not mapped" and change the model silently.
  for (const k of Object.keys(c)) {
    const t = typoOf(k);
    if (t !== undefined) issues.push({ key: k, message: `unknown key '${k}' (did you mean '${t}'?)` });
  }

  // Nested objects the mapper reads: their keys are checked too (rope_scaling.original_max_position_embedding
  // would otherwise leave the context length at max_position_embeddings, 16x the pre-training length).
  const nestedUnknown: string[] = [];
  const qcRaw = c.quantization_config;
  if (qcRaw && typeof qcRaw === 'object' && !Array.isArray(qcRaw)) {
    for (const k of Object.keys(qcRaw)) if (!quantizationKeys.includes(k)) nestedUnknown.push(`quantization_config.${k}`);
  }
  const rsRaw = c.rope_scaling;
  if (rsRaw !== null && rsRaw !== undefined && (typeof rsRaw !== 'object' || Array.isArray(rsRaw))) {
    issues.push({ key: 'rope_scaling', message: `expected an object or null, got ${JSON.stringify(rsRaw)}` });
  } else if (rsRaw) {
    for (const k of Object.keys(rsRaw)) {
      if (ropeScalingKeys.includes(k)) continue;
      const t = nestedTypoOf(k, ropeScalingKeys);
      if (t !== undefined) issues.push({ key: `rope_scaling.${k}`, message: `unknown key '${k}' (did you mean '${t}'?)` });
      else nestedUnknown.push(`rope_scaling.${k}`);
    }
  }

  /** Reads an integer key (first present of `keys`); records problems. */
  function int(keys: readonly string[], required: boolean, min = 1): number | undefined {
    const key = keys.find((k) => k in c && c[k] !== null);
    if (key === undefined) {
      if (required) issues.push({ key: keys[0], message: `required, expected a whole number >= ${min}${keys.length > 1 ? ` (or ${keys.slice(1).join(' / ')})` : ''}` });
      for (const k of keys) if (k in c) used.add(k);
      return undefined;
    }
    // Aliases (num_experts_per_tok / experts_per_token in gpt-oss) are all read: the first present wins.
    for (const k of keys) if (k in c) used.add(k);
    const v = c[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      issues.push({ key, message: `expected a whole number >= ${min}, got ${JSON.stringify(v)}` });
      return undefined;
    }
    return v;
  }
  function bool(key: string): boolean | undefined {
    if (!(key in c) || c[key] === null) return undefined;
    used.add(key);
    if (typeof c[key] !== 'boolean') {
      issues.push({ key, message: `expected true or false, got ${JSON.stringify(c[key])}` });
      return undefined;
    }
    return c[key] as boolean;
  }

  const g2 = fam.gpt2Names === true;
  const layers = int(g2 ? ['n_layer', 'num_hidden_layers'] : ['num_hidden_layers', 'num_layers'], true);
  const hidden = int(g2 ? ['n_embd', 'hidden_size'] : ['hidden_size', 'd_model'], true);
  const heads = int(g2 ? ['n_head', 'num_attention_heads'] : ['num_attention_heads'], true);
  const vocab = int(['vocab_size'], true);
  const kvHeadsRaw = int(['num_key_value_heads'], false);
  const headDim = int(['head_dim'], false);
  const ffnRaw = int(g2 ? ['n_inner', 'intermediate_size'] : ['intermediate_size'], !g2);
  const tiedRaw = bool('tie_word_embeddings');
  const attnBias = bool('attention_bias');
  const mlpBias = bool('mlp_bias');
  const positions = int(g2 ? ['n_positions', 'max_position_embeddings'] : ['max_position_embeddings'], false);

  // MoE: DeepSeek (n_routed_experts), Mixtral / gpt-oss (num_local_experts), Qwen-MoE (num_experts).
  const experts = int(['n_routed_experts', 'num_local_experts', 'num_experts'], false);
  const topK = int(['num_experts_per_tok', 'experts_per_token'], experts !== undefined);
  const shared = int(['n_shared_experts'], false, 0);
  const moeFfn = int(['moe_intermediate_size'], false);
  const sharedFfn = int(['shared_expert_intermediate_size'], false);
  const firstDense = int(['first_k_dense_replace'], false, 0);
  const moeFreq = int(['moe_layer_freq', 'decoder_sparse_step'], false);
  let mlpOnly: number | undefined;
  if ('mlp_only_layers' in c) {
    used.add('mlp_only_layers');
    const v = c.mlp_only_layers;
    if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x))) issues.push({ key: 'mlp_only_layers', message: `expected a list of layer indices, got ${JSON.stringify(v)}` });
    else if (v.length > 0) {
      // Qwen-MoE: listed layers are dense. chipbound models dense layers as the leading ones.
      const sorted = [...(v as number[])].sort((a, b) => a - b);
      if (sorted.every((x, i) => x === i)) mlpOnly = v.length;
      else issues.push({ key: 'mlp_only_layers', message: `dense layers ${JSON.stringify(v)} are not the leading layers; chipbound models only leading dense layers (moe.denseLayers)` });
    }
  }

  // MLA (DeepSeek-V2 §2.1): q_lora_rank null = no query compression.
  const kvLora = int(['kv_lora_rank'], false);
  let mla: ModelInput['mla'];
  if (kvLora !== undefined) {
    const qLora = c.q_lora_rank === null ? 0 : int(['q_lora_rank'], false, 0);
    used.add('q_lora_rank');
    const nope = int(['qk_nope_head_dim'], true);
    const rope = int(['qk_rope_head_dim'], true, 0);
    const v = int(['v_head_dim'], true);
    if (nope !== undefined && rope !== undefined && v !== undefined) mla = { qLoraRank: qLora ?? 0, kvLoraRank: kvLora, qkNopeHeadDim: nope, qkRopeHeadDim: rope, vHeadDim: v };
  }
  const mtp = int(['num_nextn_predict_layers'], false, 0);

  if (experts === undefined && topK !== undefined && topK > 1) issues.push({ key: 'num_experts_per_tok', message: `${topK} experts per token but no expert count (n_routed_experts, num_local_experts or num_experts)` });
  if (experts !== undefined && topK !== undefined && topK > experts) issues.push({ key: 'num_experts_per_tok', message: `${topK} exceeds the ${experts} routed experts` });
  if (layers !== undefined && firstDense !== undefined && firstDense > layers) issues.push({ key: 'first_k_dense_replace', message: `${firstDense} exceeds num_hidden_layers ${layers}` });
  const kvHeads = kvHeadsRaw ?? heads;
  if (heads !== undefined && kvHeadsRaw !== undefined && heads % kvHeadsRaw !== 0 && !mla) {
    issues.push({ key: 'num_key_value_heads', message: `num_attention_heads ${heads} is not a multiple of ${kvHeadsRaw}` });
  }
  if (hidden !== undefined && heads !== undefined && headDim === undefined && !mla && hidden % heads !== 0) {
    issues.push({ key: 'head_dim', message: `required when hidden_size ${hidden} is not a multiple of num_attention_heads ${heads}` });
  }
  if (issues.length || layers === undefined || hidden === undefined || heads === undefined || vocab === undefined || kvHeads === undefined) {
    return { ok: false, issues };
  }

  const ffnHidden = ffnRaw ?? 4 * hidden;
  if (ffnRaw === undefined) notes.push(`n_inner absent: FFN width 4·hidden = ${ffnHidden} (GPT2Config default)`);
  const tied = tiedRaw ?? fam.tied;
  if (tiedRaw === undefined) notes.push(`tie_word_embeddings absent: ${tied} (default of the ${type ?? 'assumed'} config class)`);
  const bias = fam.bias || attnBias === true || mlpBias === true;
  if (attnBias === true && !mlpBias && !fam.bias) notes.push('attention_bias: counted as biases on every linear layer (slight over-count: the FFN has none)');
  if (type === 'qwen2') notes.push('Qwen2 Q/K/V biases are not counted (< 0.01% of parameters)');

  let moe: ModelInput['moe'];
  if (experts !== undefined && topK !== undefined) {
    const denseLayers = firstDense ?? mlpOnly ?? 0;
    // Mixtral has no moe_intermediate_size: each expert is an intermediate_size FFN.
    const expertFfn = moeFfn ?? ffnHidden;
    const sharedCount = shared ?? (sharedFfn !== undefined ? 1 : 0);
    moe = {
      experts,
      activeExperts: topK,
      sharedExperts: sharedCount,
      expertFfnHidden: expertFfn,
      denseLayers,
      ...(sharedFfn !== undefined && sharedFfn !== expertFfn ? { sharedExpertFfnHidden: sharedFfn } : {}),
      ...(moeFreq !== undefined && moeFreq > 1 ? { layerFrequency: moeFreq } : {}),
    };
    if (sharedFfn !== undefined) notes.push(`shared_expert_intermediate_size ${sharedFfn}: one shared expert of that width (Qwen-MoE)`);
  }

  // Pre-training context: RoPE scaling's original length when the config extends it (Llama 3.1 8K, DeepSeek-V3 4K), else max_position_embeddings.
  let context = positions;
  const rs = c.rope_scaling;
  if ('rope_scaling' in c) used.add('rope_scaling');
  if (rs && typeof rs === 'object' && !Array.isArray(rs)) {
    const orig = (rs as Record<string, unknown>).original_max_position_embeddings;
    if (typeof orig === 'number' && Number.isInteger(orig) && orig > 0) {
      context = orig;
      notes.push(`contextLength ${orig}: rope_scaling.original_max_position_embeddings (pre-training length; the config extends it to ${positions ?? 'more'})`);
    }
  }

  const model: ModelInput = {
    id: o.id,
    name: o.name ?? o.id,
    layers,
    hidden,
    ffnHidden,
    heads,
    kvHeads: mla ? heads : kvHeads,
    ...(headDim !== undefined && !mla && headDim !== hidden / heads ? { headDim } : {}),
    vocab,
    gatedFfn: fam.gated,
    tiedEmbeddings: tied,
    ...(mla ? { mla } : {}),
    ...(moe ? { moe } : {}),
    ...(mtp !== undefined && mtp > 0 ? { mtpDepth: mtp } : {}),
    ...(bias ? { bias: true } : {}),
    ...(g2 && positions !== undefined ? { learnedPositions: positions } : {}),
    ...(context !== undefined ? { contextLength: context } : {}),
    sources: [o.source ?? 'Hugging Face config.json'],
  };

  // A sliding window that is off (null, or use_sliding_window false) says nothing chipbound would model.
  if ('sliding_window' in c && (c.sliding_window === null || c.use_sliding_window === false)) used.add('sliding_window');
  const unmapped: string[] = [];
  const ignored: string[] = [];
  const unknownKeys: string[] = [];
  const sortKey = (k: string) => (irrelevant.has(k) ? ignored : knownUnmodelled.has(k) || mappedKeys.includes(k) ? unmapped : unknownKeys).push(k);
  for (const k of Object.keys(c)) {
    if (used.has(k)) continue;
    sortKey(k);
  }
  // Read from text_config: the top level's other blocks (vision_config, ...) are listed too.
  if (c !== outer) for (const k of Object.keys(outer)) if (k !== 'text_config' && !(k in c)) sortKey(k);
  unknownKeys.push(...nestedUnknown);
  // What a missing read key defaulted to, for the unknown key that may have been it.
  const defaults: Record<string, string | undefined> = {
    num_key_value_heads: mla ? undefined : `num_key_value_heads = num_attention_heads ${heads} (multi-head attention, no GQA)`,
    max_position_embeddings: context === undefined ? 'no context length (a 4,096-token training sequence)' : undefined,
    moe_intermediate_size: moe && moeFfn === undefined ? `expert width = intermediate_size ${ffnHidden}` : undefined,
    n_shared_experts: moe && shared === undefined ? `${moe.sharedExperts} shared experts` : undefined,
    first_k_dense_replace: moe && firstDense === undefined ? `${moe.denseLayers} leading dense layers` : undefined,
    mlp_only_layers: moe && firstDense === undefined && mlpOnly === undefined ? `${moe.denseLayers} leading dense layers` : undefined,
    num_nextn_predict_layers: mtp === undefined ? 'no multi-token-prediction layers' : undefined,
    tie_word_embeddings: tiedRaw === undefined ? `tie_word_embeddings ${tied}` : undefined,
    head_dim: headDim === undefined && !mla ? `head_dim = hidden_size / num_attention_heads ${hidden / heads}` : undefined,
    intermediate_size: ffnRaw === undefined ? `FFN width 4·hidden ${ffnHidden}` : undefined,
    num_experts_per_tok: undefined,
    // MLA (DeepSeek-V2/V3, Kimi K2): without the latent ranks the model maps to standard attention.
    kv_lora_rank: mla ? undefined : 'no multi-head latent attention (a full per-head KV cache instead of the compressed latent)',
    q_lora_rank: mla && (c.q_lora_rank === undefined || c.q_lora_rank === null) ? 'full-rank query projection (no query compression)' : undefined,
    qk_rope_head_dim: mla ? undefined : 'no multi-head latent attention',
  };
  const unknown: HfUnknownKey[] = unknownKeys.sort().map((key) => {
    const nested = /^(rope_scaling|quantization_config)\.(.*)$/.exec(key);
    const didYouMean = nested ? nearestIds(nested[2], nested[1] === 'rope_scaling' ? ropeScalingKeys : quantizationKeys, 1).find((n) => editDistance(nested[2].toLowerCase(), n) <= 3) : hfSuggestion(key);
    const defaultUsed = didYouMean !== undefined && !(didYouMean in c) ? defaults[didYouMean] : undefined;
    return { key, ...(didYouMean !== undefined ? { didYouMean } : {}), ...(defaultUsed !== undefined ? { defaultUsed } : {}) };
  });
  if ('sliding_window' in c && c.sliding_window !== null && c.use_sliding_window !== false) {
    notes.push(`sliding_window ${JSON.stringify(c.sliding_window)} is not modelled: attention FLOPs and KV cache are counted over the full context`);
  }
  if ('quantization_config' in c) notes.push('quantization_config: the checkpoint is quantized; chipbound sizes training in the plan precision and serving in --precision');
  unmapped.sort();
  const summary = [
    `Read from a Hugging Face config.json${type ? ` (model_type ${type})` : ''} by chipbound.`,
    ...notes.map((n) => `${n}.`),
    ...(unmapped.length ? [`Not mapped: ${unmapped.join(', ')}.`] : []),
    ...(unknown.length ? [`Unknown keys (not read): ${unknown.map((u) => u.key).join(', ')}.`] : []),
  ].join(' ');
  return { ok: true, model: { ...model, notes: summary }, unmapped, ignored: ignored.sort(), unknown, notes };
}

/** One line listing every issue (`key: message; key: message`). */
export function describeHfIssues(issues: readonly HfIssue[]): string {
  return issues.map((i) => `${i.key}: ${i.message}`).join('; ');
}
