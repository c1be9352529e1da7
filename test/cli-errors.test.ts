/**
 * The error contract (issue #2 item 5, issue #9): malformed files and flags each get exit code
 * 2, one line on stderr naming the file/field/flag, no stack trace and no partial stdout.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'chipbound-err-'));
function file(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const validChip = `id: my-chip
name: My chip
vendor: Acme
datacenter: true
tflops: { bf16: 400, int8: 800 }
memoryGB: 96
memoryTBps: 4
scaleUpGBps: 900
scaleUpDomain: 8
scaleOutGbps: 400
sources: [https://example.com/datasheet]
`;

const cases: { name: string; args: () => string[]; expect: RegExp }[] = [
  { name: 'unknown chip id suggests', args: () => ['chip', 'nvidia-h10'], expect: /unknown chip 'nvidia-h10'/ },
  { name: 'unknown model id', args: () => ['model', 'llama-9'], expect: /unknown model 'llama-9'/ },
  { name: 'missing file', args: () => ['chip', join(dir, 'nope.yaml')], expect: /nope\.yaml: cannot read/ },
  { name: 'empty file', args: () => ['chip', file('empty.yaml', '')], expect: /empty\.yaml: the file is empty/ },
  { name: 'binary junk', args: () => ['chip', file('junk.yaml', Buffer.from([0, 1, 2, 255, 0, 10]))], expect: /junk\.yaml: not a text file/ },
  { name: 'malformed yaml', args: () => ['chip', file('bad.yaml', 'id: [unclosed\nname: x: y: z')], expect: /bad\.yaml: not valid YAML/ },
  { name: 'malformed json', args: () => ['chip', file('bad.json', '{"id": "x",')], expect: /bad\.json: not valid JSON/ },
  { name: 'missing field', args: () => ['chip', file('nomem.yaml', validChip.replace('vendor: Acme\n', ''))], expect: /nomem\.yaml: chip: vendor: / },
  { name: 'wrong type', args: () => ['chip', file('type.yaml', validChip.replace('memoryGB: 96', 'memoryGB: lots'))], expect: /type\.yaml: chip: memoryGB: .*number/ },
  { name: 'negative size', args: () => ['chip', file('neg.yaml', validChip.replace('memoryGB: 96', 'memoryGB: -5'))], expect: /neg\.yaml: chip: memoryGB: / },
  { name: 'zero size', args: () => ['chip', file('zero.yaml', validChip.replace('tflops: { bf16: 400', 'tflops: { bf16: 0'))], expect: /zero\.yaml: chip: tflops\.bf16: / },
  { name: 'a list, not a mapping', args: () => ['chip', file('list.yaml', '- 1\n- 2\n')], expect: /list\.yaml: expected a chip object/ },
  { name: 'model heads not divisible', args: () => ['model', file('m.yaml', 'id: m\nname: M\nlayers: 2\nhidden: 64\nffnHidden: 256\nheads: 8\nkvHeads: 3\nvocab: 100\ngatedFfn: true\ntiedEmbeddings: false\n')], expect: /m\.yaml: model: kvHeads: heads \(8\) must be a multiple of kvHeads \(3\)/ },
  { name: 'unknown option', args: () => ['chips', '--nope'], expect: /unknown option '--nope'/ },
  { name: 'unknown command', args: () => ['frobnicate'], expect: /unknown command 'frobnicate'/ },
];

describe('CLI error contract', () => {
  it.each(cases)('$name -> exit 2, one line', ({ args, expect: pattern }) => {
    const r = runCli(args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^chipbound: /);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  it('a valid user chip file is accepted', () => {
    const r = runCli(['chip', file('ok.yaml', validChip), '--json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as { id: string; fields: { field: string; value: unknown }[] };
    expect(v.id).toBe('my-chip');
    expect(v.fields.find((f) => f.field === 'tflops.bf16')?.value).toBe(400);
  });
});
