/** The example scenario files (examples/*.yaml), bundled as text and loaded on demand. */
const files = import.meta.glob('../../../examples/*.yaml', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

/** Example names (file names without .yaml), sorted. */
export const EXAMPLES: readonly string[] = Object.keys(files)
  .map((p) => p.replace(/^.*\//, '').replace(/\.yaml$/, ''))
  .sort();

/** The text of one example, or null for an unknown name. */
export async function exampleText(name: string): Promise<string | null> {
  const key = Object.keys(files).find((p) => p.endsWith(`/${name}.yaml`));
  return key ? files[key]() : null;
}
