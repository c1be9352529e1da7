/**
 * Writes a view's default inputs into the URL on first render (replaceState), so a link copied
 * from the address bar never depends on defaults that may change (today's date, a catalog default).
 */
import { useEffect } from 'preact/hooks';
import { route, setParams } from '../url-state.js';

export function useUrlDefaults(defaults: Readonly<Record<string, string>>): void {
  useEffect(() => {
    const p = route.value.params;
    const missing: Record<string, string> = {};
    for (const [k, v] of Object.entries(defaults)) if (p[k] === undefined && v !== '') missing[k] = v;
    if (Object.keys(missing).length) setParams(missing, 'replace');
  }, []);
}
