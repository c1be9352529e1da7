/**
 * Labelled form fields bound to URL parameters. Every input has a <label>; an invalid value
 * shows a message next to the field (role="alert") instead of a broken chart.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';

const uid = (name: string) => `f-${name}-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

export interface FieldProps {
  readonly label: string;
  readonly name: string;
  readonly error?: string | null;
  readonly hint?: string;
}

function Wrap({ id, label, error, hint, children }: { id: string; label: string; error?: string | null; hint?: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint ? <small>{hint}</small> : null}
      {error ? (
        <span class="error" role="alert" id={`${id}-err`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function TextField(p: FieldProps & { value: string; onInput: (v: string) => void; type?: 'text' | 'number' | 'date'; step?: string; min?: string; max?: string }) {
  const id = uid(p.name);
  // The text being typed is local until committed (change = Enter or leaving the field), so a
  // re-render while typing (search progress, other fields) never resets it.
  const [text, setText] = useState(p.value);
  useEffect(() => setText(p.value), [p.value]);
  return (
    <Wrap id={id} label={p.label} error={p.error} hint={p.hint}>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={text}
        step={p.step}
        min={p.min}
        max={p.max}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-err` : undefined}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onChange={(e) => p.onInput((e.target as HTMLInputElement).value)}
      />
    </Wrap>
  );
}

export function SelectField(p: FieldProps & { value: string; options: readonly { value: string; label: string }[]; onChange: (v: string) => void }) {
  const id = uid(p.name);
  return (
    <Wrap id={id} label={p.label} error={p.error} hint={p.hint}>
      <select id={id} name={p.name} value={p.value} onChange={(e) => p.onChange((e.target as HTMLSelectElement).value)}>
        {p.options.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckField(p: FieldProps & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = uid(p.name);
  return (
    <div class="field check">
      <input id={id} name={p.name} type="checkbox" checked={p.checked} onChange={(e) => p.onChange((e.target as HTMLInputElement).checked)} />
      <label for={id}>{p.label}</label>
    </div>
  );
}

/** A positive integer from text, or an error message naming the field. */
export function parseCount(label: string, text: string, max = 1e7): { value: number | null; error: string | null } {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < 1 || v > max) return { value: null, error: `${label}: expected a whole number from 1 to ${max.toLocaleString('en-US')}, got '${text}'` };
  return { value: v, error: null };
}

/** A positive number from text, or an error message naming the field. */
export function parsePositive(label: string, text: string, opts: { optional?: boolean } = {}): { value: number | null; error: string | null } {
  if (text.trim() === '') return opts.optional ? { value: null, error: null } : { value: null, error: `${label}: required` };
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) return { value: null, error: `${label}: expected a positive number, got '${text}'` };
  return { value: v, error: null };
}
