/**
 * "Did you mean" for a mistyped verb, flag or word: the closest candidate by edit distance
 * (leven: Levenshtein, well kept and tiny), when it is close enough to be what was meant.
 */
import leven from 'leven';

/** How many edits a word of this length may be away: one for one or two letters, else a
 * third of its length, and at least two. */
function allowedEdits(length: number): number {
  return length <= 2 ? 1 : Math.max(2, Math.floor(length / 3));
}

/** The candidate closest to `word`, or undefined when none is within the allowed edits. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = allowedEdits(typed.length) + 1;
  for (const candidate of candidates) {
    const distance = leven(typed, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** " (did you mean X?)" or '': to follow the word in an error line. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean ${match}?)`;
}
