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
