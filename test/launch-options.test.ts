/**
 * Validity of emitted launch configurations (issue 18): every option or key a target emits must be
 * one that the named framework/engine version has, as recorded (with its source) in data/launch/.
 * The emitted TEXT is parsed (shell words, YAML, TOML), so a typo in rendering fails too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getModel } from '../src/core/catalog/catalog.js';
import type { Model } from '../src/core/catalog/schemas.js';
import { serveEmitters, trainEmitters } from '../src/core/emit/emit.js';
import type { LaunchConfig, ServeLaunchInput, ServeTarget, TrainLaunchInput, TrainTarget } from '../src/core/emit/types.js';
import { repoRoot } from './cli-run.js';

/** The recorded option list of each target (data/launch/). */
const lists: Record<TrainTarget | ServeTarget, string> = {
  megatron: 'megatron-lm-core_r0.12.0-args.txt',
  nemo: 'megatron-bridge-0.1-keys.txt',
  torchtitan: 'torchtitan-0.1-keys.txt',
  vllm: 'vllm-0.10.1-args.txt',
  sglang: 'sglang-0.4.10-args.txt',
  trtllm: 'trtllm-1.0-args.txt',
};

function recorded(target: keyof typeof lists): Set<string> {
  const text = readFileSync(join(repoRoot, 'data', 'launch', lists[target]), 'utf8');
  expect(text).toMatch(/^# source: https:\/\//m);
  expect(text).toMatch(/TRANSCRIBED/);
  return new Set(text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

/** Dotted keys of a parsed YAML mapping (lists and scalars are leaves). */
function yamlKeys(v: unknown, prefix = ''): string[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [prefix];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => yamlKeys(x, prefix ? `${prefix}.${k}` : k));
}

/** The flags in a shell script's ARGS array and on the engine's command lines (comments stripped). */
function shellFlags(script: string): string[] {
  const lines = script.split('\n');
  const start = lines.indexOf('ARGS=(');
  const end = lines.indexOf(')', start);
  expect(start).toBeGreaterThanOrEqual(0);
  const body = lines.slice(start + 1, end).map((l) => l.replace(/\s+#.*$/, ''));
  // Extra words after "${ARGS[@]}" on the engine's own command line (vLLM headless ranks).
  const tails = lines.filter((l) => l.includes('"${ARGS[@]}"')).map((l) => l.split('"${ARGS[@]}"')[1] ?? '');
  return [...body, ...tails].flatMap((l) => l.match(/(?<=^|\s)--[a-zA-Z][a-zA-Z0-9_-]*/g) ?? []);
}

/** Every key in the emitted files of a configuration, by parsing the text. */
function emittedKeys(c: LaunchConfig): string[] {
  const keys: string[] = [];
  for (const f of c.files) {
    if (f.name.endsWith('.sh')) {
      keys.push(...shellFlags(f.content));
      const heredoc = f.content.match(/<<'YAML'\n([\s\S]*?)\nYAML/);
      if (heredoc) keys.push(...yamlKeys(parse(heredoc[1])));
    } else if (f.name === 'disagg-config.yaml') keys.push(...yamlKeys(parse(f.content)).map((k) => `disagg.${k}`));
    else if (f.name.endsWith('.yaml')) keys.push(...yamlKeys(parse(f.content)));
    else if (f.name.endsWith('.toml')) {
      let section = '';
      for (const line of f.content.split('\n')) {
        const s = line.match(/^\[([a-z_0-9]+)\]$/);
        if (s) section = s[1];
        const k = line.match(/^([a-z_0-9]+) = /);
        if (k) keys.push(`${section}.${k[1]}`);
      }
    } else throw new Error(`unexpected file ${f.name}`);
  }
  return keys;
}

function check(target: keyof typeof lists, c: LaunchConfig): void {
  const known = recorded(target);
  const keys = emittedKeys(c);
  expect(keys.length).toBeGreaterThan(3);
  for (const k of keys) expect(known.has(k), `${target}: '${k}' is not an option of ${c.version} (data/launch/${lists[target]})`).toBe(true);
  for (const o of c.options) expect(known.has(o.key), `${target}: option '${o.key}'`).toBe(true);
  // The structured options and the rendered text agree (nothing rendered that is not traced, and back).
  expect(new Set(keys)).toEqual(new Set(c.options.map((o) => o.key)));
}

const models: Model[] = ['deepseek-v3', 'llama-3.1-405b', 'mixtral-8x22b', 'gpt3-175b', 'qwen3-235b-a22b', 'hunyuan-large'].map((id) => getModel(id));

const divisors = (n: number) => Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);

const trainArb = fc
  .record({
    model: fc.constantFrom(...models),
    tp: fc.constantFrom(1, 2, 4, 8),
    pp: fc.constantFrom(1, 2, 4, 8, 16),
    dp: fc.constantFrom(1, 2, 8, 64),
    cp: fc.constantFrom(1, 2),
    vpp: fc.constantFrom(1, 2, 4),
    microBatch: fc.constantFrom(1, 2),
    recompute: fc.constantFrom('none', 'selective', 'full'),
    zero: fc.constantFrom(0, 1, 2, 3),
    precision: fc.constantFrom('bf16', 'fp8'),
    schedule: fc.constantFrom('1f1b', 'interleaved', 'zb', 'dualpipe'),
    sequenceParallel: fc.boolean(),
    epPick: fc.nat(),
    etp: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
    tokens: fc.option(fc.constantFrom(1e12, 15e12), { nil: undefined }),
    framework: fc.option(fc.constantFrom('megatron-lm-2024', 'nemo-2024', 'torchtitan-2024', 'hai-llm-2024', 'deepspeed-zero3-2021', 'other'), { nil: undefined }),
  })
  .map((r): TrainLaunchInput => {
    const eps = r.model.moe ? divisors(r.tp * r.dp * r.cp) : [1];
    const ep = eps[r.epPick % eps.length];
    const gpus = r.tp * r.pp * r.dp * r.cp;
    return {
      model: r.model,
      gpus,
      gpusPerNode: Math.min(8, gpus),
      seq: 4096,
      globalBatch: r.dp * r.microBatch * 8,
      ...(r.tokens !== undefined ? { tokens: r.tokens } : {}),
      ...(r.framework !== undefined ? { framework: r.framework } : {}),
      plan: { tp: r.tp, pp: r.pp, dp: r.dp, cp: r.cp, ep, vpp: r.vpp, microBatch: r.microBatch, recompute: r.recompute, zero: r.zero as 0 | 1 | 2 | 3, precision: r.precision, schedule: r.schedule, sequenceParallel: r.sequenceParallel, ...(r.etp !== undefined ? { etp: r.etp } : {}) },
    };
  });

const poolArb = (phase: 'both' | 'prefill' | 'decode') =>
  fc.record({ tp: fc.constantFrom(1, 2, 4, 8), pp: fc.constantFrom(1, 2), dp: fc.constantFrom(1, 2, 8), instances: fc.constantFrom(1, 3), batch: fc.integer({ min: 1, max: 4096 }), epAll: fc.boolean() }).map((p) => ({
    phase,
    gpus: p.tp * p.pp * p.dp * p.instances,
    plan: { tp: p.tp, pp: p.pp, dp: p.dp, ep: p.epAll ? p.tp * p.dp : 1 },
    batch: p.batch,
  }));

const serveArb = fc
  .record({
    model: fc.constantFrom(...models),
    pools: fc.oneof(poolArb('both').map((p) => [p]), fc.tuple(poolArb('prefill'), poolArb('decode')), poolArb('decode').map((p) => [p])),
    precision: fc.constantFrom('bf16', 'fp8', 'fp4', 'int4'),
    kvPrecision: fc.constantFrom('bf16', 'fp8'),
    speculative: fc.option(fc.constantFrom({ draftTokens: 1, acceptLength: 1.8 }, { draftTokens: 3, acceptLength: 2.5 }), { nil: undefined }),
    gpusPerNode: fc.constantFrom(4, 8),
  })
  .map(
    (r): ServeLaunchInput => ({
      model: r.model,
      pools: r.pools,
      promptTokens: 2000,
      outputTokens: 500,
      precision: r.precision,
      kvPrecision: r.kvPrecision,
      ...(r.speculative ? { speculative: r.speculative } : {}),
      gpusPerNode: r.gpusPerNode,
      maxNumTokens: 8192,
      kvMemoryFraction: 0.9,
    }),
  );

describe('emitted options exist in the recorded option lists (data/launch/)', () => {
  for (const target of Object.keys(trainEmitters) as TrainTarget[]) {
    it(`${target}: any plan`, () => {
      fc.assert(fc.property(trainArb, (input) => check(target, trainEmitters[target](input))), { numRuns: 150 });
    });
  }
  for (const target of Object.keys(serveEmitters) as ServeTarget[]) {
    it(`${target}: any deployment, colocated or disaggregated`, () => {
      fc.assert(fc.property(serveArb, (input) => check(target, serveEmitters[target](input))), { numRuns: 150 });
    });
  }

  it('a misspelled option fails the check', () => {
    const c = trainEmitters.megatron({ model: getModel('llama-3.1-8b'), gpus: 8, gpusPerNode: 8, seq: 8192, globalBatch: 64, plan: { tp: 8, pp: 1, dp: 1, cp: 1, ep: 1, vpp: 1, microBatch: 1, recompute: 'none', zero: 1, precision: 'bf16', schedule: '1f1b', sequenceParallel: true } });
    const bad = { ...c, files: c.files.map((f) => ({ ...f, content: f.content.replace('--tensor-model-parallel-size', '--tensor-parallel-size') })) };
    expect(() => check('megatron', bad)).toThrow(/--tensor-parallel-size/);
  });
});
