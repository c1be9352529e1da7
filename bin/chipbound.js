#!/usr/bin/env node
// Entry point: runs the compiled CLI (dist/, built by `npm run build`; `npm ci` and `npm pack` build it
// through the `prepare` script). No TypeScript loader at run time. Developers may run the sources
// without a build with CHIPBOUND_SRC=1 (uses tsx, a devDependency).

// A reader that closes the pipe early (`chipbound runs | head`) is not an error. Any other failed
// write (stdout on a full disk: ENOSPC, EIO) is one line on stderr and exit 2, code io
// (docs/errors.md), never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      try {
        process.stderr.write(`chipbound: error: standard output: cannot write (${(e && e.code) || 'error'})\n`);
      } catch {
        // stderr is gone too: the exit code still says it.
      }
    }
    process.exit(2);
  });
}

// Ctrl-C for the whole life of the command (docs/errors.md): one line and exit 130 even when it
// arrives while the CLI is still loading (seconds on a loaded machine). Once a command installs
// its own handler (thread.ts for the worker commands, the searches of scenario/ablate/train, the
// web server), this one stands aside and lets it answer.
// After the command has answered, its output may be partly written (a slow reader of a pipe): the
// line says so instead of "nothing written".
let answered = false;
const earlySigint = () => {
  if (process.listenerCount('SIGINT') > 1) return;
  try {
    process.stderr.write(answered ? 'chipbound: interrupted (Ctrl-C) while the output was being written; it may be incomplete\n' : 'chipbound: interrupted (Ctrl-C); nothing written\n');
  } catch {
    // stderr is gone: the exit code still says it.
  }
  process.exit(130);
};
process.on('SIGINT', earlySigint);

let main;
if (process.env.CHIPBOUND_SRC === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ cliMain: main } = await import('../src/cli/thread.ts'));
} else {
  try {
    ({ cliMain: main } = await import('../dist/cli/thread.js'));
  } catch (e) {
    if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/cli/thread.js')) {
      process.stderr.write('chipbound: error: the compiled CLI (dist/) is missing; run `npm run build` in the repository (or CHIPBOUND_SRC=1 to run the sources)\n');
      process.exit(2);
    }
    throw e;
  }
}
const code = await main(process.argv.slice(2));
answered = true;
process.exitCode = code;
