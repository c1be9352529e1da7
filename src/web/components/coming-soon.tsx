/** Placeholder panel for a view whose core functions are not in the tree yet. */
export function ComingSoon({ what, needs }: { what: string; needs?: string }) {
  return (
    <section class="soon" data-coming-soon={what}>
      <h1>{what}: coming soon</h1>
      <p>This view renders the JSON of the core functions the CLI uses{needs ? ` (${needs})` : ''}; they are not available in this build yet.</p>
    </section>
  );
}
