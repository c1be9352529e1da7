/**
 * Stand-alone CLI fuzzing (issue #9): `npm run fuzz` runs 10,000 generated cases per command
 * (fixed seed) and prints a summary. Each command runs in its own child process under a
 * watchdog, so a synchronous infinite loop or an out-of-memory is caught and reported with the
 * case that caused it. Exit 1 when any case crashed.
 *
 *   npm run fuzz -- [--cases N] [--seed S] [--only chips,train] [--jobs J] [--json]
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { commandShapes } from '../test/fuzz/cases.js';
import { fuzzCommand, type FuzzSummary } from '../test/fuzz/run-cases.js';
import { FUZZ_SEED } from '../test/fuzz/seed.js';

/** A child with no progress for this long is hung (a single legitimate case takes under a minute). */
const WATCHDOG_MS = 180_000;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cases = Number(flag('--cases') ?? 10_000);
const seed = Number(flag('--seed') ?? FUZZ_SEED);

/** Child mode: fuzz one command, report progress lines and the summary on stdout. */
async function child(command: string): Promise<void> {
  const shape = commandShapes().find((s) => s.name === command);
  if (!shape) throw new Error(`no command ${command}`);
  const r = await fuzzCommand(shape, cases, seed, {
    dedupe: true,
    judgeHangs: true,
    onCase: (i, argv) => process.send?.({ progress: i, argv }),
  });
  process.send?.({ result: r });
}

interface Outcome {
  readonly command: string;
  readonly summary: FuzzSummary | null;
  /** Why the child died, with the case in progress. */
  readonly died?: string;
}

function runChild(command: string): Promise<Outcome> {
  return new Promise((done) => {
    const script = fileURLToPath(import.meta.url);
    const p = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', script, '--child', command, '--cases', String(cases), '--seed', String(seed)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, CI: '1', FORCE_COLOR: '0' },
    });
    let last = '(before the first case)';
    let summary: FuzzSummary | null = null;
    let stderr = '';
    let timer = setTimeout(() => p.kill('SIGKILL'), WATCHDOG_MS);
    p.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(0, 20_000)));
    p.on('message', (m: { progress?: number; argv?: string; result?: FuzzSummary }) => {
      clearTimeout(timer);
      timer = setTimeout(() => p.kill('SIGKILL'), WATCHDOG_MS);
      if (m.result) summary = m.result;
      else {
        last = `case ${m.progress}: ${m.argv}`;
        if (process.stderr.isTTY && m.progress! % 100 === 0) process.stderr.write(`\r${command} ${m.progress}/${cases}   `);
      }
    });
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (summary && code === 0) done({ command, summary });
      else done({ command, summary, died: `${signal === 'SIGKILL' ? `no progress for ${WATCHDOG_MS / 1000} s (hang)` : `exit ${code ?? signal}`} during ${last}; stderr: ${(stderr.split('\n').find((l) => /Error|error:/.test(l)) ?? stderr.trim().split('\n')[0] ?? '').slice(0, 300)}` });
    });
  });
}

async function parent(): Promise<number> {
  const only = flag('--only')?.split(',');
  const names = commandShapes().map((s) => s.name).filter((n) => !only || only.includes(n));
  const jobs = Math.max(1, Number(flag('--jobs') ?? Math.min(2, availableParallelism())));
  const queue = [...names];
  const outcomes: Outcome[] = [];
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let n = queue.shift(); n; n = queue.shift()) outcomes.push(await runChild(n));
    }),
  );
  outcomes.sort((a, b) => names.indexOf(a.command) - names.indexOf(b.command));
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
  } else {
    const rows = outcomes.map((o) => {
      const s = o.summary;
      return [o.command, s ? s.cases - s.duplicates : '—', s?.duplicates ?? '—', s?.ok ?? '—', s?.cleanErrors ?? '—', s ? s.crashes.length + (o.died ? 1 : 0) : 'died', s?.slow.length ?? '—', s ? Math.round(s.slowestMs) : '—', s ? (s.totalMs / 1000).toFixed(0) : '—'].map(String);
    });
    const head = ['command', 'run', 'repeats', 'exit 0', 'exit 2', 'crashes', 'over 5 s', 'slowest ms', 'total s'];
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ');
    console.log(`chipbound fuzz: ${cases} generated cases per command, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    console.log([line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n'));
    for (const o of outcomes) {
      if (o.died) console.log(`\n${o.command}: DIED ${o.died}`);
      const s = o.summary;
      if (!s) continue;
      const byWhy = new Map<string, { n: number; argv: string; why: string }>();
      for (const c of s.crashes) {
        const k = c.why.replace(/\d+/g, 'N').replace(/'[^']*'/g, "'…'").slice(0, 100);
        const e = byWhy.get(k) ?? { n: 0, argv: c.argv, why: c.why };
        e.n++;
        byWhy.set(k, e);
      }
      for (const e of byWhy.values()) console.log(`\n${o.command}: ${e.n} crash(es): ${e.why.slice(0, 300)}\n  e.g. chipbound ${e.argv.slice(0, 1500)}`);
      if (s.slow.length) console.log(`\n${o.command}: ${s.slow.length} case(s) over 5 s; slowest ${Math.round(s.slowestMs)} ms: chipbound ${s.slowestArgv.slice(0, 300)}`);
    }
  }
  return outcomes.some((o) => o.died || !o.summary || o.summary.crashes.length) ? 1 : 0;
}

const childCommand = flag('--child');
if (childCommand) await child(childCommand);
else process.exitCode = await parent();
