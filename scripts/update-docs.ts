/**
 * Regenerates the generated parts of the docs from the current model and catalog:
 * docs/validation.md (summary, leave-one-source-out, sweep and per-run tables;
 * src/cli/validation-doc.ts). Run after changing the model or data:
 * `npx tsx scripts/update-docs.ts`; `--check` exits 1 when the document is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { validationDoc } from '../src/cli/validation-doc.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'validation.md');
const old = readFileSync(file, 'utf8');
const { text, summaryLine } = validationDoc(old);
if (process.argv.includes('--check')) {
  if (text !== old) {
    console.error('docs/validation.md is out of date: run `npx tsx scripts/update-docs.ts`');
    process.exit(1);
  }
} else if (text !== old) writeFileSync(file, text);
console.log(summaryLine);
