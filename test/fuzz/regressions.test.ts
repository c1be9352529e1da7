/** Crashes the fuzzer found (issue #9), kept as fixed cases: each must be exit 0 or a clean one-line exit 2. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, runInProcess } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-regress-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const cases: { name: string; argv: () => string[]; code: 0 | 2; stderr?: RegExp }[] = [
  { name: 'newline inside an id is escaped', argv: () => ['chip', 'a\nb'], code: 2, stderr: /unknown chip 'a\\nb'/ },
  { name: 'newline inside a flag value is escaped', argv: () => ['classify', 'nvidia-h20', '--tf32-bits', 'a\nb'], code: 2 },
  { name: 'a 200,000-character id is cut', argv: () => ['chip', 'x'.repeat(200_000)], code: 2, stderr: /\(200000 characters\)/ },
  { name: "commander's suggestion joins the line", argv: () => ['chips', '--json=1'], code: 2, stderr: /unknown option '--json=1' \(Did you mean --json\?\)/ },
  { name: 'YAML unknown tag', argv: () => ['chip', file('tag.yaml', '!!js/function "function(){}"')], code: 2 },
  { name: "race --reproduce '' is an unknown id", argv: () => ['race', '--reproduce', ''], code: 2, stderr: /unknown race entry ''/ },
  {
    name: 'bad input inside a search worker stays exit 2',
    argv: () => ['train', '--model', 'deepseek-v3', '--chip', 'cambricon-mlu370-x8', '--gpus', '65536', '--global-batch', '16384'],
    code: 2,
    stderr: /scaleOutGbps is not public/,
  },
  {
    name: 'a broken JSON file of lengths is a usage error, not an internal one',
    argv: () => ['infer', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '1', '--prompt-tokens', file('lengths.json', '[1,'), '--output-tokens', '64', '--scenario', 'offline'],
    code: 2,
    stderr: /--prompt-tokens: .*lengths\.json: not a valid JSON array of lengths/,
  },
  {
    name: '--chunk-tokens without a scenario is refused, not ignored',
    argv: () => ['infer', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '1', '--prompt-tokens', '100', '--output-tokens', '64', '--chunk-tokens', '512'],
    code: 2,
    stderr: /--chunk-tokens: needs --scenario/,
  },
  // Adversarial run 2 (issue #14): contradictions that infer evaluated, flags that train ignored.
  { name: 'infer --tp not dividing the heads', argv: () => ['infer', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '3', '--tp', '3', '--batch', '8', '--prompt-tokens', '100', '--output-tokens', '100'], code: 2, stderr: /tp: 3 must divide the 32 attention heads/ },
  { name: 'infer --accept-length beyond draft + 1', argv: () => ['infer', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '1', '--draft-tokens', '2', '--accept-length', '5', '--prompt-tokens', '100', '--output-tokens', '100'], code: 2, stderr: /acceptLength/ },
  { name: 'train --scale-out-gbps in Mb/s', argv: () => ['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8', '--global-batch', '64', '--scale-out-gbps', '400000'], code: 2, stderr: /not a plausible scale-out bandwidth in Gb\/s/ },
  { name: 'train --deadline-days without the deadline objective', argv: () => ['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8', '--global-batch', '64', '--deadline-days', '10'], code: 2, stderr: /--deadline-days 10: only used with --objective deadline/ },
  { name: 'HF config with a misspelled rope_scaling key', argv: () => ['model', file('config.json', JSON.stringify({ model_type: 'llama', hidden_size: 256, intermediate_size: 1024, num_attention_heads: 4, num_hidden_layers: 2, num_key_value_heads: 4, vocab_size: 1000, rope_scaling: { rope_tpye: 'llama3' } }))], code: 2, stderr: /rope_scaling\.rope_tpye: unknown key 'rope_tpye' \(did you mean 'rope_type'\?\)/ },
  // Adversarial run 3 (issue #14): a renamed HF key and x1000 slips within each value's bounds are warned about, naming the key or flag.
  { name: 'HF config with num_key_value_heads renamed kv_heads', argv: () => ['model', file('kv.json', JSON.stringify({ model_type: 'llama', hidden_size: 256, intermediate_size: 1024, num_attention_heads: 4, num_hidden_layers: 2, kv_heads: 1, vocab_size: 1000 }))], code: 2, stderr: /kv\.json: Hugging Face config: unknown key 'kv_heads' \(not read; did you mean num_key_value_heads\?\); num_key_value_heads is absent/ },
  { name: 'train --tokens 500T for a 13B model', argv: () => ['train', '--model', 'llama-2-13b', '--chip', 'nvidia-a100-sxm4-80gb', '--gpus', '16', '--global-batch', '128', '--tokens', '500T', '--plan', 'tp1 pp1 dp16 cp1 ep1 vpp1 mb1 zero1 rc:full', '--precision', 'bf16', '--schedule', '1f1b'], code: 0, stderr: /--tokens: 500,000,000,000,000 tokens take at least \d+ years/ },
  { name: 'train --global-batch 128000 of 4,096-token sequences', argv: () => ['train', '--model', 'llama-2-13b', '--chip', 'nvidia-a100-sxm4-80gb', '--gpus', '16', '--global-batch', '128000', '--plan', 'tp1 pp1 dp16 cp1 ep1 vpp1 mb1 zero1 rc:full', '--precision', 'bf16', '--schedule', '1f1b'], code: 0, stderr: /--global-batch: 128,000 sequences × seq 4,096 = 524,288,000 tokens per step/ },
  { name: "design --compare '' is refused, not read as the default chips", argv: () => ['design', '--rules', 'in-force', '--date', '2025-01-01', '--train', 'llama-2-7b', '--gpus', '8', '--tokens', '100B', '--global-batch', '64', '--compare', ''], code: 2, stderr: /--compare: expected chip ids/ },
  { name: 'classify --headquarters XQ names the flag', argv: () => ['classify', 'nvidia-h20', '--headquarters', 'XQ'], code: 2, stderr: /--headquarters: 'XQ'/ },
];

describe('fuzzer regressions', () => {
  it.each(cases)('$name', async ({ argv, code, stderr }) => {
    const a = argv();
    const r = await runInProcess(a);
    const v = classify(a, r);
    expect(v.kind === 'crash' ? v.why : 'fine').toBe('fine');
    expect(r.code).toBe(code);
    if (stderr) expect(r.stderr).toMatch(stderr);
  }, 300_000);
});
