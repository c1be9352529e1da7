import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../io/parse-file.js';
import { modelSchema, type Model, type ModelInput } from '../catalog/schemas.js';
import {
  attentionKind,
  decodeFlopsPerToken,
  forwardFlopsPerToken,
  kvCacheBytesPerToken,
  moeLayerCount,
  paramCounts,
  trainFlopsPerToken,
} from './architecture.js';

// Read data/models directly (not the compiled catalog) so these checks do not depend on
// `npm run catalog` having been run after the other collections changed.
const dir = join(import.meta.dirname, '..', '..', '..', 'data', 'models');
const models: Model[] = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => loadFile(modelSchema, join(dir, f), 'model'));
const byId = new Map(models.map((m) => [m.id, m]));
const model = (id: string): Model => {
  const m = byId.get(id);
  if (!m) throw new Error(`data/models/${id}.yaml is missing`);
  return m;
};
const rel = (computed: number, published: number) => Math.abs(computed / published - 1);

/** Ids other parts of the project (runs, serving, race, docs) refer to. */
const requiredIds = [
  'deepseek-v3', 'deepseek-r1', 'deepseek-v2', 'deepseek-llm-67b', 'hunyuan-large', 'llama-3.1-8b', 'llama-3.1-70b',
  'llama-3.1-405b', 'llama-2-7b', 'llama-2-13b', 'llama-2-34b', 'llama-2-70b', 'llama-1-65b', 'qwen2.5-72b', 'qwq-32b',
  'qwen3-235b-a22b', 'mixtral-8x7b', 'mixtral-8x22b', 'mistral-7b', 'llama-4-maverick', 'gpt3-175b', 'mt-nlg-530b',
  'megatron-1t', 'nemotron-4-340b', 'bloom-176b', 'opt-175b', 'palm-540b', 'gopher-280b', 'glm-130b', 'bloomberggpt-50b',
  'starcoderbase-15b', 'falcon-180b', 'mpt-7b', 'pythia-12b', 'smollm3-3b', 'baichuan2-7b', 'baichuan2-13b', 'internlm-7b',
  'dbrx-132b', 'megatron-1.7b', 'megatron-3.6b', 'megatron-7.5b', 'megatron-18.4b', 'megatron-39.1b', 'megatron-76.1b',
  'megatron-145.6b', 'megatron-310.1b', 'megatron-529.6b',
];

/**
 * Looser bands, one per model whose published total cannot be matched to 2%; each reason is
 * also in the model's `notes`.
 */
const looserBand: Record<string, number> = {
  // Table 1 of arXiv 2104.04473 rounds to 0.1B: 1.652B prints as 1.7 (half a step = 2.9%).
  'megatron-1.7b': 0.03,
  // Gopher's 280B includes Transformer-XL relative-position projections (21.5B) the schema cannot express.
  'gopher-280b': 0.1,
  // The published size is the model name; the untied 125,696-token vocabulary adds 1.0-1.3B.
  'baichuan2-7b': 0.1,
  'baichuan2-13b': 0.1,
  // The published size is the model name; the checkpoint holds 7.3B (untied 103,168-token vocabulary).
  'internlm-7b': 0.06,
};

describe('catalog models', () => {
  it('has every model id the rest of the project refers to, each with sources and a published total', () => {
    for (const id of requiredIds) {
      const m = model(id);
      expect(m.sources.length, id).toBeGreaterThan(0);
      expect(m.published?.totalB, id).toBeGreaterThan(0);
      expect(m.contextLength, id).toBeGreaterThan(0);
      if (m.moe) expect(m.published?.activeB, id).toBeGreaterThan(0);
    }
  });

  it.each(models.filter((m) => m.published?.totalB).map((m) => [m.id, m] as const))(
    '%s: computed total (and active) within its band of the published count',
    (id, m) => {
      const band = looserBand[id] ?? 0.02;
      const p = paramCounts(m);
      expect(rel(p.total / 1e9, m.published!.totalB!), `${id} total ${(p.total / 1e9).toFixed(2)}B`).toBeLessThan(band);
      if (m.published?.activeB) {
        expect(rel(p.active / 1e9, m.published.activeB), `${id} active ${(p.active / 1e9).toFixed(2)}B`).toBeLessThan(band);
      }
      if (!m.moe) expect(p.active).toBe(p.total);
    },
  );

  it('looser bands are used only where they are needed and documented in the notes', () => {
    for (const [id, band] of Object.entries(looserBand)) {
      const m = model(id);
      expect(rel(paramCounts(m).total / 1e9, m.published!.totalB!), id).toBeGreaterThan(0.02);
      expect(m.notes, id).toMatch(/band/);
      expect(band).toBeLessThanOrEqual(0.1);
    }
  });
});

