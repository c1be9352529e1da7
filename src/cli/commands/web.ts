/**
 * `chipbound web [--port P] [--no-open] [--rebuild]`: serves the prebuilt browser app (dist/web,
 * shipped in the npm package) with plain node:http on 127.0.0.1 only. Only in a repository
 * checkout (src/web present, Vite installed) is the app rebuilt when missing or older than its
 * sources; an installed package never needs Vite. The server keeps the process alive after main
 * returns; Ctrl-C closes it and exits 130 with one line (stopOnCtrlC). `serveStatic` is also what the browser tests use.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ChipboundError } from '../../core/errors.js';
import { emit } from '../output.js';
import { toJson } from '../table.js';
import { intFlag } from '../flags.js';

/** Package root (this file is src/cli/commands/web.ts, compiled to dist/cli/commands/web.js). */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Where `npm run build` writes the app. */
export const webDist = join(repoRoot, 'dist', 'web');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Serves `dir` on 127.0.0.1:`port` (0 = any free port). Resolves once listening. */
export function serveStatic(dir: string, port: number): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'EADDRINUSE' ? new ChipboundError('usage', `--port: port ${port} on 127.0.0.1 is in use; pick another with --port`) : e),
    );
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      ok({ server, url: `http://127.0.0.1:${p}/` });
    });
  });
}

/** Builds the app into `outDir` with the repository's vite.config.ts. */
export async function buildWeb(outDir: string = webDist): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** Newest modification time under the app's sources (src/web, src/core, examples, vite.config.ts), ms. */
function newestSource(): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src/web', 'src/core', 'examples', 'vite.config.ts']) walk(join(repoRoot, p));
  return newest;
}

/** Whether the app's sources are here (a repository checkout, not an installed package). */
export function hasWebSources(): boolean {
  return existsSync(join(repoRoot, 'src', 'web', 'index.html'));
}

/** Whether dist/web is missing or older than its sources (a checkout that moved on). */
export function webBuildStale(dir: string = webDist): boolean {
  const index = join(dir, 'index.html');
  return !existsSync(index) || (hasWebSources() && statSync(index).mtimeMs < newestSource());
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No desktop opener (servers, containers): the printed URL is enough.
  }
}

/**
 * Ctrl-C ends `chipbound web` like every command (docs/errors.md): one line on stderr, the
 * server closed (open connections dropped), exit 130. A second Ctrl-C exits at once.
 */
export function stopOnCtrlC(server: Server): void {
  process.once('SIGINT', () => {
    process.once('SIGINT', () => process.exit(130));
    process.stderr.write('chipbound: interrupted (Ctrl-C); web server stopped\n');
    server.close(() => process.exit(130));
    server.closeAllConnections();
    // Keep-alive sockets of a browser tab close at once above; never wait on one more than a second.
    setTimeout(() => process.exit(130), 1000).unref();
  });
}

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('serve the browser app on 127.0.0.1 (built when missing or out of date)')
    .option('--port <n>', 'port (default 5178; 0 = any free port)', intFlag(0, 65535))
    .option('--no-open', 'do not open a browser')
    .option('--rebuild', 'rebuild the app before serving')
    .option('--json', 'print { "url", "dir" } as JSON once serving')
    .action(async (o: { port?: number; open: boolean; rebuild?: boolean; json?: boolean }) => {
      if (o.rebuild || webBuildStale()) {
        if (!hasWebSources()) throw new ChipboundError('usage', `chipbound web: the prebuilt app is missing from ${webDist} and its sources are not here to rebuild it; reinstall the package`);
        await buildWeb();
      }
      const { server, url } = await serveStatic(webDist, o.port ?? 5178);
      stopOnCtrlC(server);
      emit(o.json ? toJson({ url, dir: webDist }) : `chipbound web: serving ${webDist} at ${url} (Ctrl-C to stop)`);
      if (o.open && !process.env.CI) openBrowser(url);
    });
}
