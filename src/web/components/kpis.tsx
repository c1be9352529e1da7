/** Headline numbers; each carries its exact value in data-value (tests compare it to Node). */
export interface Kpi {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  readonly value: number | null;
}

export function Kpis({ items }: { items: readonly Kpi[] }) {
  return (
    <div class="kpis" role="list">
      {items.map((k) => (
        <div class="kpi" role="listitem" data-kpi={k.id} data-value={k.value === null ? '' : String(k.value)}>
          <div class="v">{k.text}</div>
          <div class="l">{k.label}</div>
        </div>
      ))}
    </div>
  );
}

/** 3 significant digits with a unit, or '—'. */
export function sig(v: number | null | undefined, unit = '', digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const t = a >= 1e4 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return `${t}${unit}`;
}

/** Money with thousands separators. */
export function usd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1e6) return `$${(v / 1e6).toPrecision(3)}M`;
  return `$${Math.round(v).toLocaleString('en-US')}`;
}
