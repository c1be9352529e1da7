/**
 * Regression cases from the third adversarial run of issue #14 (classes A, D, E): a Hugging Face
 * config.json key that is neither read nor a known Hugging Face key is named on stderr by every
 * command that reads the config (with the read key it may stand for and the default used instead),
 * and x1000 slips that each value's own bounds let through (500T tokens for a 13B model, a global
 * batch of 128,000 sequences, 2,048,000 accelerators) are warned about, naming the flag or field.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runMain as run } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-adv3-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const fixtures = join(repoRoot, 'test', 'fixtures', 'hf-configs');
const fixture = (f: string) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as Record<string, unknown>;
/** A fixture config with key `from` renamed `to`. */
function renamed(f: string, from: string, to: string): string {
  const { [from]: v, ...rest } = fixture(f);
  return file(`${to}-${f}`, JSON.stringify({ ...rest, [to]: v }));
}

const A100 = ['--chip', 'nvidia-a100-sxm4-80gb'];
const FIXED = ['--plan', 'tp1 pp1 dp16 cp1 ep1 vpp1 mb1 zero1 rc:full', '--precision', 'bf16', '--schedule', '1f1b'];
const scenario = (model: string, workload: string) =>
  `name: t\nbuyer:\n  destination: US\n  date: '2024-06-01'\npools:\n  - id: p\n    chip: nvidia-a100-sxm4-80gb\n    count: 16\n    acquired: owned\nworkloads:\n  - kind: train\n    model: ${model}\n${workload}`;
const PLAN = '    plan: tp1 pp1 dp16 cp1 ep1 vpp1 mb1 zero1 rc:full bf16 1f1b\n';

