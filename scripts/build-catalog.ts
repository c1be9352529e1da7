/** Validates data/ and compiles it to src/core/catalog/catalog.generated.ts (and dist-free JSON for the browser). */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { readCatalogDir, renderCatalogModule } from '../src/io/catalog-files.js';
import { ChipboundError } from '../src/core/errors.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src/core/catalog/catalog.generated.ts');
try {
  const data = readCatalogDir(join(root, 'data'));
  const text = renderCatalogModule(data);
  const check = process.argv.includes('--check');
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (check) {
    if (current !== text) {
      console.error('catalog.generated.ts is out of date with data/: run `npm run catalog`');
      process.exit(1);
    }
  } else if (current !== text) {
    writeFileSync(target, text);
  }
  const counts = Object.entries(data).map(([k, v]) => `${v.length} ${k}`).join(', ');
  console.log(`catalog: ${counts}`);
} catch (e) {
  if (e instanceof ChipboundError) {
    console.error(`catalog: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
