/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. Each exports `run(): Promise<void> | void`
 * that prints its own lines (what it measured, the target, the result).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.bench.ts')).sort()) {
  if (only && !f.includes(only)) continue;
  console.log(`\n## ${f}`);
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { run: () => Promise<void> | void };
  await mod.run();
}
