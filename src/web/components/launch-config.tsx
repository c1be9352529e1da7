/**
 * The emitted launch configuration of the plan shown (docs/launch.md): pick a target, read the
 * files, copy them or download them. Self-contained: it takes the emitter input and the targets.
 */
import { useMemo, useState } from 'preact/hooks';
import { renderLaunch } from '../../core/emit/emit.js';
import type { LaunchConfig } from '../../core/emit/types.js';
import { download } from '../lib/export.js';

export function LaunchConfigPanel<T extends string>({ id, targets, emit, deps }: { id: string; targets: readonly T[]; emit: (target: T) => LaunchConfig; deps: readonly unknown[] }) {
  const [target, setTarget] = useState<T>(targets[0]);
  const [copied, setCopied] = useState(false);
  const config = useMemo(() => emit(target), [target, ...deps]);
  const text = renderLaunch(config);
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <details class="launch" data-launch={id}>
      <summary>Launch configuration ({config.version})</summary>
      <div class="exports">
        <label>
          target{' '}
          <select name={`${id}-target`} value={target} onChange={(e) => setTarget((e.currentTarget as HTMLSelectElement).value as T)}>
            {targets.map((t) => (
              <option value={t}>{t}</option>
            ))}
          </select>
        </label>{' '}
        <button type="button" onClick={copy} data-launch-copy>
          {copied ? 'copied' : 'copy'}
        </button>{' '}
        {config.files.map((f) => (
          <button type="button" onClick={() => download(f.name, f.content)} data-launch-download={f.name}>
            download {f.name}
          </button>
        ))}
      </div>
      {config.placeholders.length ? <p class="note">Placeholders to fill: {config.placeholders.join(', ')}.</p> : null}
      <pre class="launch-text" data-launch-text>
        <code>{text}</code>
      </pre>
    </details>
  );
}