describe('adversarial run 3, class A: unknown Hugging Face config keys', () => {
  const kv = () => renamed('meta-llama__Llama-3.1-8B.json', 'num_key_value_heads', 'kv_heads');
  const line = /unknown key 'kv_heads' \(not read; did you mean num_key_value_heads\?\); num_key_value_heads is absent, so a default is used: num_key_value_heads = num_attention_heads 32 \(multi-head attention, no GQA\)/;
  const commands: [string, (f: string) => string[]][] = [
    ['model', (f) => ['model', f]],
    ['train', (f) => ['train', '--model', f, '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8', '--global-batch', '64', '--plan', 'tp1 pp1 dp8 cp1 ep1 vpp1 mb1 zero1 rc:full', '--precision', 'bf16', '--schedule', '1f1b']],
    ['infer', (f) => ['infer', '--model', f, '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '1', '--tp', '1', '--batch', '8', '--prompt-tokens', '1000', '--output-tokens', '100']],
    ['design', (f) => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--serve', f, '--gpus', '8', '--prompt-tokens', '1000', '--output-tokens', '100', '--tpot-ms', '50']],
    ['scenario', (f) => ['scenario', file('s-kv.yaml', scenario(f, `    tokens: 1T\n    seq: 4096\n    globalBatch: 64\n${PLAN}`)), '--workers', '1']],
  ];
  it.each(commands)('%s: a renamed key whose read key is absent is refused in one line, with the file, the read key and the default it would get', async (_name, args) => {
    const f = kv();
    const r = await run(args(f));
    expect(r.code, r.err).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(f);
    expect(r.err).toMatch(line);
    expect(r.err).toContain('rename it to num_key_value_heads or remove it');
  }, 240_000);

  it.each([
    ['Qwen__Qwen3-235B-A22B.json', 'moe_intermediate_size', 'expert_size'],
    ['deepseek-ai__DeepSeek-V3.json', 'n_shared_experts', 'shared'],
    ['deepseek-ai__DeepSeek-V3.json', 'first_k_dense_replace', 'first_k_dense'],
    ['Qwen__Qwen2.5-72B.json', 'max_position_embeddings', 'max_len'],
  ])('%s: %s renamed %s (a default would replace it) is refused with exit 2', async (f, from, to) => {
    const r = await run(['model', renamed(f, from, to)]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(`unknown key '${to}' (not read; did you mean ${from}?)`);
    expect(r.err).toContain(`rename it to ${from} or remove it`);
  }, 60_000);

  it('a renamed key chipbound does not read (sliding_window) is named on stderr and in the mapping footnote', async () => {
    const r = await run(['model', renamed('openai__gpt-oss-120b.json', 'sliding_window', 'window')]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`unknown key 'window' (not read; did you mean sliding_window?)`);
    expect(r.out).toMatch(/unknown keys \(not read; see the warnings\): window/);
  }, 60_000);

  it('a key misspelled inside quantization_config is named with its path', async () => {
    const raw = fixture('deepseek-ai__DeepSeek-V3.json') as Record<string, Record<string, unknown>>;
    const { quant_method, ...qc } = raw.quantization_config;
    const r = await run(['model', file('qc.json', JSON.stringify({ ...raw, quantization_config: { ...qc, quant_methd: quant_method } }))]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("unknown key 'quantization_config.quant_methd' (not read; did you mean quant_method?)");
  }, 60_000);

  it.each(readdirSync(fixtures).filter((f) => f.endsWith('.json')))('the shipped fixture %s produces no warning', async (f) => {
    const r = await run(['model', join(fixtures, f)]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
  }, 60_000);
});

describe('adversarial run 3, class D: x1000 slips judged against the job', () => {
  const cases: { name: string; args: () => string[]; warned: RegExp }[] = [
    { name: 'train --tokens 300T (300B meant) for a 7B model: beyond any published run', args: () => ['train', '--model', 'mistral-7b', '--chip', 'nvidia-h800-sxm5-80gb', '--gpus', '32', '--global-batch', '256', '--tp', '2', '--pp', '1', '--micro-batch', '1', '--tokens', '300T'], warned: /--tokens: 300,000,000,000,000 tokens is more than any published pre-training run/ },
    { name: 'design --tokens 300T: beyond any published run', args: () => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'mistral-7b', '--gpus', '32', '--tokens', '300T', '--global-batch', '256'], warned: /--tokens: 300,000,000,000,000 tokens is more than any published pre-training run/ },
    { name: 'train --tokens 500T for a 13B model (least time > 10 years)', args: () => ['train', '--model', 'llama-2-13b', ...A100, '--gpus', '16', '--global-batch', '128', '--tokens', '500T', ...FIXED], warned: /--tokens: 500,000,000,000,000 tokens take at least \d+ years on 16 × NVIDIA A100 SXM4 80GB even at 60% of peak/ },
    { name: 'train --tokens beyond 10^5 per parameter', args: () => ['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '16', '--global-batch', '128', '--tokens', '1000T', '--plan', 'tp1 pp1 dp16 cp1 ep1 vpp1 mb1 zero1 rc:full', '--precision', 'bf16', '--schedule', '1f1b'], warned: /--tokens: 1,000,000,000,000,000 tokens is 12[\d,]+ tokens per parameter/ },
    { name: 'train --global-batch 128000 (x1000 of 128) at seq 4096', args: () => ['train', '--model', 'llama-2-13b', ...A100, '--gpus', '16', '--global-batch', '128000', ...FIXED], warned: /--global-batch: 128,000 sequences × seq 4,096 = 524,288,000 tokens per step, more than the usual 200,000,000/ },
    { name: 'ablate --tokens 1e3T', args: () => ['ablate', '--model', 'llama-2-13b', ...A100, '--gpus', '16', '--tokens', '1e3T', '--global-batch', '128', '--workers', '1'], warned: /--tokens: 1,000,000,000,000,000 tokens take at least \d+ years/ },
    { name: 'overview --gpus 2048000', args: () => ['overview', '--gpus', '2048000', '--json'], warned: /--gpus: 2,048,000 chips is more accelerators than any cluster built/ },
    { name: 'design --gpus 8000000', args: () => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'llama-2-7b', '--gpus', '8000000', '--tokens', '100B', '--global-batch', '64'], warned: /--gpus: 8,000,000 chips is more accelerators than any cluster built/ },
    { name: 'train --gpus 2048000', args: () => ['train', '--model', 'llama-2-13b', ...A100, '--gpus', '2048000', '--global-batch', '2048000', '--plan', 'tp1 pp1 dp2048000 cp1 ep1 vpp1 mb1 zero1 rc:full', '--precision', 'bf16', '--schedule', '1f1b'], warned: /--gpus: 2,048,000 chips is more accelerators than any cluster built/ },
    { name: 'scenario tokens: 5e14 for a 13B model', args: () => ['scenario', file('s-tok.yaml', scenario('llama-2-13b', `    tokens: 5.0e14\n    seq: 4096\n    globalBatch: 128\n${PLAN}`)), '--workers', '1'], warned: /s-tok\.yaml: workloads\.0\.tokens: 500,000,000,000,000 tokens take at least \d+ years/ },
    { name: 'scenario globalBatch: 128000', args: () => ['scenario', file('s-gb.yaml', scenario('llama-2-13b', `    tokens: 500B\n    seq: 4096\n    globalBatch: 128000\n${PLAN}`)), '--workers', '1'], warned: /s-gb\.yaml: workloads\.0\.globalBatch: 128,000 sequences × seq 4,096 = 524,288,000 tokens per step/ },
    { name: 'train --deadline-days 0.001 (86 s)', args: () => ['train', '--model', 'llama-2-13b', ...A100, '--gpus', '16', '--global-batch', '128', '--tokens', '500B', '--objective', 'deadline', '--deadline-days', '0.001'], warned: /--deadline-days: 0\.001 days is an unusual duration/ },
    { name: 'train --deadline-days 30000 (82 years)', args: () => ['train', '--model', 'llama-2-13b', ...A100, '--gpus', '16', '--global-batch', '128', '--tokens', '500B', '--objective', 'deadline', '--deadline-days', '30000'], warned: /--deadline-days: 30,000 days is an unusual duration/ },
    { name: 'infer --batch 16000000', args: () => ['infer', '--model', 'llama-2-13b', ...A100, '--gpus', '2', '--tp', '2', '--batch', '16000000', '--prompt-tokens', '512', '--output-tokens', '128'], warned: /--batch: 16,000,000 sequences in flight is an unusual serving batch/ },
    { name: 'scenario deadlineDays: 0.03', args: () => ['scenario', file('s-dl.yaml', scenario('llama-2-13b', `    tokens: 500B\n    seq: 4096\n    globalBatch: 128\n    deadlineDays: 0.03\n${PLAN}`)), '--workers', '1'], warned: /workloads\.0\.deadlineDays: 0\.03 days is an unusual duration/ },
  ];
  it.each(cases)('$name', async ({ args, warned }) => {
    const r = await run(args());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(warned);
  }, 240_000);

  it('a plausible job warns about none of these', async () => {
    const r = await run(['train', '--model', 'llama-2-13b', ...A100, '--gpus', '16', '--global-batch', '128', '--tokens', '500B', ...FIXED]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
  }, 240_000);
});

describe('adversarial run 3, classes A and E: messages name the right key or flag', () => {
  const cases: { name: string; args: () => string[]; refused: RegExp }[] = [
    { name: 'classify --headquarters XQ names --headquarters', args: () => ['classify', 'nvidia-h20', '--headquarters', 'XQ'], refused: /^chipbound: error: --headquarters: 'XQ' is not an ISO 3166-1 country code/ },
    { name: 'design --headquarters XQ names --headquarters', args: () => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'llama-2-7b', '--gpus', '8', '--tokens', '100B', '--global-batch', '64', '--headquarters', 'XQ'], refused: /--headquarters: 'XQ' is not an ISO 3166-1 country code/ },
    { name: "design --compare '' is refused", args: () => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'llama-2-7b', '--gpus', '8', '--tokens', '100B', '--global-batch', '64', '--compare', ''], refused: /--compare: expected chip ids, comma-separated, or none; got an empty value/ },
    { name: "design --compare 'nvidia-h100-sxm5-80gb,' is refused", args: () => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'llama-2-7b', '--gpus', '8', '--tokens', '100B', '--global-batch', '64', '--compare', 'nvidia-h100-sxm5-80gb,'], refused: /--compare 'nvidia-h100-sxm5-80gb,': entry 2 is empty/ },
    { name: 'scenario workload with kind renamed type names type', args: () => ['scenario', file('s-type.yaml', scenario('llama-2-13b', `    tokens: 500B\n`).replace('  - kind: train\n    model', '  - type: train\n    model')), '--workers', '1'], refused: /workloads\.0\.kind: .*unknown field 'type' \(did you mean 'kind'\?\)/ },
  ];
  it.each(cases)('$name', async ({ args, refused }) => {
    const r = await run(args());
    expect(r.code, r.err).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(refused);
    expect(r.out).toBe('');
  }, 240_000);
});
