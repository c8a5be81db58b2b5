// "Did you mean …?": the known names closest to a misspelt one, for error hints.

/**
 * Edit distance between `a` and `b` (insertions, deletions, substitutions and swaps of two neighbours, each costing
 * 1: the "optimal string alignment" distance), or `limit + 1` as soon as it is sure to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let value = Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The (at most `count`) candidates closest to `name`, best first, ties in candidate order. A candidate qualifies
 * when it differs only by case, or when its edit distance is at most a third of the longer name (at least 1).
 */
export function closestNames(name: string, candidates: Iterable<string>, count = 3): string[] {
  const lower = name.toLowerCase();
  const scored: { candidate: string; score: number; order: number }[] = [];
  let order = 0;
  for (const candidate of candidates) {
    order++;
    if (candidate === name) continue;
    const limit = Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3));
    const score = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase(), limit) + 0.5;
    if (score <= limit + 0.5) scored.push({ candidate, score, order });
  }
  scored.sort((x, y) => x.score - y.score || x.order - y.order);
  return scored.slice(0, count).map((entry) => entry.candidate);
}

/** `did you mean "a", "b" or "c"?`, or `undefined` when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const names = closestNames(name, candidates).map((candidate) => `"${candidate}"`);
  if (names.length === 0) return undefined;
  const last = names.pop();
  return `did you mean ${names.length === 0 ? last : `${names.join(', ')} or ${last}`}?`;
}
