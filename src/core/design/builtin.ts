/** The technology envelopes compiled into the catalog from data/envelope/ (npm run catalog). */
import { builtinCatalog, type Catalog } from '../catalog/catalog.js';
import { ChipboundError } from '../errors.js';
import type { Envelope } from './envelope.js';

/** A built-in envelope by id (default: the shipped data/envelope/default.yaml). */
export function builtinEnvelope(id = 'default', cat: Catalog = builtinCatalog()): Envelope {
  const list = (cat as Catalog & { envelope?: readonly Envelope[] }).envelope ?? [];
  const e = list.find((x) => x.id === id);
  if (!e) throw new ChipboundError('unknown_id', `unknown technology envelope '${id}' (built in: ${list.map((x) => x.id).join(', ') || 'none; run npm run catalog'})`);
  return e;
}
