/** The Train view's form: job fields and plan fields (empty plan fields are searched). */
import { builtinCatalog } from '../../core/catalog/catalog.js';
import { SelectField, TextField } from '../components/fields.js';
import { PRECISIONS, RECOMPUTES, SCHEDULES, TRAIN_DEFAULTS } from '../lib/train-inputs.js';
import { EXAMPLE_CHIP, EXAMPLE_MODEL } from '../lib/custom-model.js';
import { setParams } from '../url-state.js';
import { JsonEditor } from '../components/json-editor.js';
import { defaultFrameworkId, frameworkIds } from '../../core/frameworks/profiles.js';

const opts = (xs: readonly string[]) => [{ value: '', label: 'search' }, ...xs.map((x) => ({ value: x, label: x }))];

/** A user-defined entry's text (from the URL) and its validation message. */
export interface CustomText {
  readonly text: string | null;
  readonly error: string | null;
}

export function TrainForm({ p, errors, model, chip, onRestart }: { p: Readonly<Record<string, string>>; errors: Readonly<Record<string, string>>; model: CustomText; chip: CustomText; onRestart?: () => void }) {
  const cat = builtinCatalog();
  const v = (k: keyof typeof TRAIN_DEFAULTS) => p[k] ?? TRAIN_DEFAULTS[k];
  const set = (k: string) => (x: string) => setParams({ [k]: x });
  return (
    <>
    <JsonEditor param="cm" what="model" format="fields as in data/models/*.yaml" text={model.text} example={EXAMPLE_MODEL} error={model.error} />
    <JsonEditor param="cc" what="chip" format="fields as in data/chips/*.yaml" text={chip.text} example={EXAMPLE_CHIP} error={chip.error} />
    <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="train">
      {model.text !== null ? null : (
        <SelectField label="Model" name="model" value={v('model')} error={errors.model} options={cat.models.map((m) => ({ value: m.id, label: m.name }))} onChange={set('model')} />
      )}
      {chip.text !== null ? null : (
        <SelectField label="Chip" name="chip" value={v('chip')} error={errors.chip} options={cat.chips.map((c) => ({ value: c.id, label: c.name }))} onChange={set('chip')} />
      )}
      <TextField label="Accelerators" name="gpus" value={v('gpus')} error={errors.gpus} onInput={set('gpus')} />
      <TextField label="Sequence length" name="seq" value={v('seq')} error={errors.seq} onInput={set('seq')} />
      <TextField label="Global batch (sequences)" name="gb" value={v('gb')} error={errors.gb} onInput={set('gb')} />
      <TextField label="Tokens to train" name="tokens" value={v('tokens')} error={errors.tokens} onInput={set('tokens')} hint="e.g. 15e12, or none" />
      <SelectField label="Objective" name="objective" value={v('objective')} error={errors.objective} options={[{ value: 'time', label: 'fastest step' }, { value: 'cost', label: 'cheapest run' }]} onChange={set('objective')} />
      <SelectField label="Framework" name="framework" value={p.framework ?? defaultFrameworkId} error={errors.framework} options={frameworkIds.map((id) => ({ value: id, label: id }))} onChange={set('framework')} />
      <fieldset class="controls plan">
        <legend>Plan (empty = searched)</legend>
        {(['tp', 'pp', 'dp', 'cp', 'ep', 'vpp', 'mb'] as const).map((k) => (
          <TextField label={k === 'mb' ? 'micro-batch' : k} name={k} value={p[k] ?? ''} error={errors[k]} onInput={set(k)} />
        ))}
        <SelectField label="recompute" name="recompute" value={p.recompute ?? ''} error={errors.recompute} options={opts(RECOMPUTES)} onChange={set('recompute')} />
        <SelectField label="ZeRO" name="zero" value={p.zero ?? ''} error={errors.zero} options={opts(['0', '1', '2', '3'])} onChange={set('zero')} />
        <SelectField label="precision" name="precision" value={p.precision ?? ''} error={errors.precision} options={opts(PRECISIONS)} onChange={set('precision')} />
        <SelectField label="schedule" name="schedule" value={p.schedule ?? ''} error={errors.schedule} options={opts(SCHEDULES)} onChange={set('schedule')} />
        <button
          type="button"
          onClick={() => {
            setParams({ tp: '', pp: '', dp: '', cp: '', ep: '', etp: '', vpp: '', mb: '', recompute: '', zero: '', precision: '', schedule: '' });
            // Inputs unchanged (already all searched, or after a Cancel): search again anyway.
            onRestart?.();
          }}
        >
          Search all
        </button>
      </fieldset>
    </form>
    </>
  );
}
