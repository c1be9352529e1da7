/**
 * File side of `chipbound scenario`: reading the scenario (YAML/JSON, the loader's error
 * messages), resolving chip and model files relative to it, atomic writes (temp file, then
 * rename, so a reader never sees half a report), and SVG -> PNG with resvg (no browser).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { chipSchema, modelSchema, type Chip, type Model } from '../core/catalog/schemas.js';
import { getChip, getModel } from '../core/catalog/catalog.js';
import { isFileRef } from '../core/scenario/schema.js';
import { loadFile, parseText, readText } from '../io/parse-file.js';
import { isHfConfigFile, loadHfConfig } from '../io/hf-config-file.js';

/** Reads and parses a scenario file (not yet validated). */
export function readScenarioFile(file: string): unknown {
  return parseText(readText(file), file);
}

/** Chip and model resolvers: catalog ids, or files relative to the scenario file. */
export function resolvers(scenarioFile: string): { chip: (ref: string) => Chip; model: (ref: string) => Model } {
  const base = dirname(scenarioFile);
  const path = (ref: string) => (isAbsolute(ref) ? ref : resolve(base, ref));
  const chips = new Map<string, Chip>();
  const models = new Map<string, Model>();
  return {
    chip: (ref) => {
      if (!isFileRef(ref)) return getChip(ref);
      if (!chips.has(ref)) chips.set(ref, loadFile(chipSchema, path(ref), 'chip'));
      return chips.get(ref)!;
    },
    model: (ref) => {
      if (!isFileRef(ref)) return getModel(ref);
      if (!models.has(ref)) models.set(ref, isHfConfigFile(path(ref)) ? loadHfConfig(path(ref)).model : loadFile(modelSchema, path(ref), 'model'));
      return models.get(ref)!;
    },
  };
}

/**
 * Renders SVG strings to PNG (2× scale) with resvg (@resvg/resvg-js: a Rust SVG renderer, a
 * regular dependency, loaded only when PNGs are asked for), using the system's fonts. Null when
 * the renderer has no build for this platform (the caller then keeps the SVGs and says so).
 */
export async function svgToPng(svgs: readonly string[]): Promise<Uint8Array[] | null> {
  let Resvg: typeof import('@resvg/resvg-js').Resvg;
  try {
    ({ Resvg } = await import('@resvg/resvg-js'));
  } catch {
    return null;
  }
  return svgs.map((svg) =>
    new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng(),
  );
}
