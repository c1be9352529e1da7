/**
 * `chipbound web`: builds the app when dist/web is missing, serves it on 127.0.0.1 only, prints
 * the URL, never serves files outside the app folder, and rejects a bad --port with exit 2.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../cli-run.js';

function get(url: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((ok, fail) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
    })
      .on('error', fail)
      .end();
  });
}

describe('chipbound web', () => {
  it('serves the built app on loopback and prints its URL', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'chipbound.js'), 'web', '--port', '0', '--no-open'], { cwd: repoRoot, env: { ...process.env, CI: '1' } });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error(`no URL printed: ${out}`)), 50_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            ok(m[1]);
          }
        });
        child.on('exit', (code) => fail(new Error(`exited with ${code}: ${out}`)));
      });
      const index = await get(url);
      expect(index.status).toBe(200);
      expect(index.type).toContain('text/html');
      expect(index.body).toContain('<div id="app">');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(index.body)?.[1];
      expect(script).toBeDefined();
      expect((await get(`${url}${script}`)).type).toContain('javascript');
      expect((await get(`${url}..%2f..%2fpackage.json`)).status).toBeGreaterThanOrEqual(403);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('Ctrl-C closes the server: one line on stderr, exit 130', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'chipbound.js'), 'web', '--port', '0', '--no-open'], { cwd: repoRoot, env: { ...process.env, CI: '1' } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) ok(m[1]);
        });
        child.on('exit', (code) => fail(new Error(`exited with ${code}: ${out}`)));
      });
      expect((await get(url)).status).toBe(200);
      child.kill('SIGINT');
      const { code } = await ended;
      expect(code).toBe(130);
      expect(stderr.trim().split('\n')).toEqual(['chipbound: interrupted (Ctrl-C); web server stopped']);
      await expect(get(url)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);

  it('rejects a bad port with one line and exit 2', () => {
    const r = runCli(['web', '--port', 'abc', '--no-open']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
