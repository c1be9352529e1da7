/**
 * Chart snapshots (Observable Plot's test/plot-snapshot.js idea): the SVG of a rendered chart with
 * numbers rounded and generated ids/classes normalized, compared to a stored file under
 * test/e2e/__snapshots__/. A missing file is written (commit it; in CI it fails); set UPDATE_SNAPSHOTS=1 to
 * rewrite. Numbers are rounded to 1 decimal so font-metric noise does not fail the test while a
 * moved threshold or point does.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../cli-run.js';

/** Normalizes an SVG string for comparison. */
export function normalizeSvg(svg: string): string {
  return svg
    .replace(/plot-[0-9a-f]{6}/g, 'plot-x')
    .replace(/(id|href|clip-path)="[^"]*"/g, '$1="x"')
    .replace(/-?\d+\.\d+/g, (n) => {
      const r = Number(Number(n).toFixed(1));
      return Object.is(r, -0) ? '0' : String(r);
    })
    .replace(/>\s+</g, '><')
    .replace(/></g, '>\n<');
}

/** Compares (or writes) the snapshot; returns the stored text and the actual text. */
export function svgSnapshot(name: string, svg: string): { expected: string; actual: string; file: string } {
  const file = join(repoRoot, 'test', 'e2e', '__snapshots__', `${name}.svg`);
  const actual = normalizeSvg(svg);
  if (!existsSync(file) && process.env.CI && !process.env.UPDATE_SNAPSHOTS) throw new Error(`missing chart snapshot ${file}: run the browser tests locally and commit it`);
  if (!existsSync(file) || process.env.UPDATE_SNAPSHOTS) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  return { expected: readFileSync(file, 'utf8'), actual, file };
}
