/**
 * The search engine over distinct commands (candidates). Pure and synchronous: the caller
 * decides which thread it runs on. Keeps the survivors of the last query, so a query that
 * only grew searches those instead of everything (the incremental path), and keeps only the
 * top `limit` hits while scanning; match positions are computed for those alone.
 */
import { NO_MATCH, compilePattern, fuzzyScore, literalScore, type Pattern } from './score.js';
import { narrows, parseQuery, type Term } from './query.js';

export type Candidate = {
  readonly command: string;
  /** How many live entries have this command (in the candidate set's scope). */
  readonly uses: number;
  /** The newest of them, ms since the epoch. */
  readonly lastUsed: number;
  /** The uuid of that newest entry. */
  readonly uuid: string;
};

export type SearchHit = {
  readonly candidate: Candidate;
  readonly score: number;
  /** UTF-16 indices of the matched characters, ascending, for highlighting. */
  readonly positions: number[];
};

/** A candidate equal to the whole query outranks every partial match. */
const WHOLE_MATCH_BONUS = 10_000;

type CompiledTerm = Term & { readonly pattern: Pattern };

/** The term's score in the text, or NO_MATCH. */
function matchTerm(
  text: string,
  folded: string,
  term: CompiledTerm,
  positions: number[] | null,
): number {
  const haystack = term.caseSensitive ? text : folded;
  if (term.kind === 'fuzzy') return fuzzyScore(text, haystack, term.pattern, positions);
  return literalScore(text, haystack, term.pattern, term.text, term.kind, positions);
}

/** Orders hits: score, then recency, then frequency, then the shorter command. */
function better(score: number, c: Candidate, than: { score: number; c: Candidate }): boolean {
  if (score !== than.score) return score > than.score;
  if (c.lastUsed !== than.c.lastUsed) return c.lastUsed > than.c.lastUsed;
  if (c.uses !== than.c.uses) return c.uses > than.c.uses;
  return c.command.length < than.c.command.length;
}

export class SearchEngine {
  /** Candidates, newest first (the order of an empty query). */
  readonly #candidates: readonly Candidate[];
  /** Lowercased commands, same index; the command itself where lowercasing changes the length. */
  readonly #folded: string[];
  #lastQuery = '';
  #lastSurvivors: Int32Array | null = null;

  constructor(candidates: readonly Candidate[]) {
    this.#candidates = [...candidates].sort((a, b) => b.lastUsed - a.lastUsed);
    this.#folded = this.#candidates.map((c) => {
      const lower = c.command.toLowerCase();
      return lower.length === c.command.length ? lower : c.command;
    });
  }

  get size(): number {
    return this.#candidates.length;
  }

  /** The best `limit` hits for `query`; an empty query lists the newest. */
  search(query: string, limit: number): SearchHit[] {
    const terms: CompiledTerm[] = parseQuery(query).map((term) => ({
      ...term,
      pattern: compilePattern(term.text),
    }));
    if (terms.length === 0) {
      this.#lastQuery = '';
      this.#lastSurvivors = null;
      return this.#candidates
        .slice(0, limit)
        .map((candidate) => ({ candidate, score: 0, positions: [] }));
    }
    const pool = narrows(this.#lastQuery, query) ? this.#lastSurvivors : null;
    const whole = query.trim().toLowerCase();
    const trimmed = query.trim();
    const positive = terms.filter((t) => !t.negate);
    const negative = terms.filter((t) => t.negate);
    const survivors = new Int32Array(pool ? pool.length : this.#candidates.length);
    let survivorCount = 0;
    const top: { score: number; c: Candidate; index: number }[] = [];
    const count = pool ? pool.length : this.#candidates.length;
    // Locals, not private fields, in the hot loop.
    const candidates = this.#candidates;
    const foldedTexts = this.#folded;
    for (let k = 0; k < count; k++) {
      const index = pool ? (pool[k] as number) : k;
      const candidate = candidates[index] as Candidate;
      const text = candidate.command;
      const folded = foldedTexts[index] as string;
      let score = 0;
      let matched = true;
      for (let t = 0; t < positive.length; t++) {
        const termScore = matchTerm(text, folded, positive[t] as CompiledTerm, null);
        if (termScore === NO_MATCH) {
          matched = false;
          break;
        }
        score += termScore;
      }
      for (let t = 0; matched && t < negative.length; t++) {
        if (matchTerm(text, folded, negative[t] as CompiledTerm, null) !== NO_MATCH)
          matched = false;
      }
      if (!matched) continue;
      survivors[survivorCount++] = index;
      if (folded === whole || text === trimmed) score += WHOLE_MATCH_BONUS;
      if (top.length >= limit && !better(score, candidate, top[top.length - 1]!)) continue;
      let at = top.length;
      while (at > 0 && better(score, candidate, top[at - 1]!)) at--;
      top.splice(at, 0, { score, c: candidate, index });
      if (top.length > limit) top.pop();
    }
    this.#lastQuery = query;
    this.#lastSurvivors = survivors.subarray(0, survivorCount);
    return top.map(({ score, c, index }) => ({
      candidate: c,
      score,
      positions: this.#positions(index, positive),
    }));
  }

  #positions(index: number, terms: readonly CompiledTerm[]): number[] {
    const text = (this.#candidates[index] as Candidate).command;
    const folded = this.#folded[index] as string;
    const all = new Set<number>();
    for (const term of terms) {
      const positions: number[] = [];
      matchTerm(text, folded, term, positions);
      for (const position of positions) {
        all.add(position);
        // An astral character is two UTF-16 units: highlight both halves.
        const code = text.charCodeAt(position);
        if (code >= 0xd800 && code <= 0xdbff) all.add(position + 1);
      }
    }
    return [...all].sort((a, b) => a - b);
  }
}
