/** Suggests the catalog ids nearest to a mistyped one (edit distance, then substring). */
export function nearestIds(query: string, ids: readonly string[], k = 3): string[] {
  const q = query.toLowerCase();
  const scored = ids.map((id) => {
    let d = editDistance(q, id);
    // A substring match ("h100" in "nvidia-h100-sxm5-80gb") is as good as one typo, shorter ids first.
    if (id.includes(q) || q.includes(id)) d = Math.min(d, 1 + Math.abs(id.length - q.length) / 100);
    return { id, d };
  });
  scored.sort((a, b) => a.d - b.d || a.id.localeCompare(b.id));
  const cutoff = Math.max(3, q.length * 0.6);
  return scored.filter((s) => s.d <= cutoff).slice(0, k).map((s) => s.id);
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Math.abs(a.length - b.length) + 100;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
