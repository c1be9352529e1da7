/**
 * Writes src/core/train/residuals.generated.ts: the validation residuals the uncertainty band
 * uses (src/core/train/residuals.ts). Run after changing the training model or the runs
 * (a test fails while the file is stale). `--check`: exit 1 when it is out of date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinCatalog } from '../src/core/catalog/catalog.js';
import { residualsModuleText } from '../src/core/train/residuals.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'train', 'residuals.generated.ts');
const text = residualsModuleText(builtinCatalog());
const fresh = existsSync(file) && readFileSync(file, 'utf8') === text;
if (process.argv.includes('--check')) {
  if (!fresh) {
    console.error('src/core/train/residuals.generated.ts is out of date: run `npm run residuals`');
    process.exit(1);
  }
} else if (!fresh) writeFileSync(file, text);
console.log(`residuals: ${fresh ? 'up to date' : 'written'}`);
