/**
 * Writes schemas/*.schema.json (input files) and schemas/output/*.schema.json (--json outputs)
 * from the zod schemas (src/core/output-schemas/json-schemas.ts). `--check`: exit 1 when the
 * folder is out of date.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../src/core/output-schemas/json-schemas.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
const files = jsonSchemaFiles();
const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [name, text] of Object.entries(files)) {
  const p = join(dir, name);
  if (existsSync(p) && readFileSync(p, 'utf8') === text) continue;
  stale.push(name);
  if (!check) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}
// Schemas no longer generated (a renamed command) are removed.
for (const sub of ['', 'output']) {
  const d = join(dir, sub);
  if (!existsSync(d)) continue;
  for (const f of readdirSync(d).filter((f) => f.endsWith('.schema.json'))) {
    const name = sub ? `${sub}/${f}` : f;
    if (files[name]) continue;
    stale.push(`${name} (not generated)`);
    if (!check) rmSync(join(d, f));
  }
}
if (check && stale.length) {
  console.error(`schemas/ is out of date (${stale.join(', ')}): run \`npm run schemas\``);
  process.exit(1);
}
console.log(`schemas: ${Object.keys(files).length} files${stale.length && !check ? `, ${stale.length} updated` : ', up to date'}`);
