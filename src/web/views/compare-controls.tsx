/** The pickers of a comparison: chips (Train and Serve: add, remove, a preset, and a link to the set), frameworks and plans (Train), engines (Serve). */
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { useState } from 'preact/hooks';
import { SelectField } from '../components/fields.js';
import { frameworkIds, type FrameworkId } from '../../core/frameworks/profiles.js';
import { engineProfiles } from '../../core/infer/engines.js';
import { parsePlan } from '../../core/plan-notation.js';
import { COMPARE_PRESET, compareEngines, compareFrameworks, compareIds, comparePlans, MAX_COMPARE, partialPlanText } from '../lib/compare.js';
import { formatHash, route, setParams } from '../url-state.js';

/** A legend button that removes one compared item (`what` names it for screen readers). */
function RemoveToggle({ label, what, onRemove }: { label: string; what: string; onRemove: () => void }) {
  return (
    <button type="button" class="toggle" aria-label={`remove ${what} from the comparison`} onClick={onRemove}>
      {label} ✕
    </button>
  );
}

export function CompareControls({ main }: { main: string }) {
  const cat = builtinCatalog();
  const { ids, unknown } = compareIds(route.value.params.compare);
  const others = ids.filter((id) => id !== main);
  const set = (xs: readonly string[]) => setParams({ compare: xs.length ? xs.join(',') : undefined });
  const name = (id: string) => cat.chips.find((c) => c.id === id)?.name ?? id;
  const link = formatHash({ view: route.value.view, params: { ...route.value.params, compare: others.length ? [main, ...others].join(',') : '' } });
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
          <RemoveToggle label={name(id)} what={name(id)} onRemove={() => set(others.filter((x) => x !== id))} />
        ))}
      </span>
      <button type="button" onClick={() => set(COMPARE_PRESET.filter((x) => x !== main))}>
        H100 · H800 · H20 · 910B
      </button>
      {others.length || route.value.params['compare-fw'] || route.value.params['compare-plan'] || route.value.params.engines ? (
        <a href={link} data-compare-link>
          Link to this comparison
        </a>
      ) : null}
      {unknown.length ? <p class="error" role="alert">compare: no chip with id {unknown.join(', ')} in the catalog (ignored)</p> : null}
    </div>
  );
}

/** Framework profiles compared side by side on one chip (a preset of the three 2024 releases the issue names). */
const FRAMEWORK_PRESET = ['megatron-lm-2024', 'nemo-2024', 'torchtitan-2024'] as const;

/**
 * The Train comparison's other series: framework profiles (`compare-fw=`, as `--framework`) and
 * plans in plan notation (`compare-plan=`, ';'-separated, as `--plan`), each on the view's chip.
 */
export function TrainSeriesControls({ framework }: { framework: FrameworkId }) {
  const params = route.value.params;
  const fws = compareFrameworks(params['compare-fw'], framework);
  const plans = comparePlans(params['compare-plan']);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const setFws = (xs: readonly string[]) => setParams({ 'compare-fw': xs.length ? xs.join(',') : undefined });
  const setPlans = (xs: readonly string[]) => setParams({ 'compare-plan': xs.length ? xs.join(';') : undefined });
  const addPlan = () => {
    try {
      const t = partialPlanText(parsePlan(text, 'plan'));
      setError(null);
      setText('');
      if (!plans.plans.some((p) => p.text === t)) setPlans([...plans.plans.map((p) => p.text), t]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="controls" data-series-controls>
      <SelectField
        label="Add a framework"
        name="compare-fw-add"
        value=""
        options={[{ value: '', label: 'choose…' }, ...frameworkIds.filter((id) => id !== framework && !fws.ids.includes(id)).map((id) => ({ value: id, label: id }))]}
        onChange={(v) => v && setFws([...fws.ids, v])}
      />
      <button type="button" onClick={() => setFws(FRAMEWORK_PRESET.filter((x) => x !== framework))}>
        Megatron-LM · NeMo · TorchTitan
      </button>
      <form class="field-inline" onSubmit={(e) => (e.preventDefault(), addPlan())} data-plan-add>
        <div class={`field${error ? ' invalid' : ''}`}>
          <label for="compare-plan-add">Add a plan (plan notation, e.g. tp4 pp2 mb1)</label>
          <input id="compare-plan-add" name="compare-plan-add" type="text" value={text} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'compare-plan-add-err' : undefined} onInput={(e) => (setText((e.target as HTMLInputElement).value), setError(null))} />
          {error ? (
            <span class="error" role="alert" id="compare-plan-add-err">
              {error}
            </span>
          ) : null}
        </div>
        <button type="submit">Add plan</button>
      </form>
      <span class="legend-toggles" role="group" aria-label="frameworks and plans compared">
        {fws.ids.map((id) => (
          <RemoveToggle label={id} what={`framework ${id}`} onRemove={() => setFws(fws.ids.filter((x) => x !== id))} />
        ))}
        {plans.plans.map((p) => (
          <RemoveToggle label={p.text} what={`plan ${p.text}`} onRemove={() => setPlans(plans.plans.filter((x) => x.text !== p.text).map((x) => x.text))} />
        ))}
      </span>
      {fws.unknown.length ? <p class="error" role="alert">compare-fw: no framework profile {fws.unknown.join(', ')} (chipbound frameworks lists them; ignored)</p> : null}
      {plans.errors.length ? <p class="error" role="alert">{plans.errors.join('; ')} (ignored)</p> : null}
    </div>
  );
}

/** Engine profiles as Serve comparison series (`engines=`, as `chipbound infer --engine`). */
export function EngineControls() {
  const { ids, unknown } = compareEngines(route.value.params.engines);
  const set = (xs: readonly string[]) => setParams({ engines: xs.length ? xs.join(',') : undefined });
  return (
    <div class="controls" data-engine-controls>
      <SelectField
        label="Add an engine"
        name="engine-add"
        value=""
        options={[{ value: '', label: 'choose…' }, ...engineProfiles().filter((e) => !ids.includes(e.id)).map((e) => ({ value: e.id, label: e.id }))]}
        onChange={(v) => v && ids.length < MAX_COMPARE && set([...ids, v])}
      />
      <button type="button" onClick={() => set(['trtllm-2025', 'vllm-2025', 'sglang-2025'])}>
        TensorRT-LLM · vLLM · SGLang
      </button>
      <span class="legend-toggles" role="group" aria-label="engines compared">
        {ids.map((id) => (
          <RemoveToggle label={id} what={`engine ${id}`} onRemove={() => set(ids.filter((x) => x !== id))} />
        ))}
      </span>
      {unknown.length ? <p class="error" role="alert">engines: no engine profile {unknown.join(', ')} (chipbound engines lists them; ignored)</p> : null}
    </div>
  );
}
