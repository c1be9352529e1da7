/**
 * Suggests the catalog ids nearest to a mistyped one: edit distance, then substring (also with
 * punctuation ignored: `deepseekv3` ~ `deepseek-v3-pretrain`), then every word of the query
 * present (`llama-405b` ~ `llama3-405b-16384gpu-cp1`), shorter ids first among equals.
 */
export function nearestIds(query: string, ids: readonly string[], k = 3): string[] {
  const q = query.toLowerCase();
  const bare = (s: string) => s.replace(/[^a-z0-9]/g, '');
  const nq = bare(q);
  const words = q.split(/[^a-z0-9.]+/).filter((w) => w.length > 0);
  const scored = ids.map((id) => {
    const lid = id.toLowerCase();
    let d = editDistance(q, lid);
    const len = Math.abs(id.length - q.length) / 100;
    // A substring match ("h100" in "nvidia-h100-sxm5-80gb") is as good as one typo, shorter ids first.
    if (lid.includes(q) || q.includes(lid)) d = Math.min(d, 1 + len);
    else if (nq.length >= 3 && (bare(lid).includes(nq) || nq.includes(bare(lid)))) d = Math.min(d, 1.5 + len);
    else if (words.length > 1 && words.every((w) => lid.includes(w))) d = Math.min(d, 1.8 + len);
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
