/**
 * Scenarios: load an example or edit a scenario (YAML) and compare its pools side by side; the
 * evaluation runs in the scenario worker. The file text travels in the URL (example name, or
 * the edited text packed with lz-string), so a link reproduces the run.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScenarioResult } from '../../core/scenario/types.js';
import { SelectField } from '../components/fields.js';
import { ScenarioClient } from '../lib/scenario-client.js';
import { EXAMPLES, exampleText } from '../lib/scenario-examples.js';
import { objectParam, packObject, param, setParams } from '../url-state.js';
import { LedgerPanel } from './ledger.js';
import { ScenarioResultView } from './scenario-results.js';

export default function ScenariosView() {
  const edited = objectParam<string>('sc');
  const example = param('ex', EXAMPLES.includes('mixed-fleet') ? 'mixed-fleet' : (EXAMPLES[0] ?? ''));
  const [text, setText] = useState<string | null>(edited);
  const [draft, setDraft] = useState<string>(edited ?? '');
  const [state, setState] = useState<{ results: readonly ScenarioResult[] | null; progress: string | null; error: string | null }>({ results: null, progress: null, error: null });
  /** Finished evaluations (results or errors), so a reader can tell a new answer from the last one. */
  const [runs, setRuns] = useState(0);
  const client = useRef<ScenarioClient | null>(null);
  client.current ??= new ScenarioClient();
  useEffect(() => () => client.current?.dispose(), []);
  useEffect(() => {
    if (edited !== null) return;
    let live = true;
    void exampleText(example).then((t) => {
      if (!live) return;
      if (t === null) setState({ results: null, progress: null, error: `unknown example '${example}'; pick one of ${EXAMPLES.join(', ')}` });
      else {
        setText(t);
        setDraft(t);
      }
    });
    return () => {
      live = false;
    };
  }, [example, edited === null]);
  useEffect(() => {
    if (text === null) return;
    setState((s) => ({ ...s, progress: 'starting…', error: null }));
    client.current!.run({ kind: 'scenario', text, file: edited !== null ? 'edited scenario' : `examples/${example}.yaml` }, (m) => {
      if (m.kind === 'progress') setState((s) => ({ ...s, progress: `${m.done}/${m.total} ${m.what}` }));
      else if (m.kind === 'error') {
        setState({ results: null, progress: null, error: m.message });
        setRuns((n) => n + 1);
      } else if (m.kind === 'result') {
        setState({ results: m.results ?? [], progress: null, error: null });
        setRuns((n) => n + 1);
      }
    });
  }, [text]);
  return (
    <section>
      <h1>Scenarios</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} data-form="scenario">
        <div class="field">
          <label for="scenario-file">Or load a file</label>
          <input
            id="scenario-file"
            type="file"
            accept=".yaml,.yml,.json"
            onChange={async (e) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              if (!f) return;
              const t = await f.text();
              setDraft(t);
              setParams({ sc: packObject(t), ex: undefined });
              setText(t);
            }}
          />
        </div>
        <SelectField label="Example" name="ex" value={edited !== null ? '' : example} options={[...(edited !== null ? [{ value: '', label: '(edited)' }] : []), ...EXAMPLES.map((x) => ({ value: x, label: x }))]} onChange={(v) => setParams({ ex: v, sc: undefined })} />
      </form>
      <div class="field">
        <label for="scenario-text">Scenario (YAML; see docs/scenarios/README.md)</label>
        <textarea id="scenario-text" rows={14} cols={100} spellcheck={false} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
        <span>
          <button
            type="button"
            class="primary"
            onClick={() => {
              setParams({ sc: packObject(draft), ex: undefined });
              setText(draft);
            }}
          >
            Run edited scenario
          </button>
        </span>
      </div>
      <div aria-live="polite" data-runs={runs} data-scenario-status={state.progress ? 'running' : state.error ? 'error' : state.results ? 'done' : 'idle'}>
        {state.progress ? <p>Evaluating in a worker… {state.progress}</p> : null}
        {state.error ? <p class="error" role="alert">{state.error}</p> : null}
      </div>
      {state.results?.map((r, i) => <ScenarioResultView res={r} index={i} />)}
      <LedgerPanel />
    </section>
  );
}
