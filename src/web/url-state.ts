/**
 * Shareable state: the current view and every input of it live in the URL hash
 * (`#/train?model=deepseek-v3&chip=...`), so a copied link reproduces the view on any static
 * host (no server routing). Objects a user defines (a custom chip or model) travel as
 * lz-string-compressed JSON in one parameter. An input edit pushes a history entry, so Back
 * undoes it; edits within a second of the last one replace it instead, so typing does not flood
 * the back button.
 */
import { signal, type Signal } from '@preact/signals';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** The app's views, in navigation order. */
export const VIEWS = ['chips', 'train', 'serve', 'scenarios', 'accuracy', 'race', 'design'] as const;
/** One view id. */
export type ViewId = (typeof VIEWS)[number];

/** Parsed hash: view and its parameters. */
export interface Route {
  readonly view: ViewId;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses `#/view?a=1&b=2`; an unknown view falls back to 'chips'. */
export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const name = q < 0 ? h : h.slice(0, q);
  const params: Record<string, string> = {};
  // '__proto__' would set the object's prototype, not a parameter: ignored.
  if (q >= 0) for (const [k, v] of new URLSearchParams(h.slice(q + 1))) if (k !== '__proto__') params[k] = v;
  const view = (VIEWS as readonly string[]).includes(name) ? (name as ViewId) : 'chips';
  return { view, params };
}

/** Formats a route as a hash (parameters sorted, so equal states give equal links). */
export function formatHash(r: Route): string {
  const keys = Object.keys(r.params).filter((k) => r.params[k] !== '').sort();
  const qs = new URLSearchParams(keys.map((k) => [k, r.params[k]])).toString();
  return `#/${r.view}${qs ? `?${qs}` : ''}`;
}

/** The current route (updated on hashchange). */
export const route: Signal<Route> = signal(parseHash(typeof location === 'undefined' ? '' : location.hash));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    route.value = parseHash(location.hash);
  });
}

function write(next: Route, push: boolean): void {
  route.value = next;
  const hash = formatHash(next);
  if (typeof history === 'undefined' || location.hash === hash) return;
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

/** Switches view, keeping nothing of the previous view's parameters. */
export function navigate(view: ViewId): void {
  write({ view, params: {} }, true);
}

/** performance.now() of the last input change (setParams), for the update-time measurement. */
export let lastChangeAt = 0;

/** Edits closer together than this (ms) share one history entry. */
const COALESCE_MS = 1000;
let lastPushAt = -Infinity;

/**
 * Sets parameters of the current view (a value of '' or undefined removes the key). An 'edit'
 * (the default) is undoable with Back; 'replace' (defaults written on first render) is not.
 */
export function setParams(patch: Readonly<Record<string, string | undefined>>, mode: 'edit' | 'replace' = 'edit'): void {
  if (typeof performance !== 'undefined') lastChangeAt = performance.now();
  const params: Record<string, string> = { ...route.value.params };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === '') delete params[k];
    else params[k] = v;
  }
  const now = typeof performance !== 'undefined' ? performance.now() : 0;
  const push = mode === 'edit' && now - lastPushAt > COALESCE_MS;
  if (mode === 'edit') lastPushAt = now;
  write({ view: route.value.view, params }, push);
}

/** A string parameter with a default. */
export function param(key: string, dflt: string): string {
  return route.value.params[key] ?? dflt;
}

/** A JSON object packed with lz-string (null when absent or unreadable). */
export function objectParam<T>(key: string): T | null {
  const raw = route.value.params[key];
  if (!raw) return null;
  try {
    const text = decompressFromEncodedURIComponent(raw);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/** Packs an object for objectParam (undefined removes it). */
export function packObject(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : compressToEncodedURIComponent(JSON.stringify(value));
}
