/** The chip picker of a comparison (Train and Serve): add, remove, a preset, and a link to the set. */
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { SelectField } from '../components/fields.js';
import { COMPARE_PRESET, compareIds, MAX_COMPARE } from '../lib/compare.js';
import { formatHash, route, setParams } from '../url-state.js';

export function CompareControls({ main }: { main: string }) {
  const cat = builtinCatalog();
  const { ids, unknown } = compareIds(route.value.params.compare);
  const others = ids.filter((id) => id !== main);
  const set = (xs: readonly string[]) => setParams({ compare: xs.length ? xs.join(',') : undefined });
  const name = (id: string) => cat.chips.find((c) => c.id === id)?.name ?? id;
  const link = formatHash({ view: route.value.view, params: { ...route.value.params, compare: [main, ...others].join(',') } });
  return (
    <div class="controls" data-compare-controls>
      <SelectField
        label="Add a chip to compare"
        name="compare-add"
        value=""
        options={[{ value: '', label: others.length >= MAX_COMPARE - 1 ? `(at most ${MAX_COMPARE} chips)` : 'choose…' }, ...cat.chips.filter((c) => c.id !== main && !others.includes(c.id)).map((c) => ({ value: c.id, label: c.name }))]}
        onChange={(v) => v && others.length < MAX_COMPARE - 1 && set([...others, v])}
      />
      <span class="legend-toggles" role="group" aria-label="chips compared">
        {others.map((id) => (
          <button type="button" class="toggle" aria-label={`remove ${name(id)} from the comparison`} onClick={() => set(others.filter((x) => x !== id))}>
            {name(id)} ✕
          </button>
        ))}
      </span>
      <button type="button" onClick={() => set(COMPARE_PRESET.filter((x) => x !== main))}>
        H100 · H800 · H20 · 910B
      </button>
      {others.length ? (
        <a href={link} data-compare-link>
          Link to this comparison
        </a>
      ) : null}
      {unknown.length ? <p class="error" role="alert">compare: no chip with id {unknown.join(', ')} in the catalog (ignored)</p> : null}
    </div>
  );
}
