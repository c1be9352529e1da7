/**
 * The error contract (issue #2 item 5, issue #9, issue #14): malformed files and flags each get
 * exit code 2, one line on stderr naming the file/field/flag, no stack trace and no partial
 * stdout. Nothing wrong is accepted silently: misspelled keys, unit slips, impossible dates,
 * unknown countries, prototype keys. Runs main() in this process (runMain), one child process
 * only where the binary itself is the point.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runMain } from './cli-run.js';

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

const validModel = 'id: m\nname: M\nlayers: 2\nhidden: 64\nffnHidden: 256\nheads: 8\nkvHeads: 8\nvocab: 100\ngatedFfn: true\ntiedEmbeddings: false\n';

/** A small valid scenario (one serving workload) with an optional other workload line and date. */
function scenario(workload = '  - { kind: serve, model: llama-3.1-8b, promptTokens: 1000, outputTokens: 500 }', date = '2024-06-01'): string {
  return `name: S\nbuyer: { destination: CN, date: ${date} }\npools:\n  - { chip: nvidia-h20, count: 8, acquired: purchased }\nworkloads:\n${workload}\n`;
}

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
  // Issue #14: unknown keys, with the path and the nearest known key.
  { name: 'chip memoryGb', args: () => ['chip', file('k1.yaml', validChip.replace('memoryGB:', 'memoryGb:'))], expect: /k1\.yaml: chip: unknown field 'memoryGb' \(did you mean 'memoryGB'\?\)/ },
  { name: 'chip tflops.BF16', args: () => ['chip', file('k2.yaml', validChip.replace('bf16:', 'BF16:'))], expect: /k2\.yaml: chip: tflops: unknown field 'BF16' \(did you mean 'bf16'\?\)/ },
  { name: 'chip scaleupGBps', args: () => ['chip', file('k3.yaml', validChip.replace('scaleUpGBps:', 'scaleupGBps:'))], expect: /unknown field 'scaleupGBps' \(did you mean 'scaleUpGBps'\?\)/ },
  { name: 'model contextLenght', args: () => ['model', file('k4.yaml', `${validModel}contextLenght: 4096\n`)], expect: /k4\.yaml: model: unknown field 'contextLenght' \(did you mean 'contextLength'\?\)/ },
  { name: 'model moe.denseLayer', args: () => ['model', file('k5.yaml', `${validModel}moe: { experts: 8, activeExperts: 2, sharedExperts: 0, expertFfnHidden: 64, denseLayer: 1 }\n`)], expect: /k5\.yaml: model: moe: unknown field 'denseLayer' \(did you mean 'denseLayers'\?\)/ },
  { name: 'scenario plan tpp', args: () => ['scenario', file('k6.yaml', scenario('  - { kind: train, model: llama-3.1-8b, tokens: 1T, plan: { tpp: 4 } }'))], expect: /k6\.yaml: scenario: workloads\.0\.plan: unknown field 'tpp' \(did you mean 'tp'\?\)/ },
  // Adversarial findings #1 and #8: plans that contradict the model, the framework or themselves.
  { name: 'scenario plan ep on a dense model', args: () => ['scenario', file('p1.yaml', scenario('  - { kind: train, model: llama-3.1-8b, tokens: 1e9, seq: 4096, globalBatch: 64, plan: "tp2 pp1 dp4 cp1 ep2 mb1" }'))], expect: /p1\.yaml: scenario: workloads\.0\.plan: ep 2: llama-3\.1-8b is a dense model/ },
  { name: 'scenario plan vpp 2 with 1f1b', args: () => ['scenario', file('p2.yaml', scenario('  - { kind: train, model: llama-3.1-8b, tokens: 1e9, seq: 4096, globalBatch: 64, plan: { tp: 2, pp: 1, dp: 4, vpp: 2, schedule: 1f1b } }'))], expect: /p2\.yaml: scenario: workloads\.0\.plan: vpp 2 needs schedule interleaved, got schedule 1f1b/ },
  { name: 'scenario plan ep not dividing the experts', args: () => ['scenario', file('p3.yaml', scenario('  - { kind: train, model: mixtral-8x7b, tokens: 1e9, seq: 4096, globalBatch: 64, plan: "ep3" }'))], expect: /p3\.yaml: scenario: workloads\.0\.plan: ep 3 must divide the 8 experts of mixtral-8x7b/ },
  { name: 'scenario plan the framework cannot run', args: () => ['scenario', file('p4.yaml', scenario('  - { kind: train, model: llama-3.1-8b, tokens: 1e9, seq: 4096, globalBatch: 64, framework: megatron-deepspeed-2021, plan: "cp2" }'))], expect: /p4\.yaml: scenario: workloads\.0\.plan: cp 2: context parallelism is not available in framework megatron-deepspeed-2021/ },
  { name: 'train partial plan etp not dividing the expert FFN', args: () => ['train', '--model', 'mixtral-8x7b', '--chip', 'h100', '--gpus', '16', '--seq', '4096', '--global-batch', '64', '--plan', 'tp2 pp1 dp8 cp1 ep8 etp3 mb1'], expect: /--etp 3 must divide the expert FFN width \(14336\) of mixtral-8x7b/ },
  { name: 'train partial plan ep·etp not dividing the stage ranks', args: () => ['train', '--model', 'mixtral-8x7b', '--chip', 'h100', '--gpus', '16', '--seq', '4096', '--global-batch', '64', '--plan', 'tp2 pp1 dp8 cp1 ep8 etp4 mb1'], expect: /--ep·--etp = 32 must divide the dp·cp·tp = 16 ranks/ },
  { name: 'train partial plan sp:on where the framework has none', args: () => ['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '8', '--seq', '4096', '--global-batch', '64', '--framework', 'megatron-deepspeed-2021', '--plan', 'tp2 pp1 dp4 cp1 ep1 mb1 sp:on'], expect: /--sequence-parallel on: sequence parallelism is not available in --framework megatron-deepspeed-2021/ },
  { name: 'train partial plan tp2 on a chip without a scale-up link', args: () => ['train', '--model', 'llama-3.1-8b', '--chip', file('nolink2.yaml', validChip.replace('scaleUpGBps: 900', 'scaleUpGBps: 0')), '--gpus', '8', '--seq', '4096', '--global-batch', '64', '--plan', 'tp2'], expect: /--tp 2: tp \(2\) needs a scale-up link; My chip has scaleUpGBps 0/ },
  { name: 'train partial plan tp not dividing the heads', args: () => ['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '12', '--seq', '4096', '--global-batch', '48', '--tp', '3'], expect: /--tp 3 must divide the 32 attention heads of llama-3\.1-8b/ },
  // File syntax: duplicate JSON keys, merge keys, several documents, invalid UTF-8.
  { name: 'duplicate JSON key', args: () => ['chip', file('dup.json', '{"id": "a", "id": "b"}')], expect: /dup\.json: not valid JSON: repeated key 'id' at line 1/ },
  { name: 'YAML merge key', args: () => ['chip', file('merge.yaml', `base: &b { bf16: 1 }\n${validChip.replace('tflops: { bf16: 400, int8: 800 }', 'tflops:\n  <<: *b')}`)], expect: /merge\.yaml: .*<</ },
  { name: 'second YAML document', args: () => ['chip', file('two.yaml', `${validChip}---\nid: other\n`)], expect: /two\.yaml: not valid YAML: 2 documents/ },
  { name: 'invalid UTF-8', args: () => ['chip', file('latin1.yaml', Buffer.from(validChip.replace('Acme', 'Acm\u00e9'), 'latin1'))], expect: /latin1\.yaml: not valid UTF-8 text \(invalid byte 0xe9/ },
  { name: '__proto__ key', args: () => ['chip', file('proto.json', '{"__proto__": {"polluted": 1}}')], expect: /proto\.json: __proto__: '__proto__' is not allowed/ },
  // Unit slips: refused with the unit in the message.
  { name: 'memoryGB in bytes', args: () => ['chip', file('u1.yaml', validChip.replace('memoryGB: 96', 'memoryGB: 85899345920'))], expect: /u1\.yaml: chip: memoryGB: 85,899,345,920 is not a plausible memory size in GB/ },
  { name: 'bf16 in FLOPS', args: () => ['chip', file('u2.yaml', validChip.replace('bf16: 400', 'bf16: 989.5e12'))], expect: /u2\.yaml: chip: tflops\.bf16: .* is not a plausible peak throughput in TFLOPS/ },
  { name: 'tdpW in kW', args: () => ['chip', file('u3.yaml', `${validChip}tdpW: 0.7\n`)], expect: /u3\.yaml: chip: tdpW: 0\.7 is not a plausible board power in W/ },
  // Dates, limits, countries, prototype paths, output.
  { name: '--date 2023-02-30', args: () => ['classify', 'nvidia-h20', '--date', '2023-02-30'], expect: /'2023-02-30' is not a calendar date/ },
  { name: 'scenario date 2023-06-31', args: () => ['scenario', file('d.yaml', scenario(undefined, '2023-06-31'))], expect: /d\.yaml: scenario: buyer\.date: '2023-06-31' is not a calendar date/ },
  { name: 'ablate --tokens 1e30', args: () => ['ablate', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8', '--tokens', '1e30'], expect: /--tokens .* is not a plausible token count/ },
  { name: 'scenario tokens 1e30', args: () => ['scenario', file('t.yaml', scenario('  - { kind: train, model: llama-3.1-8b, tokens: 1e30 }'))], expect: /t\.yaml: scenario: workloads\.0\.tokens: 1e\+30 is not a plausible token count/ },
  { name: 'headroom --destination XX', args: () => ['headroom', 'nvidia-h20', '--destination', 'XX'], expect: /'XX' is not an ISO 3166-1 country code/ },
  { name: 'fleet-cap --destination ZZ', args: () => ['fleet-cap', 'nvidia-h20', '--destination', 'ZZ'], expect: /'ZZ' is not an ISO 3166-1 country code/ },
  { name: 'classify --destination QQ', args: () => ['classify', 'nvidia-h20', '--destination', 'QQ'], expect: /'QQ' is not an ISO 3166-1 country code/ },
  { name: 'scenario destination XX', args: () => ['scenario', file('c.yaml', scenario().replace('destination: CN', 'destination: XX'))], expect: /c\.yaml: scenario: buyer\.destination: 'XX' is not an ISO 3166-1 country code/ },
  { name: 'sweep path __proto__', args: () => ['scenario', file('p.yaml', `${scenario()}sweep:\n  __proto__.polluted: [1]\n`)], expect: /p\.yaml: .*'__proto__' is not allowed/ },
  { name: 'sweep path constructor', args: () => ['scenario', file('p2.yaml', `${scenario()}sweep:\n  pools.0.constructor: [1]\n`)], expect: /p2\.yaml: .*'constructor' is not allowed/ },
  { name: 'empty --out', args: () => ['scenario', file('o.yaml', scenario()), '--out', ''], expect: /--out: expected a folder, got an empty path/ },
  // Output paths that cannot be written fail fast, naming the flag (recursive mkdir hangs inside /proc).
  { name: 'scenario --out inside /proc', args: () => ['scenario', file('o2.yaml', scenario()), '--out', '/proc/chipbound-test/out'], expect: /--out '\/proc\/chipbound-test\/out': cannot write here: \/proc is a special file system/ },
  { name: 'scenario --out under a file', args: () => ['scenario', file('o3.yaml', scenario()), '--out', join(file('plain.txt', 'x'), 'sub')], expect: /--out '.*plain\.txt\/sub': cannot write here: .*plain\.txt is a file, not a folder/ },
  { name: 'train --emit --out inside /sys', args: () => ['train', '--model', 'llama-3.1-8b', '--chip', 'h100', '--gpus', '8', '--seq', '4096', '--global-batch', '64', '--plan', 'tp1 pp1 dp8 cp1 mb1', '--emit', 'megatron', '--out', '/sys/chipbound-test'], expect: /--out '\/sys\/chipbound-test': cannot write here: \/sys is a special file system/ },
  { name: 'design --save onto a folder', args: () => ['design', '--rules', 'us-2023-10', '--serve', 'qwq-32b', '--gpus', '8', '--prompt-tokens', '1000', '--output-tokens', '100', '--save', dir], expect: /--save '.*': cannot write here: it is a folder, not a file/ },
  // Near-miss ids of runs, sweeps and serving points name the closest ones.
  { name: 'validate --run near miss', args: () => ['validate', '--run', 'deepseekv3'], expect: /unknown run 'deepseekv3'; did you mean 'deepseek-v3-pretrain'/ },
  { name: 'validate --sweeps --run near miss', args: () => ['validate', '--sweeps', '--run', 'llama-405b'], expect: /unknown sweep 'llama-405b'; did you mean 'tt-llama31-405b-/ },
  { name: 'validate --inference --run near miss', args: () => ['validate', '--inference', '--run', 'llama-405b'], expect: /unknown serving point 'llama-405b'; did you mean 'trtllm-v1-llama3\.1-405b-/ },
  // A published parameter count 1000x the shape's (billions given as millions, or trillions as billions).
  { name: 'model published.totalB 1000x the shape', args: () => ['model', file('pub2.yaml', `${validModel}published: { totalB: 0.144 }\n`)], expect: /pub2\.yaml: model: published\.totalB: 0\.144 billion parameters is [\d,.]+× more than the [\d.e-]+ billion computed from the shape \(the unit is billions/ },
  { name: 'scenario global batch counted in tokens', args: () => ['scenario', file('gb.yaml', scenario('  - { kind: train, model: llama-3.1-8b, tokens: 1T, seq: 8192, globalBatch: 4194304 }'))], expect: /gb\.yaml: scenario: workloads\.0\.globalBatch: globalBatch 4,194,304 sequences × seq 8,192 = .* tokens per step; .*globalBatch counts sequences, not tokens/ },
  { name: 'model context longer than its learned positions', args: () => ['model', file('pos.yaml', `${validModel}learnedPositions: 2048\ncontextLength: 4096\n`)], expect: /pos\.yaml: model: contextLength: 4096 tokens is longer than the 2048 learned positions/ },
  { name: 'unknown command', args: () => ['frobnicate'], expect: /unknown command 'frobnicate'/ },
  // Serving flags (issue 16): scenarios, engines, scheduling, token budget, sweep, length distributions and files.
  ...servingCases(),
];

/** `infer` error cases for the scenario flags: each exits 2 with one line naming the flag. */
function servingCases(): { name: string; args: () => string[]; expect: RegExp }[] {
  const base = ['infer', '--model', 'llama-2-70b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8'];
  const L = ['--prompt-tokens', '1024', '--output-tokens', '256'];
  const off = [...base, ...L, '--scenario', 'offline'];
  const lengths = (v: string) => [...base, '--prompt-tokens', v, '--output-tokens', '256', '--scenario', 'offline'];
  return [
    { name: 'infer --scenario batch', args: () => [...base, ...L, '--scenario', 'batch'], expect: /--scenario <kind>' argument 'batch' is invalid\. expected one of offline, server, interactive/ },
    { name: 'infer --engine vllm (no version)', args: () => [...base, ...L, '--engine', 'vllm'], expect: /--engine <id>' argument 'vllm' is invalid\. expected one of trtllm-2024/ },
    { name: 'infer --scheduling continuous', args: () => [...base, ...L, '--scheduling', 'continuous'], expect: /--scheduling <mode>' argument 'continuous' is invalid\. expected one of static, inflight, disaggregated/ },
    { name: 'infer --chunk-tokens 8', args: () => [...off, '--chunk-tokens', '8'], expect: /--chunk-tokens <n>' argument '8' is invalid\. expected a whole number from 16/ },
    { name: 'infer --chunk-tokens 1.5', args: () => [...off, '--chunk-tokens', '1.5'], expect: /--chunk-tokens <n>' argument '1\.5' is invalid\. expected a whole number/ },
    { name: 'infer --sweep -1', args: () => [...base, ...L, '--scenario', 'server', '--sweep', '-1'], expect: /--sweep <n>' argument '-1' is invalid/ },
    { name: 'infer --sweep 1e9', args: () => [...base, ...L, '--scenario', 'server', '--sweep', '1e9'], expect: /--sweep <n>' argument '1e9' is invalid\. expected a whole number from 0 to 1,000/ },
    { name: 'infer --ttft-ms 0 (server)', args: () => [...base, ...L, '--scenario', 'server', '--ttft-ms', '0'], expect: /--ttft-ms <ms>' argument '0' is invalid/ },
    { name: 'lengths mean above max', args: () => lengths('mean:2000,max:1024'), expect: /--prompt-tokens <n\|dist\|file>' argument 'mean:2000,max:1024' is invalid\. expected 1 <= mean <= p99 <= max/ },
    { name: 'lengths p99 above max', args: () => lengths('mean:10,max:20,p99:30'), expect: /expected 1 <= mean <= p99 <= max, got mean 10, p99 30, max 20/ },
    { name: 'lengths mean without max', args: () => lengths('mean:100'), expect: /argument 'mean:100' is invalid\. expected mean:N,max:N \(both\)/ },
    { name: 'lengths unknown key', args: () => lengths('mean:10,max:20,foo:3'), expect: /argument 'mean:10,max:20,foo:3' is invalid\. expected N or mean:N,max:N\[,p99:N\]/ },
    { name: 'lengths key twice', args: () => lengths('mean:10,mean:20,max:30'), expect: /'mean' given twice/ },
    { name: 'lengths negative', args: () => [...base, '--prompt-tokens', '100', '--output-tokens', 'mean:-1,max:5', '--scenario', 'offline'], expect: /--output-tokens <n\|dist\|file>' argument 'mean:-1,max:5' is invalid/ },
    { name: 'lengths 0', args: () => lengths('0'), expect: /--prompt-tokens <n\|dist\|file>' argument '0' is invalid\. expected a whole number from 1/ },
    { name: 'lengths file: a word', args: () => lengths(file('len-word.txt', '100\nabc\n')), expect: /--prompt-tokens: .*len-word\.txt: entry 2 is 'abc', expected a whole number >= 1/ },
    { name: 'lengths file: zero', args: () => lengths(file('len-zero.txt', '0 5')), expect: /len-zero\.txt: entry 1 is '0', expected a whole number >= 1/ },
    { name: 'lengths file: fraction in JSON', args: () => lengths(file('len-frac.json', '[1, 2.5]')), expect: /len-frac\.json: entry 2 is '2\.5'/ },
    { name: 'lengths file: broken JSON', args: () => lengths(file('len-broken.json', '[1,')), expect: /--prompt-tokens: .*len-broken\.json: not a valid JSON array of lengths/ },
    { name: 'lengths file: JSON not a list', args: () => lengths(file('len-obj.json', '[{"a": 1}]')), expect: /len-obj\.json: entry 1 is '\{"a":1\}', expected a whole number/ },
    { name: 'lengths file: empty', args: () => lengths(file('len-empty.txt', '')), expect: /--prompt-tokens .*len-empty\.txt: no lengths/ },
    { name: 'lengths file: missing', args: () => lengths(join(dir, 'len-nope.txt')), expect: /--prompt-tokens: '.*len-nope\.txt' is neither N, mean:N,max:N nor a readable file of lengths/ },
    { name: 'distribution without --scenario', args: () => [...base, '--tp', '8', '--prompt-tokens', 'mean:294,max:1024', '--output-tokens', '294'], expect: /--prompt-tokens: a length distribution .* needs --scenario/ },
    { name: '--chunk-tokens without --scenario', args: () => [...base, ...L, '--chunk-tokens', '512'], expect: /--chunk-tokens: needs --scenario/ },
    { name: '--sweep without --scenario', args: () => [...base, ...L, '--sweep', '5'], expect: /--sweep: needs --scenario/ },
    { name: '--sweep with offline', args: () => [...off, '--sweep', '5'], expect: /--sweep: the request-rate sweep needs --scenario server or interactive/ },
    { name: '--ttft-ms with offline', args: () => [...off, '--ttft-ms', '100'], expect: /--ttft-ms: offline has no latency limits/ },
    { name: '--top with --scenario', args: () => [...off, '--top', '3'], expect: /--top: not used with --scenario/ },
    { name: '--max-gpus with --scenario', args: () => [...off, '--max-gpus', '16'], expect: /--max-gpus: not used with --scenario/ },
    { name: '--batch with --scenario', args: () => [...off, '--batch', '8'], expect: /--batch: not used with --scenario/ },
    { name: '--phase with --scenario', args: () => [...off, '--phase', 'decode'], expect: /--phase: not used with --scenario/ },
    { name: '--scenario without --gpus', args: () => ['infer', '--model', 'llama-2-70b', '--chip', 'nvidia-h100-sxm5-80gb', ...L, '--scenario', 'offline'], expect: /--gpus: required with --scenario/ },
    { name: '--scenario with tp not dividing gpus', args: () => [...off, '--tp', '3'], expect: /--gpus: 8 is not a multiple of tp·dp·pp = 3·1·1/ },
    { name: 'disaggregated on one accelerator', args: () => [...base.slice(0, -1), '1', ...L, '--scheduling', 'disaggregated'], expect: /--scheduling disaggregated: no layouts of llama-2-70b fit a prefill and a decode pool in 1 accelerators/ },
    { name: '--scenario --tp 8 on a chip without a scale-up link', args: () => ['infer', '--model', 'llama-3.1-8b', '--chip', file('nolink-serve.yaml', validChip.replace('scaleUpGBps: 900', 'scaleUpGBps: 0')), '--gpus', '8', ...L, '--scenario', 'offline', '--tp', '8'], expect: /tp \(8\) needs a scale-up link; My chip has scaleUpGBps 0 \(no link\), so tp must be 1/ },
  ];
}

describe('CLI error contract', () => {
  it.each(cases)('$name -> exit 2, one line', async ({ args, expect: pattern }) => {
    const r = await runMain(args());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^chipbound: /);
    expect(lines[0]).toMatch(pattern);
    expect(r.err).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  it('a JSON file with a UTF-8 byte-order mark is accepted, as in YAML', async () => {
    const json = JSON.stringify({ id: 'bom', name: 'B', vendor: 'Acme', datacenter: true, tflops: { bf16: 400 }, memoryGB: 96, sources: ['https://example.com'] });
    const r = await runMain(['chip', file('bom.json', `\uFEFF${json}`), '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('an unusual but possible value is accepted with a warning on stderr naming the unit', async () => {
    const r = await runMain(['chip', file('big.yaml', validChip.replace('memoryGB: 96', 'memoryGB: 96000')), '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: .*big\.yaml: memoryGB: 96,000 GB is an unusual memory size \(usually 4-4,000 GB\); check the unit\n$/);
    expect(JSON.parse(r.out)).toMatchObject({ id: 'my-chip' });
  });

  it('a valid ISO code whose groups are not modeled: a note says what is assumed', async () => {
    const r = await runMain(['fleet-cap', 'nvidia-h20', '--destination', 'KE', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^note: --destination KE: country groups not modeled for this code; assumed in no country group .*Tier 2\n$/);
  });

  it('warnings are held back when the command then fails: still exactly one stderr line', async () => {
    const r = await runMain(['train', '--model', 'no-such-model', '--chip', file('warn.yaml', validChip.replace('memoryGB: 96', 'memoryGB: 96000')), '--gpus', '8']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a zero scale-up link means no link: a plan with tp > 1 is invalid with the reason', async () => {
    const r = await runMain(['train', '--model', 'llama-3.1-8b', '--chip', file('nolink.yaml', validChip.replace('scaleUpGBps: 900', 'scaleUpGBps: 0')), '--gpus', '8', '--global-batch', '64', '--tp', '8', '--pp', '1']);
    expect(`${r.out}${r.err}`).toMatch(/tp \(8\) needs a scale-up link; My chip has scaleUpGBps 0 \(no link\), so tp must be 1/);
  });

  it('a valid user chip file is accepted', () => {
    const r = runCli(['chip', file('ok.yaml', validChip), '--json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as { id: string; fields: { field: string; value: unknown }[] };
    expect(v.id).toBe('my-chip');
    expect(v.fields.find((f) => f.field === 'tflops.bf16')?.value).toBe(400);
  });
});

// Adversarial findings #2-#7: silent acceptance in files and flags.
describe('CLI error contract: no silent acceptance (adversarial findings #2-#7)', () => {
  const envelope = readFileSync(join('data', 'envelope', 'default.yaml'), 'utf8');
  const hf = (extra: Record<string, unknown>) => JSON.stringify({ model_type: 'llama', num_hidden_layers: 32, hidden_size: 4096, intermediate_size: 14336, num_attention_heads: 32, vocab_size: 128256, ...extra });
  const train = ['train', '--model', 'llama-3.1-8b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '8', '--global-batch', '64'];
  const fileCases: { name: string; args: () => string[]; expect: RegExp }[] = [
    { name: 'HF key typo', args: () => ['model', file('hf-kv.json', hf({ num_key_value_head: 8 }))], expect: /num_key_value_head: unknown key 'num_key_value_head' \(did you mean 'num_key_value_heads'\?\)/ },
    { name: 'HF mixtral expert typo', args: () => ['model', file('hf-moe.json', hf({ model_type: 'mixtral', num_local_expert: 8, num_experts_per_tok: 2 }))], expect: /did you mean 'num_local_experts'\?\); num_experts_per_tok: 2 experts per token but no expert count/ },
    { name: 'HF unknown model_type', args: () => ['model', file('hf-mt.json', hf({ model_type: 'llamma' }))], expect: /unknown model_type 'llamma' \(did you mean 'llama'/ },
    { name: 'HF text_config conflict', args: () => ['model', file('hf-tc.json', hf({ text_config: { hidden_size: 1 } }))], expect: /text_config\.hidden_size: 1 conflicts with the top-level hidden_size 4096/ },
    { name: 'model published.totalB in units', args: () => ['model', file('pub.yaml', `${validModel}published: { totalB: 8030000000 }\n`)], expect: /pub\.yaml: model: published\.totalB: 8,030,000,000 is not a plausible parameter count in billion parameters/ },
    { name: 'envelope TFLOPS/mm² x1000', args: () => ['design', '--envelope', file('env-unit.yaml', envelope.replace('bf16TflopsPerMm2: 1.2156', 'bf16TflopsPerMm2: 1215.6')), '--rules', 'in-force'], expect: /env-unit\.yaml: technology envelope: processes\.0\.bf16TflopsPerMm2: 1,215\.6 is not a plausible .* in TFLOPS\/mm²/ },
    { name: 'envelope impossible date', args: () => ['design', '--envelope', file('env-date.yaml', envelope.replace("availableFrom: '2022-09-20'", "availableFrom: '2022-09-31'")), '--rules', 'in-force'], expect: /processes\.0\.availableFrom: '2022-09-31' is not a calendar date \(2022-09 has 30 days\)/ },
    { name: 'chip estimated path typo', args: () => ['chip', file('est.yaml', `${validChip}estimated: [dieAreaMM2]\n`)], expect: /est\.yaml: chip: estimated\.0: 'dieAreaMM2' is not a field path of this record \(did you mean 'dieAreaMm2'\?\)/ },
    { name: 'train --tokens fraction', args: () => [...train, '--tokens', '14.8'], expect: /--tokens <T>' argument '14\.8' is invalid\. expected a whole number of tokens/ },
    { name: 'scenario tokens fraction', args: () => ['scenario', file('s-tok.yaml', scenario('  - { kind: train, model: llama-3.1-8b, tokens: 14.8 }'))], expect: /s-tok\.yaml: scenario: workloads\.0\.tokens: expected a whole number of tokens \(e\.g\. 14\.8T, 2e12\), got 14\.8/ },
  ];
  it.each(fileCases)('$name -> exit 2, one line', async ({ args, expect: pattern }) => {
    const r = await runMain(args());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });

  it('an unusual model width is accepted with a warning naming field and unit', async () => {
    const m = await runMain(['model', file('effn.yaml', `${validModel}moe: { experts: 8, activeExperts: 2, sharedExperts: 0, expertFfnHidden: 2048000 }\n`), '--json']);
    expect(m.code).toBe(0);
    expect(m.err).toMatch(/warning: .*effn\.yaml: moe\.expertFfnHidden: 2,048,000 units is an unusual expert FFN width/);
  });

  it('more shared experts than routed experts loads with a warning naming the field', async () => {
    const m = await runMain(['model', file('shared.yaml', `${validModel}moe: { experts: 8, activeExperts: 2, sharedExperts: 8000, expertFfnHidden: 64 }\n`), '--json']);
    expect(m.code).toBe(0);
    expect(m.err).toMatch(/warning: .*shared\.yaml: moe\.sharedExperts: 8,000 shared experts is more than the 8 routed ones/);
  });

  it('train warns when --tokens is fewer than one global batch', async () => {
    const r = await runMain([...train, '--tokens', '1000', '--tp', '1', '--pp', '1', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: --tokens 1,000 is fewer than one global batch \(seq 8192 x 64 sequences = 524,288 tokens\)/);
  });
});
