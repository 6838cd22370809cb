/**
 * Fuzzy matching and scoring in the spirit of fzf's v1 algorithm: find the first match of
 * the pattern's characters in order, shrink it from the end backwards to the shortest
 * window, then score that window: points per matched character, bonuses for consecutive
 * runs, word and path boundaries, camelCase humps and the start of the text, penalties for
 * gaps. Linear in the text's length and allocation-free in the ranking pass, so it stays
 * fast over hundreds of thousands of texts.
 *
 * Positions are UTF-16 indices into the original text; a pattern character outside the
 * BMP (an emoji) matches only a whole surrogate pair, never half of one.
 */

export const SCORE = {
  match: 16,
  gapStart: -3,
  gapExtension: -1,
  boundary: 8,
  boundaryPath: 9,
  camel: 7,
  consecutive: 4,
  firstCharMultiplier: 2,
  start: 10,
} as const;

/** No match. */
export const NO_MATCH = -Infinity;

const enum_ = { white: 0, delimiter: 1, lower: 2, upper: 3, number: 4, other: 5 } as const;
type CharClass = (typeof enum_)[keyof typeof enum_];

/** Character classes for ASCII, looked up instead of tested with regular expressions. */
const ASCII_CLASS: CharClass[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if (/\s/.test(char)) return enum_.white;
  if (/[/\\,:;|=.\-_@]/.test(char)) return enum_.delimiter;
  if (char >= 'a' && char <= 'z') return enum_.lower;
  if (char >= 'A' && char <= 'Z') return enum_.upper;
  if (char >= '0' && char <= '9') return enum_.number;
  return enum_.other;
});

function classAt(text: string, index: number): CharClass {
  const code = text.charCodeAt(index);
  if (code < 128) return ASCII_CLASS[code] as CharClass;
  const char = text[index] as string;
  if (/\s/.test(char)) return enum_.white;
  if (char.toLowerCase() !== char) return enum_.upper;
  if (char.toUpperCase() !== char) return enum_.lower;
  return enum_.other;
}

/** The bonus for a match at `index`, from the character before it. */
export function positionBonus(text: string, index: number): number {
  if (index === 0) return SCORE.start;
  const before = classAt(text, index - 1);
  if (before === enum_.white) return SCORE.boundary + 2;
  const prev = text.charCodeAt(index - 1);
  if (prev === 47 || prev === 92) return SCORE.boundaryPath; // '/' or '\'
  if (before === enum_.delimiter) return SCORE.boundary;
  const current = classAt(text, index);
  if (before === enum_.lower && current === enum_.upper) return SCORE.camel;
  if (before !== enum_.number && current === enum_.number) return SCORE.camel;
  return 0;
}

/** A pattern prepared for matching: its code points, and their UTF-16 codes when single units. */
export type Pattern = { readonly units: readonly string[]; readonly codes: Int32Array };

export function compilePattern(text: string): Pattern {
  const units = Array.from(text);
  return { units, codes: Int32Array.from(units, (u) => (u.length === 1 ? u.charCodeAt(0) : -1)) };
}

/** Whether pattern unit `p` stands at `index` of `haystack`. */
function unitAt(haystack: string, index: number, pattern: Pattern, p: number): boolean {
  const code = pattern.codes[p] as number;
  return code >= 0
    ? haystack.charCodeAt(index) === code
    : haystack.startsWith(pattern.units[p] as string, index);
}

/** Where findWindow found the window: scratch state, so the hot loop allocates nothing. */
let windowStart = 0;
let windowEnd = 0;

/** Finds the shortest window [windowStart, windowEnd) holding the pattern in order. */
function findWindow(folded: string, pattern: Pattern): boolean {
  const n = pattern.units.length;
  let p = 0;
  let end = -1;
  for (let i = 0; i < folded.length; i++) {
    if (unitAt(folded, i, pattern, p)) {
      i += (pattern.units[p] as string).length - 1;
      if (++p === n) {
        end = i + 1;
        break;
      }
    }
  }
  if (end < 0) return false;
  p = n - 1;
  for (let i = end - 1; i >= 0; i--) {
    const at = i - (pattern.units[p] as string).length + 1;
    if (at >= 0 && unitAt(folded, at, pattern, p)) {
      i = at;
      if (p === 0) {
        windowStart = at;
        windowEnd = end;
        return true;
      }
      p--;
    }
  }
  return false;
}

/** Scores the window; records matched positions into `positions` when given. */
function scoreWindow(
  text: string,
  folded: string,
  pattern: Pattern,
  start: number,
  end: number,
  positions: number[] | null,
): number {
  let score = 0;
  let p = 0;
  let inGap = false;
  let consecutive = 0;
  let firstBonus = 0;
  const n = pattern.units.length;
  for (let i = start; i < end && p < n; i++) {
    if (unitAt(folded, i, pattern, p)) {
      positions?.push(i);
      let bonus = positionBonus(text, i);
      if (consecutive === 0) {
        firstBonus = bonus;
      } else {
        // A run keeps the bonus of its first character (as fzf does), so a word matched
        // from its start scores like a boundary match all along.
        if (bonus >= SCORE.boundary) firstBonus = bonus;
        bonus = Math.max(bonus, firstBonus, SCORE.consecutive);
      }
      score += SCORE.match + (p === 0 ? bonus * SCORE.firstCharMultiplier : bonus);
      consecutive++;
      inGap = false;
      i += (pattern.units[p] as string).length - 1;
      p++;
    } else {
      score += inGap ? SCORE.gapExtension : SCORE.gapStart;
      inGap = true;
      consecutive = 0;
    }
  }
  return score;
}

/**
 * The fuzzy score of `pattern` (already lowercased unless case-sensitive) in `text`, or
 * NO_MATCH; `folded` is the text as compared (lowercased, same length, or `text` itself).
 * Matched positions are pushed to `positions` when given.
 */
export function fuzzyScore(
  text: string,
  folded: string,
  pattern: Pattern,
  positions: number[] | null = null,
): number {
  if (pattern.units.length === 0) return 0;
  if (!findWindow(folded, pattern)) return NO_MATCH;
  return scoreWindow(text, folded, pattern, windowStart, windowEnd, positions);
}

export type LiteralKind = 'exact' | 'prefix' | 'suffix' | 'equal';

/** Exact, prefix, suffix and equal terms: a substring at a place, scored like a run. */
export function literalScore(
  text: string,
  folded: string,
  pattern: Pattern,
  needle: string,
  kind: LiteralKind,
  positions: number[] | null = null,
): number {
  let at: number;
  if (kind === 'prefix') at = folded.startsWith(needle) ? 0 : -1;
  else if (kind === 'suffix') at = folded.endsWith(needle) ? folded.length - needle.length : -1;
  else if (kind === 'equal') at = folded === needle ? 0 : -1;
  else {
    // Prefer an occurrence at a word boundary over the first one.
    at = folded.indexOf(needle);
    for (let i = at; i >= 0; i = folded.indexOf(needle, i + 1)) {
      if (positionBonus(text, i) > 0) {
        at = i;
        break;
      }
    }
  }
  if (at < 0) return NO_MATCH;
  return scoreWindow(text, folded, pattern, at, at + needle.length, positions);
}
