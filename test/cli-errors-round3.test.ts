/** Regression cases from the third adversarial check: flags that would have been ignored now exit 2 with one line. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from './cli-run.js';

const oneLine = (err: string) => err.trim().split('\n');

describe('flags that have no effect are refused', () => {
  it('chip --format with --json exits 2', async () => {
    const r = await run(['chip', 'h20', '--format', 'yaml', '--json']);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toHaveLength(1);
    expect(r.err).toMatch(/--format and --json: choose one/);
    expect(r.out).toBe('');
  });

  it('train --emit with an empty --out exits 2 instead of printing to stdout', async () => {
    const r = await run(['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '8', '--seq', '4096', '--global-batch', '64', '--emit', 'megatron', '--out', '']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out: expected a folder, got ''/);
    expect(r.out).toBe('');
  });

  it('infer --engine with --batch names --engine, not a --scenario the user did not give', async () => {
    const r = await run(['infer', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '1', '--prompt-tokens', '1000', '--output-tokens', '100', '--engine', 'vllm-2025', '--batch', '8']);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toHaveLength(1);
    expect(r.err).toMatch(/--batch: not used with --engine \(which implies --scenario offline\)/);
  });
});

describe('a misspelled key is named before the missing field it causes', () => {
  it('model file with kvheads names the unknown key and the did-you-mean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipbound-round3-'));
    const file = join(dir, 'm.yaml');
    writeFileSync(file, 'id: m\nname: M\nlayers: 2\nhidden: 256\nffnHidden: 1024\nheads: 4\nkvheads: 4\nvocab: 1000\ngatedFfn: true\ntiedEmbeddings: false\nsources: [x]\n');
    const r = await run(['model', file]);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toHaveLength(1);
    expect(r.err).toMatch(/unknown field 'kvheads' \(did you mean 'kvHeads'\?\)/);
  });
});

describe('design and serving flags', () => {
  const rules = ['design', '--rules', 'us-2023-10', '--destination', 'CN', '--date', '2024-06-01'];
  it('design refuses serving flags without --serve and a second size without --train', async () => {
    const a = await run([...rules, '--train', 'llama-3.1-8b', '--gpus', '64', '--tokens', '1T', '--seq', '4096', '--global-batch', '256', '--prompt-tokens', '1000']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/--prompt-tokens: only used with --serve/);
    const b = await run([...rules, '--serve', 'llama-3.1-8b', '--gpus', '8', '--serve-gpus', '4', '--prompt-tokens', '100', '--output-tokens', '100']);
    expect(b.code).toBe(2);
    expect(oneLine(b.err)).toHaveLength(1);
    expect(b.err).toMatch(/--serve-gpus 4 with --gpus 8/);
  });

  it('latency targets take their bounds from the limits table', async () => {
    const r = await run(['infer', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '1', '--prompt-tokens', '100', '--output-tokens', '100', '--ttft-ms', '1e300']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a plausible time-to-first-token target in ms \(expected 0\.001-3,600,000\)/);
  });
});
