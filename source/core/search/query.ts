/**
 * The query language fzf users know: space-separated terms that must all match (AND);
 * `'word` an exact substring, `^word` a prefix, `word$` a suffix, `^word$` the whole text,
 * `!term` a term that must not match; anything else is fuzzy. Smart case: a term with an
 * uppercase letter is case-sensitive, otherwise case is ignored.
 */

export type TermKind = 'fuzzy' | 'exact' | 'prefix' | 'suffix' | 'equal';

export type Term = {
  readonly kind: TermKind;
  readonly text: string;
  readonly negate: boolean;
  readonly caseSensitive: boolean;
};

function parseTerm(raw: string): Term | null {
  let text = raw;
  let negate = false;
  if (text.startsWith('!')) {
    negate = true;
    text = text.slice(1);
  }
  let kind: TermKind = negate ? 'exact' : 'fuzzy';
  if (text.startsWith("'")) {
    kind = 'exact';
    text = text.slice(1);
  } else if (text.startsWith('^') && text.length > 1 && text.endsWith('$')) {
    kind = 'equal';
    text = text.slice(1, -1);
  } else if (text.startsWith('^')) {
    kind = 'prefix';
    text = text.slice(1);
  } else if (text.endsWith('$') && text.length > 1) {
    kind = 'suffix';
    text = text.slice(0, -1);
  }
  if (text.length === 0) return null;
  const caseSensitive = text !== text.toLowerCase();
  return { kind, text: caseSensitive ? text : text.toLowerCase(), negate, caseSensitive };
}

/** Parses a query into terms; empty and operator-only terms are dropped. */
export function parseQuery(query: string): Term[] {
  return query
    .split(/\s+/)
    .filter((raw) => raw.length > 0)
    .map(parseTerm)
    .filter((term): term is Term => term !== null);
}

/**
 * Whether every text matching `next` also matches `previous`, judged from the query text:
 * then the previous survivors can be searched instead of everything. True when the query
 * only grew at the end and nothing in it could make the filter weaker (a negation, whose
 * longer text excludes less; a suffix, which stops being one when text follows the `$`).
 */
export function narrows(previous: string, next: string): boolean {
  if (!next.startsWith(previous) || previous.length === 0) return false;
  if (previous.includes('!')) return false;
  const terms = previous.split(/\s+/).filter(Boolean);
  const last = terms[terms.length - 1] ?? '';
  if (last.endsWith('$') && !/\s$/.test(previous)) return false;
  return true;
}
