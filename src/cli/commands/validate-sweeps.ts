/** `chipbound validate --sweeps`: predicted vs measured ratios between plans of published sweeps. */
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { nearestIds } from '../../core/catalog/nearest.js';
import { ChipboundError } from '../../core/errors.js';
import { validateSweeps, type SweepPair, type SweepReport, type SweepRowResult } from '../../core/train/sweeps.js';
import { pct, signedPct as signed } from '../../core/format.js';
import { formatPlan } from '../../core/plan-notation.js';
import { fmt, table, toJson } from '../table.js';

const shortId = (sweepId: string, id: string) => (id.startsWith(`${sweepId}-`) ? id.slice(sweepId.length + 1) : id);

function pairVerdict(p: SweepPair): string {
  if (p.tie) return `tie (${p.tie.replace(/^same plan; differs only in /, '').replace(/ \(not modelled\).*$/, '')}, not modelled)`;
  if (p.confounded) return 'not counted: plan and unmodelled kernels both differ';
  if (!p.differs) return 'within 5%: order not counted';
  return p.orderRight ? 'order right' : 'ORDER WRONG';
}

/** The report as JSON-ready data. */
export function sweepsJson(rep: SweepReport): unknown {
  return { summary: rep.summary, notes: rep.notes, sweeps: rep.sweeps };
}

/** Text report (or JSON) of the sweep validation; `id` restricts it to one sweep. */
export function validateSweepsCommand(opts: { json?: boolean; run?: string }): string {
  const cat = builtinCatalog();
  if (opts.run && !(cat.sweeps ?? []).some((s) => s.id === opts.run)) {
    const near = nearestIds(opts.run, (cat.sweeps ?? []).map((s) => s.id));
    throw new ChipboundError('unknown_id', `--run: unknown sweep '${opts.run}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''} (chipbound validate --sweeps lists them)`);
  }
  const rep = validateSweeps(cat, opts.run ? [opts.run] : undefined);
  if (opts.json) return toJson(sweepsJson(rep));
  const out: string[] = [];
  for (const s of rep.sweeps) {
    out.push(`${s.name} — ${s.varies} (${s.id})`);
    out.push(
      table(
        ['row', 'measured', 'predicted', 'error', 'plan evaluated', 'fits'],
        s.rows.map((r: SweepRowResult) => [shortId(s.id, r.id) + (r.planComplete ? '' : ' (plan unpublished: best found)'), fmt(r.measuredRate), fmt(r.predictedRate), signed(r.error), formatPlan(r.plan), r.fits ? `${fmt(r.peakGiB)} GiB` : `NO (${fmt(r.peakGiB)} GiB)`]),
      ),
    );
    out.push(
      table(
        ['pair (b / a)', 'measured ratio', 'predicted ratio', 'ratio error', 'verdict'],
        s.pairs.map((p) => [`${shortId(s.id, p.b)} / ${shortId(s.id, p.a)}`, p.measuredRatio.toFixed(3), p.predictedRatio.toFixed(3), signed(p.ratioError), pairVerdict(p)]),
      ),
    );
    out.push('');
  }
  const m = rep.summary;
  out.push(
    table(
      ['summary', 'value'],
      [
        ['pairs counted (ties and confounded pairs excluded)', String(m.pairs)],
        ['ratio error, median |err|', pct(m.ratio.medianAbsError)],
        ['ratio error, max |err|', pct(m.ratio.maxAbsError)],
        ['pairs whose measured ratio differs by >= 5%', String(m.differingPairs)],
        ['order right on those', `${m.orderRight} (${pct(m.orderRightShare)})`],
        ['ties (same plan, kernel-only difference)', String(m.ties)],
        ['confounded pairs (plan and kernel differ)', String(m.confounded)],
        ['rows whose plan does not fit in the model', m.refused.length ? m.refused.join(', ') : 'none'],
        ['row error (absolute, for context), median |err|', pct(m.rowError.medianAbsError)],
      ],
    ),
  );
  out.push(...rep.notes.map((n) => `note: ${n}`));
  return out.join('\n');
}
