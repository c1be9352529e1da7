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

export { sig, usd } from '../lib/format.js';
