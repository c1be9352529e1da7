/**
 * Editor of a user-defined catalog entry (a model or a chip) as JSON in the catalog's file
 * format; "Use" puts the text in the URL (packed), so a shared link carries the definition.
 */
import { useEffect, useState } from 'preact/hooks';
import { packObject, setParams } from '../url-state.js';

export interface JsonEditorProps {
  /** URL parameter that carries the text. */
  readonly param: string;
  /** What is defined ("model", "chip"). */
  readonly what: string;
  /** Where the format is described. */
  readonly format: string;
  /** The text in use (null: the catalog entry is used). */
  readonly text: string | null;
  /** Starting text. */
  readonly example: object;
  /** Validation message, or null. */
  readonly error: string | null;
}

export function JsonEditor({ param, what, format, text, example, error }: JsonEditorProps) {
  const [draft, setDraft] = useState(text ?? JSON.stringify(example, null, 2));
  useEffect(() => {
    if (text !== null) setDraft(text);
  }, [text]);
  const id = `custom-${what}`;
  return (
    <details open={text !== null} data-editor={what}>
      <summary>Define a {what} (JSON)</summary>
      <div class="field">
        <label for={id}>
          {what[0].toUpperCase() + what.slice(1)} JSON ({format})
        </label>
        <textarea id={id} rows={12} spellcheck={false} value={draft} aria-invalid={error ? 'true' : undefined} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
        {error ? (
          <span class="error" role="alert">
            {error}
          </span>
        ) : null}
        <span>
          <button type="button" class="primary" onClick={() => setParams({ [param]: packObject(draft) })}>
            Use this {what}
          </button>{' '}
          {text !== null ? (
            <button type="button" onClick={() => setParams({ [param]: undefined })}>
              Back to the catalog {what}
            </button>
          ) : null}
        </span>
      </div>
    </details>
  );
}