describe('golden parameter counts', () => {
  it('DeepSeek-V3: 671B total, 37B active (arXiv 2412.19437 Table 1)', () => {
    const p = paramCounts(model('deepseek-v3'));
    expect(rel(p.total / 1e9, 671)).toBeLessThan(0.02);
    expect(rel(p.active / 1e9, 37)).toBeLessThan(0.02);
    // The HF checkpoint holds 685B: the 671B plus the MTP module with its copies of embedding and head.
    const m = model('deepseek-v3');
    expect(rel((p.total + p.mtp + 2 * m.vocab * m.hidden) / 1e9, 685)).toBeLessThan(0.01);
  });

  it('DeepSeek-R1 has the same architecture as DeepSeek-V3', () => {
    expect(paramCounts(model('deepseek-r1'))).toEqual(paramCounts(model('deepseek-v3')));
  });

  it('Llama 3.1 405B: 405B (arXiv 2407.21783 Table 3)', () => {
    expect(rel(paramCounts(model('llama-3.1-405b')).total / 1e9, 405)).toBeLessThan(0.02);
  });

  it('Hunyuan-Large: 389B total, 52B active; CLA removes the K/V projections of every second layer', () => {
    const m = model('hunyuan-large');
    const p = paramCounts(m);
    expect(rel(p.total / 1e9, 389)).toBeLessThan(0.02);
    expect(rel(p.active / 1e9, 52)).toBeLessThan(0.02);
    const noCla = paramCounts({ ...m, kvShareLayers: 1 });
    // 32 layers × (6400 × 8 heads × 80 × 2) K/V weights.
    expect(noCla.total - p.total).toBe(32 * 6400 * 8 * 80 * 2);
  });

  it('Megatron-LM 2021 models match 12lh²(1 + 13/(12h) + (V+s)/(12lh)) exactly (+ final LayerNorm)', () => {
    for (const m of models.filter((x) => x.id.startsWith('megatron-'))) {
      const { layers: l, hidden: h, vocab: V } = m;
      const s = m.learnedPositions!;
      const formula = 12 * l * h * h * (1 + 13 / (12 * h) + (V + s) / (12 * l * h));
      expect(Math.abs(paramCounts(m).total - (formula + 2 * h)), m.id).toBeLessThan(1e-6 * formula);
    }
  });
});

describe('KV cache', () => {
  it('is exact for MLA, GQA and CLA in BF16', () => {
    expect(kvCacheBytesPerToken(model('deepseek-v3'), 2)).toBe(70_272); // (512 + 64) × 61 × 2
    expect(kvCacheBytesPerToken(model('llama-3.1-405b'), 2)).toBe(516_096); // 2 × 8 × 128 × 126 × 2
    expect(kvCacheBytesPerToken(model('qwen2.5-72b'), 2)).toBe(327_680); // 2 × 8 × 128 × 80 × 2
    expect(kvCacheBytesPerToken(model('hunyuan-large'), 2)).toBe(81_920); // 2 × 8 × 80 × 32 × 2 (CLA 2)
    expect(kvCacheBytesPerToken(model('deepseek-v3'), 1)).toBe(35_136);
  });
});

describe('training FLOPs per token (arXiv 2505.09343 Table 2, sequence 4096)', () => {
  const g = (id: string, seq = 4096) => trainFlopsPerToken(model(id), seq) / 1e9;

  it('DeepSeek-V3 ≈ 250 and DeepSeek-V2 ≈ 155 GFLOPs/token: same convention as ours', () => {
    // Ours: 6 × (37.55B active − 0.93B input embedding) + causal attention 6·128·320·2048·61 = 250.5.
    expect(rel(g('deepseek-v3'), 250)).toBeLessThan(0.02);
    expect(rel(g('deepseek-v2'), 155)).toBeLessThan(0.02);
  });

  it('Llama 3.1 405B ≈ 2448 GFLOPs/token', () => {
    // Ours at 4096 is 2473 (+1.0%); the table's convention for the LM head/vocab is not stated.
    // At 8192 (Llama 3's pre-training length) ours is 2524, +3.1%.
    expect(rel(g('llama-3.1-405b'), 2448)).toBeLessThan(0.02);
    expect(g('llama-3.1-405b', 8192)).toBeGreaterThan(g('llama-3.1-405b'));
  });

  it('Qwen2.5-72B: ours is 445, 10-15% above the table’s 394 (not reproducible)', () => {
    // 394 is below 6 × 72.7B = 436 even before attention, so no counting of a 72.7B model
    // reproduces it; we keep our value and pin the known gap.
    const r = g('qwen2.5-72b') / 394;
    expect(r).toBeGreaterThan(1.1);
    expect(r).toBeLessThan(1.15);
  });

  it('equals Megatron 72lh²(1 + s/(12h) + V/(12lh)) per token for GPT-3 (Eq. 3 without recompute, causal half)', () => {
    const m = model('gpt3-175b');
    const { layers: l, hidden: h, vocab: V } = m;
    const s = 2048;
    const megatron = 72 * l * h * h * (1 + s / (12 * h) + V / (12 * l * h));
    // Differences: biases and LayerNorm weights (< 0.1%).
    expect(rel(trainFlopsPerToken(m, s), megatron)).toBeLessThan(0.001);
  });

  it('decode at context c costs the forward pass at seq 2c', () => {
    const m = model('llama-3.1-70b');
    expect(decodeFlopsPerToken(m, 4096)).toBeCloseTo(forwardFlopsPerToken(m, 8192), -3);
  });
});

