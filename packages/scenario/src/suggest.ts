/** Edit distance between two strings (Levenshtein). */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** ` (did you mean "x"?)` for the closest known name within a small distance, else the known names. */
export function didYouMean(name: string, known: readonly string[]): string {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best !== null && bestD < name.length && bestD <= Math.max(1, Math.floor(name.length / 3))) return ` (did you mean "${best}"?)`;
  return known.length > 0 && known.length <= 12 ? `; expected one of: ${known.join(', ')}` : '';
}
