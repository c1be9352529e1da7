/**
 * One scenario result: the one-sentence answers, the core's comparison charts (the same SVG the
 * CLI writes with --out), and the pool × workload table. Numbers are ScenarioResult's, as
 * `chipbound scenario FILE --json` prints them.
 */
import { answerLines } from '../../core/scenario/report.js';
import { scenarioPlots } from '../charts/scenario-charts.js';
import type { ScenarioResult } from '../../core/scenario/types.js';
import { ChartFrame } from '../components/chart-frame.js';
import { fmtNum, SortableTable, type Column } from '../components/sortable-table.js';

/** A flat row for the table and the exports. */
interface FlatRow {
  id: string;
  pool: string;
  chip: string;
  acquired: string;
  workload: string;
  status: string;
  decidingRule: string | null;
  gpus: number | null;
  days: number | null;
  costUsd: number | null;
  usdPerMillionOutputTokens: number | null;
  ratio: number | null;
  why: string | null;
}

function flat(res: ScenarioResult): FlatRow[] {
  return res.rows.map((r, i) => ({
    id: String(i),
    pool: r.pool,
    chip: r.chip,
    acquired: r.acquired,
    workload: r.workload,
    status: r.eligibility.status,
    decidingRule: r.eligibility.decidingRule,
    gpus: r.outcome.gpus,
    days: r.outcome.kind === 'train' ? r.outcome.days : null,
    costUsd: r.outcome.kind === 'train' ? r.outcome.costUsd : null,
    usdPerMillionOutputTokens: r.outcome.kind === 'serve' ? r.outcome.usdPerMillionOutputTokens : null,
    ratio: r.comparison.ratio,
    why: r.outcome.why,
  }));
}

const columns: readonly Column<FlatRow>[] = [
  { key: 'workload', label: 'workload' },
  { key: 'pool', label: 'pool' },
  { key: 'status', label: 'eligibility' },
  { key: 'decidingRule', label: 'deciding rule' },
  { key: 'gpus', label: 'chips', numeric: true },
  { key: 'days', label: 'days', numeric: true },
  { key: 'costUsd', label: 'cost USD', numeric: true },
  { key: 'usdPerMillionOutputTokens', label: '$/M output', numeric: true },
  { key: 'ratio', label: '× best', numeric: true, cell: (r) => (r.ratio === null ? '—' : `${fmtNum(r.ratio)}×`) },
  { key: 'why', label: 'note' },
];

/** "**x**" -> <strong>x</strong> (the core's answer lines are markdown). */
function md(line: string) {
  return line.split(/\*\*(.+?)\*\*/g).map((part, i) => (i % 2 ? <strong>{part}</strong> : part));
}

export function ScenarioResultView({ res, index }: { res: ScenarioResult; index: number }) {
  const charts = scenarioPlots(res);
  const rows = flat(res);
  const slug = (k: string) => `scenario-${index}-${k.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase()}`;
  return (
    <article data-scenario-result={index}>
      <h2>
        {res.name}
        {res.variant ? ` — ${res.variant}` : ''}
      </h2>
      {res.question ? <p class="note">{res.question}</p> : null}
      <p class="note">
        Buyer: {res.buyer.destination} on {res.buyer.date} ({res.buyer.endUser}); rules: {res.buyer.rules.join(', ')}
      </p>
      <ul data-answers>
        {answerLines(res).map((l) => (l.startsWith('- ') ? <li class="sub">{md(l.slice(2))}</li> : <li>{md(l)}</li>))}
      </ul>
      <div class="grid2">
        {charts.map((c) => (
          <ChartFrame id={slug(c.key)} title={c.title} rows={rows.filter((r) => c.key.startsWith(`${r.workload}:`))} deps={[res]} render={c.draw} source={`Source: chipbound scenario (${res.name}${res.variant ? `, ${res.variant}` : ''}); the CLI writes the same chart with --out`} />
        ))}
      </div>
      <SortableTable id={slug('rows')} caption="Pools × workloads" rows={rows} columns={columns} initialSort="workload" />
      <details>
        <summary>Assumptions ({res.assumptions.length})</summary>
        <ul>
          {res.assumptions.map((a) => (
            <li>{a}</li>
          ))}
        </ul>
      </details>
    </article>
  );
}
