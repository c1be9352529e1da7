/**
 * The file side of resolve.ts: reading and validating a user's chip or model file (zod schemas,
 * the YAML parser). Kept apart so that commands given only catalog ids never load them
 * (start-up time, bench/cli.bench.ts); main.ts loads this module when an argument looks like a path.
 */
import { chipSchema, modelSchema, type Chip, type Model } from '../core/catalog/schemas.js';
import { loadFile } from '../io/parse-file.js';
import { isHfConfigFile, loadHfConfig } from '../io/hf-config-file.js';

export function loadChipFile(path: string): Chip {
  return loadFile(chipSchema, path, 'chip');
}

/** A catalog-format model file, or a Hugging Face config.json (issue 18; docs/launch.md). */
export function loadModelFile(path: string): Model {
  return isHfConfigFile(path) ? loadHfConfig(path).model : loadFile(modelSchema, path, 'model');
}
