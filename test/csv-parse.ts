/** Test helper: reads CSV strictly, to check what chipbound writes. */

/** A strict RFC 4180 reader (test only): rows of fields, quoted fields may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"' && field === '') (quoted = true), i++;
    else if (c === ',') row.push(field), (field = ''), i++;
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else if (c === '"') throw new Error(`stray quote at ${i}`);
    else (field += c), i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}
