/**
 * Chips & controls: the TPP × PD plane with the 3A090 regions of the date's rule, a date control
 * that steps through the rules, every catalog chip as a point, a sortable table with sources,
 * and a custom-chip classifier. Every number is classifyChip's (as `chipbound classify --json`).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { chipRow, type ChipRow } from '../../core/catalog/views.js';
import { classifyChip, type ChipClassification } from '../../core/controls/classify.js';
import { allRules } from '../../core/controls/rules.js';
import { ChartFrame } from '../components/chart-frame.js';
import { SelectField, TextField } from '../components/fields.js';
import { fmtNum, SortableTable, type Column } from '../components/sortable-table.js';
import { controlsChart, type ChipPoint } from '../charts/controls-chart.js';
import { regionsOn } from '../lib/control-regions.js';
import { objectParam, packObject, param, setParams } from '../url-state.js';
import { useUrlDefaults } from '../components/use-url-defaults.js';
import { CustomChipPanel, EXAMPLE_FORM, formToChip, type CustomChipForm } from './chips-custom.js';

const today = () => new Date().toISOString().slice(0, 10);

/** First days of the months from Jan 2022 to Dec 2026, plus every rule's effective date (the slider's stops). */
const MONTHS: readonly string[] = [
  ...new Set([
    ...Array.from({ length: 60 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`),
    ...allRules().map((r) => r.effective),
  ]),
].sort();
/** The slider's stops: the months and rule dates, today, and the date on screen (so touching the slider never moves it to the 1st). */
const stopsWith = (...dates: readonly string[]) => [...new Set([...MONTHS, ...dates])].sort();
/** Input to redraw while dragging the slider: the view follows once the thumb rests this long (ms). */
const SLIDER_DEBOUNCE_MS = 120;
const DESTINATIONS = ['CN', 'HK', 'MO', 'RU', 'US', 'GB', 'DE', 'JP', 'IN', 'AE', 'SA', 'SG', 'MY', 'VN'];

/** A table row: the catalog row plus the classification on the date. */
type Row = ChipRow & { tpp: number | null; pd: number | null; verdict: string; licence: string; sources: readonly string[] };

function verdictOf(c: ChipClassification, rule: string | null): { verdict: string; licence: string } {
  const k = c.classifications.find((x) => x.rule === rule);
  if (!k) return { verdict: 'no rule', licence: 'no' };
  const verdict = k.outcome === 'undetermined' ? 'undetermined' : (k.eccn ?? 'not controlled');
  const any = c.classifications.filter((x) => x.status === 'in force');
  const req = any.some((x) => x.licenceRequired === true) ? 'required' : any.some((x) => x.licenceRequired === null) ? '?' : 'no';
  return { verdict, licence: req };
}

function validDate(d: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) ? null : `Date: expected YYYY-MM-DD, got '${d}'`;
}

const columns: readonly Column<Row>[] = [
  { key: 'name', label: 'chip' },
  { key: 'vendor', label: 'vendor' },
  { key: 'launchYear', label: 'year', numeric: true, cell: (r) => (r.launchYear === null ? '—' : String(r.launchYear)) },
  { key: 'tpp', label: 'TPP', numeric: true },
  { key: 'pd', label: 'PD', numeric: true },
  { key: 'verdict', label: 'verdict' },
  { key: 'licence', label: 'licence' },
  { key: 'bf16', label: 'BF16 TFLOPS', numeric: true, cell: (r) => <span class={r.estimated.includes('tflops.bf16') ? 'est' : undefined}>{fmtNum(r.bf16)}</span> },
  { key: 'memoryGB', label: 'memory GB', numeric: true },
  { key: 'memoryTBps', label: 'TB/s', numeric: true },
  { key: 'scaleUpGBps', label: 'scale-up GB/s', numeric: true },
  { key: 'rentalUsdPerHour', label: '$/hour', numeric: true },
  {
    key: 'sources',
    label: 'sources',
    sort: (r) => r.sources.length,
    cell: (r) => (
      <details class="sources">
        <summary aria-label={`${r.sources.length} source${r.sources.length === 1 ? '' : 's'} for ${r.name}`}>{r.sources.length}</summary>
        <ul>
          {r.sources.map((s) => (
            <li>{/^https?:\/\//.test(s) ? <a href={s} target="_blank" rel="noopener noreferrer">{s}</a> : s}</li>
          ))}
        </ul>
      </details>
    ),
  },
];

export default function ChipsView() {
  useUrlDefaults({ date: today(), dest: 'CN' });
  const date = param('date', today());
  const dest = param('dest', 'CN');
  const form = objectParam<CustomChipForm>('custom') ?? EXAMPLE_FORM;
  const dateError = validDate(date);
  const safeDate = dateError ? today() : date;
  // While dragging, the thumb and its label follow at once; the chart and table follow when it rests.
  const [dragDate, setDragDate] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const stops = useMemo(() => stopsWith(today(), safeDate), [safeDate]);
  const shownDate = dragDate ?? safeDate;
  const slide = (d: string, now: boolean) => {
    setDragDate(d);
    clearTimeout(timer.current);
    const commit = () => {
      setDragDate(null);
      if (d !== param('date', today())) setParams({ date: d });
    };
    if (now) commit();
    else timer.current = setTimeout(commit, SLIDER_DEBOUNCE_MS);
  };
  const regions = useMemo(() => regionsOn(safeDate, dest), [safeDate, dest]);
  const chips = builtinCatalog().chips;
  const rows = useMemo<Row[]>(
    () =>
      chips.map((c) => {
        const k = classifyChip(c, { date: safeDate, destination: dest });
        return { ...chipRow(c), tpp: k.tpp, pd: k.pd, ...verdictOf(k, regions.rule), sources: c.sources };
      }),
    [safeDate, dest, regions],
  );
  const custom = useMemo(() => {
    const { chip } = formToChip(form);
    return chip ? classifyChip(chip, { date: safeDate, destination: dest }) : null;
  }, [JSON.stringify(form), safeDate, dest]);
  const points: ChipPoint[] = rows.filter((r) => r.tpp !== null && r.pd !== null).map((r) => ({ id: r.id, name: r.name, tpp: r.tpp as number, pd: r.pd as number, label: r.verdict }));
  if (custom?.tpp != null && custom.pd != null) points.push({ id: 'custom', name: `★ ${custom.name}`, tpp: custom.tpp, pd: custom.pd, label: verdictOf(custom, regions.rule).verdict, custom: true });
  const unplotted = rows.filter((r) => r.tpp === null || r.pd === null).map((r) => r.name);
  return (
    <section>
      <h1>Chips & export controls</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="chips">
        <TextField label="Date" name="date" type="date" value={date} onInput={(v) => setParams({ date: v })} error={dateError} />
        <div class="field">
          <label for="date-slider">Move through time</label>
          <input
            id="date-slider"
            type="range"
            min={0}
            max={stops.length - 1}
            step={1}
            value={Math.max(0, stops.indexOf(shownDate) >= 0 ? stops.indexOf(shownDate) : stops.findLastIndex((m) => m <= shownDate))}
            aria-valuetext={shownDate}
            onInput={(e) => slide(stops[Number((e.target as HTMLInputElement).value)]!, false)}
            onChange={(e) => slide(stops[Number((e.target as HTMLInputElement).value)]!, true)}
          />
          <small data-slider-date>{shownDate}</small>
        </div>
        <SelectField label="Destination" name="dest" value={dest} options={DESTINATIONS.map((d) => ({ value: d, label: d }))} onChange={(v) => setParams({ dest: v })} />
        <div class="field" role="group" aria-label="step through the rules">
          <span>Rules</span>
          <span class="exports">
            {allRules().map((r) => (
              <button type="button" aria-pressed={date === r.effective} title={r.title} onClick={() => setParams({ date: r.effective })}>
                {r.id}
              </button>
            ))}
          </span>
        </div>
      </form>
      <ChartFrame
        id="controls-plane"
        title={`TPP × performance density on ${safeDate} (destination ${dest})`}
        rows={points}
        deps={[regions]}
        render={(width) => controlsChart(regions.cells, regions.lines, points, { width })}
        note={`${regions.note}${unplotted.length ? ` Not plotted (TPP or die area not public): ${unplotted.join(', ')}.` : ''}`}
      />
      <SortableTable id="chips" caption={`${rows.length} chips on ${safeDate}, verdict under ${regions.rule ?? 'no rule'}`} rows={rows} columns={columns} initialSort="tpp" descending />
      <CustomChipPanel form={form} onChange={(f) => setParams({ custom: packObject(f) })} result={custom} />
    </section>
  );
}
