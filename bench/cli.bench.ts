/**
 * CLI start-up and end-to-end times (issue 15), process start to answer, of the compiled CLI
 * (dist/, what `npm i chipbound` runs; build it first with `npm run build`):
 *   - cold `chipbound rules` against a bare `node -e 0` (target: within 3×), median of 11 each,
 *     run alternately so a load change hits both;
 *   - the overview, a bare `chipbound` (target < 3 s), median of 5;
 *   - the plan search end to end for the two reference spaces (target < 1 s each), median of 5:
 *     DeepSeek-V3 on 2,048 H800 (seq 4096, global batch 15,360) and Llama 3.1 405B on 16,384
 *     H100 (seq 8192, global batch 2,048), precision auto (bf16 + fp8), as `chipbound train`.
 * Wall-clock numbers depend on how busy the machine is: the load average is printed with them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'chipbound.js');

function timeOnce(args: readonly string[]): number {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  delete env.CHIPBOUND_SRC;
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.split('\n')[0]}`);
  return s;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f3 = (s: number) => `${s.toFixed(3)} s`;

export const SEARCHES: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  {
    name: 'DeepSeek-V3 on 2,048 H800',
    args: ['train', '--model', 'deepseek-v3', '--chip', 'nvidia-h800-sxm5-80gb', '--gpus', '2048', '--gpus-per-node', '8', '--scale-out-gbps', '400', '--seq', '4096', '--global-batch', '15360', '--precision', 'auto'],
  },
  {
    name: 'Llama 3.1 405B on 16,384 H100',
    args: ['train', '--model', 'llama-3.1-405b', '--chip', 'nvidia-h100-sxm5-80gb', '--gpus', '16384', '--gpus-per-node', '8', '--scale-out-gbps', '400', '--seq', '8192', '--global-batch', '2048', '--precision', 'auto'],
  },
];

export function run(): void {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    console.log('dist/ is not built: run `npm run build` first (this bench times the compiled CLI)');
    return;
  }
  const cores = availableParallelism();
  console.log(`load average at start: ${loadavg()[0].toFixed(2)} (1 min) on ${cores} cores; numbers are comparable only when this is well below the core count`);
  timeOnce([bin, 'rules']); // file-system cache warm-up
  const bare: number[] = [];
  const rules: number[] = [];
  for (let i = 0; i < 11; i++) {
    bare.push(timeOnce(['-e', '0']));
    rules.push(timeOnce([bin, 'rules']));
  }
  const ratio = median(rules) / median(bare);
  console.log(`node -e 0: median ${f3(median(bare))} (min ${f3(Math.min(...bare))}); chipbound rules: median ${f3(median(rules))} (min ${f3(Math.min(...rules))})`);
  console.log(`result: start-up ratio rules / node -e 0 = ${ratio.toFixed(2)}× (target ≤ 3×) ${ratio <= 3 ? 'MET' : 'MISSED'}`);
  const five = [0, 1, 2, 3, 4];
  const overview = median(five.map(() => timeOnce([bin])));
  console.log(`result: overview (bare chipbound) median of 5 = ${f3(overview)} (target < 3 s) ${overview < 3 ? 'MET' : 'MISSED'}`);
  for (const s of SEARCHES) {
    const t = median(five.map(() => timeOnce([bin, ...s.args])));
    console.log(`result: search end to end, ${s.name}: median of 5 = ${f3(t)} (target < 1 s) ${t < 1 ? 'MET' : 'MISSED'}`);
  }
  console.log(`load average at end: ${loadavg()[0].toFixed(2)} (1 min)`);
}
