/**
 * The app shell: navigation between views, each view loaded on demand (dynamic import) so the
 * first load carries only the shell and the view asked for. The view and its inputs come from
 * the URL hash (url-state.ts).
 */
import { render, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { navigate, route, VIEWS, type ViewId } from './url-state.js';

const LABELS: Readonly<Record<ViewId, string>> = {
  chips: 'Chips & controls',
  train: 'Train',
  serve: 'Serve',
  scenarios: 'Scenarios',
  accuracy: 'Accuracy',
  race: 'Race',
  design: 'Design',
};

const loaders: Readonly<Record<ViewId, () => Promise<{ default: ComponentType }>>> = {
  chips: () => import('./views/chips.js'),
  train: () => import('./views/train.js'),
  serve: () => import('./views/serve.js'),
  scenarios: () => import('./views/scenarios.js'),
  accuracy: () => import('./views/accuracy.js'),
  race: () => import('./views/race.js'),
  design: () => import('./views/design.js'),
};

function useView(view: ViewId): { View: ComponentType | null; error: string | null } {
  const [state, setState] = useState<{ view: ViewId; View: ComponentType | null; error: string | null }>({ view, View: null, error: null });
  useEffect(() => {
    let live = true;
    loaders[view]()
      .then((m) => live && setState({ view, View: m.default, error: null }))
      .catch((e: unknown) => live && setState({ view, View: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [view]);
  return state.view === view ? state : { View: null, error: null };
}

function App() {
  const view = route.value.view;
  const { View, error } = useView(view);
  useEffect(() => {
    document.title = `chipbound · ${LABELS[view]}`;
  }, [view]);
  return (
    <>
      <a
        class="skip"
        href="#view"
        onClick={(e) => {
          // The address hash holds the route, so the skip link moves focus instead of the hash.
          e.preventDefault();
          document.getElementById('view')?.focus();
        }}
      >
        Skip to the view
      </a>
      <header>
        <a class="brand" href="#/chips">chipbound</a>
        <nav aria-label="views">
          {VIEWS.map((v) => (
            <a
              href={`#/${v}`}
              aria-current={v === view ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(v);
              }}
            >
              {LABELS[v]}
            </a>
          ))}
        </nav>
      </header>
      <main id="view" data-view={view} tabIndex={-1}>
        {error ? <p class="error" role="alert">Could not load the {LABELS[view]} view: {error}</p> : View ? <View /> : <p class="loading">Loading…</p>}
      </main>
      <footer>
        Computed in your browser by the same functions as the <code>chipbound</code> CLI (<code>--json</code> gives the same numbers). Copy the address bar to share this view.
      </footer>
    </>
  );
}

const host = document.getElementById('app');
if (host) {
  host.replaceChildren();
  render(<App />, host);
}
