import { foldedText } from './folded-text.js';

/** Words one after another, folded; the last of them a prefix when the search was still being typed there. */
export interface SearchPhrase {
  readonly words: readonly string[];
  readonly prefix: boolean;
}

/** A case search: every phrase must occur (a word alone is a phrase of one word). */
export interface SearchQuery {
  readonly phrases: readonly SearchPhrase[];
}

/** At most 16 words of at most 64 characters each: a search is a few words, not a document. */
const MAX_WORDS = 16;
const MAX_WORD = 64;

const wordsOf = (text: string): string[] => (foldedText(text).match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => word.slice(0, MAX_WORD));

/**
 * Reads a search as a person types it. Words in double quotes are a phrase (they must occur one after
 * another, "môi trường" not "môi ... trường"); other words each occur anywhere. The last word is a
 * prefix ("o nhi" finds "ô nhiễm") unless it ends a closed phrase: closing the quote says the phrase is
 * complete. An unclosed quote is a phrase still being typed, so its last word is a prefix too.
 * Everything but letters and digits is dropped, so nothing typed is FTS5 syntax.
 */
export function parseSearch(query: string): SearchQuery {
  const segments = query.split('"');
  const phrases: SearchPhrase[] = [];
  let budget = MAX_WORDS;
  segments.forEach((segment, index) => {
    const quoted = index % 2 === 1;
    const words = wordsOf(segment).slice(0, budget);
    budget -= words.length;
    if (words.length === 0) return;
    if (quoted) phrases.push({ words, prefix: false });
    else for (const word of words) phrases.push({ words: [word], prefix: false });
  });
  const last = phrases[phrases.length - 1];
  const closedAtEnd = segments.length % 2 === 1 && segments.length > 1 && wordsOf(segments[segments.length - 1]).length === 0;
  if (last !== undefined && !closedAtEnd) phrases[phrases.length - 1] = { ...last, prefix: true };
  return { phrases };
}

/** The FTS5 MATCH expression of a search: each phrase quoted (its words only letters and digits), all required. */
export function ftsMatchOf(search: SearchQuery): string {
  return search.phrases.map((phrase) => `"${phrase.words.join(' ')}"${phrase.prefix ? '*' : ''}`).join(' ');
}

/**
 * The MATCH expression a ranked search reads: the same cases as ftsMatchOf's, with the whole search as
 * one more phrase, OR-ed in. Every case holding all the words one after another holds each of them, so
 * the OR finds no other case; but bm25 scores every phrase of the expression, so a case where the words
 * stand together ("ô nhiễm") ranks above one where they are scattered ("nhiễm phèn ở ruộng").
 */
export function rankedMatchOf(search: SearchQuery): string {
  const plain = ftsMatchOf(search);
  if (search.phrases.length < 2) return plain;
  const together = { words: search.phrases.flatMap((phrase) => phrase.words), prefix: search.phrases[search.phrases.length - 1]!.prefix };
  return `(${plain}) OR (${ftsMatchOf({ phrases: [together] })})`;
}