/** Random valid model shapes: dense or MoE, MHA/GQA/MQA or MLA, optional CLA, biases, tying. */
const shapeArb: fc.Arbitrary<ModelInput> = fc
  .record({
    layers: fc.integer({ min: 1, max: 128 }),
    kvHeads: fc.integer({ min: 1, max: 16 }),
    groups: fc.integer({ min: 1, max: 8 }),
    headDim: fc.constantFrom(32, 64, 80, 128, 256),
    ffnHidden: fc.integer({ min: 1, max: 60_000 }),
    vocab: fc.integer({ min: 1, max: 300_000 }),
    gatedFfn: fc.boolean(),
    tiedEmbeddings: fc.boolean(),
    bias: fc.boolean(),
    kvShareLayers: fc.integer({ min: 1, max: 4 }),
    moe: fc.option(
      fc.record({
        experts: fc.integer({ min: 1, max: 256 }),
        pick: fc.double({ min: 0, max: 1, noNaN: true }),
        sharedExperts: fc.integer({ min: 0, max: 2 }),
        expertFfnHidden: fc.integer({ min: 1, max: 20_000 }),
        denseFrac: fc.double({ min: 0, max: 1, noNaN: true }),
        layerFrequency: fc.integer({ min: 1, max: 3 }),
      }),
      { nil: undefined },
    ),
    mla: fc.option(
      fc.record({
        qLoraRank: fc.constantFrom(0, 512, 1536),
        kvLoraRank: fc.integer({ min: 1, max: 1024 }),
        qkNopeHeadDim: fc.integer({ min: 1, max: 256 }),
        qkRopeHeadDim: fc.integer({ min: 0, max: 128 }),
        vHeadDim: fc.integer({ min: 1, max: 256 }),
      }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const heads = r.kvHeads * r.groups;
    return {
      id: 'random',
      name: 'random',
      layers: r.layers,
      hidden: heads * r.headDim,
      ffnHidden: r.ffnHidden,
      heads,
      kvHeads: r.kvHeads,
      vocab: r.vocab,
      gatedFfn: r.gatedFfn,
      tiedEmbeddings: r.tiedEmbeddings,
      bias: r.bias,
      kvShareLayers: r.kvShareLayers,
      mla: r.mla,
      moe: r.moe && {
        experts: r.moe.experts,
        activeExperts: 1 + Math.floor(r.moe.pick * (r.moe.experts - 1)),
        sharedExperts: r.moe.sharedExperts,
        expertFfnHidden: r.moe.expertFfnHidden,
        denseLayers: Math.floor(r.moe.denseFrac * r.layers),
        layerFrequency: r.moe.layerFrequency,
      },
    };
  });

describe('properties', () => {
  it('0 < active <= total; dense: active = total; KV cache and FLOPs positive and growing with seq', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 200_000 }), (input, seq) => {
        const m = modelSchema.parse(input);
        const p = paramCounts(m);
        expect(p.active).toBeGreaterThan(0);
        expect(p.total).toBeGreaterThan(0);
        expect(p.active).toBeLessThanOrEqual(p.total);
        if (!m.moe || moeLayerCount(m) === 0 || m.moe.activeExperts === m.moe.experts) expect(p.active).toBe(p.total);
        expect(kvCacheBytesPerToken(m)).toBeGreaterThan(0);
        expect(trainFlopsPerToken(m, seq + 1)).toBeGreaterThan(trainFlopsPerToken(m, seq));
        expect(trainFlopsPerToken(m, seq)).toBeGreaterThanOrEqual(6 * (p.active - p.embedding - p.norms));
      }),
      { numRuns: 300 },
    );
  });

  it('attention kind follows the head counts', () => {
    expect(attentionKind(model('deepseek-v3'))).toBe('MLA');
    expect(attentionKind(model('llama-2-7b'))).toBe('MHA');
    expect(attentionKind(model('palm-540b'))).toBe('MQA');
    expect(attentionKind(model('llama-3.1-405b'))).toBe('GQA');
  });
});
