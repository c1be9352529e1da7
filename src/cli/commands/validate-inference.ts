/** `chipbound validate --inference`: re-predicts every published serving point (data/serving) and reports the error. */
import { builtinCatalog, getChip, getModel } from '../../core/catalog/catalog.js';
import { nearestIds } from '../../core/catalog/nearest.js';
import { ChipboundError } from '../../core/errors.js';
import { validateServing } from '../../core/infer/validate.js';
import { fmt, pct, table, toJson } from '../table.js';

export function validateInference(opts: { json?: boolean; run?: string }): string {
  const cat = builtinCatalog();
  const points = opts.run ? cat.serving.filter((p) => p.id === opts.run || p.id.startsWith(opts.run!) || p.group === opts.run) : cat.serving;
  if (!points.length) {
    const hint = nearestIds(opts.run ?? '', [...new Set(cat.serving.flatMap((p) => (p.group ? [p.group, p.id] : [p.id])))]).map((id) => `'${id}'`);
    throw new ChipboundError('unknown_id', `unknown serving point '${opts.run}'${hint.length ? `; did you mean ${hint.join(', ')}?` : ''}`);
  }
  const v = validateServing(points, { model: (id) => getModel(id, cat), chip: (id) => getChip(id, cat) });
  if (opts.json) return toJson(v);
  const rows = v.rows.map((r) => [
    r.id,
    r.scenario,
    r.kind,
    fmt(r.measured),
    fmt(r.predicted),
    `${r.error >= 0 ? '+' : ''}${pct(r.error, 0)}`,
    `${r.excluded ? 'excluded' : r.withinBand ? 'ok' : `outside ±${pct(r.band, 0)}`}${r.measuredUnchecked ? ' (value unchecked)' : ''}`,
  ]);
  const s = v.summary;
  const unchecked = v.rows.filter((r) => r.measuredUnchecked);
  return [
    table(['point', 'scenario', 'measured', 'value', 'predicted', 'error', 'band'], rows),
    '',
    `${s.included} of ${s.points} points in the summary: median |error| ${pct(s.medianAbsError)}, mean ${pct(s.meanAbsError)}, max ${pct(s.maxAbsError)}; ${s.withinBand} inside their band`,
    ...Object.entries(v.byScenario).map(([k, x]) => `  ${k}: ${x.included} of ${x.points} points, median |error| ${pct(x.medianAbsError)}, max ${pct(x.maxAbsError)}`),
    ...(unchecked.length
      ? [`${unchecked.length} point${unchecked.length > 1 ? 's' : ''} with a published value not yet checked against its source (trust low; ${unchecked.filter((r) => !r.excluded).length} counted above): ${unchecked.map((r) => r.id).join(', ')}`]
      : []),
  ].join('\n');
}
