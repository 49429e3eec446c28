import { foldedText } from './folded-text.js';
import type { SearchQuery } from './search-query.js';

/** Where in a case a text comes from. */
export const SNIPPET_FIELDS = ['summary', 'outcome', 'action', 'finding'] as const;
export type SnippetField = (typeof SNIPPET_FIELDS)[number];

/** One text of a case as recorded, with its diacritics. */
export interface SearchedText {
  readonly field: SnippetField;
  readonly text: string;
}

/** A span of the snippet's text, in UTF-16 code units (as JavaScript strings index), end exclusive. */
export interface Highlight {
  readonly start: number;
  readonly end: number;
}

/** The part of one text where the search matched, with the matched words marked. */
export interface Snippet {
  readonly field: SnippetField;
  readonly text: string;
  readonly highlights: readonly Highlight[];
}

/** A snippet is at most this long (plus an ellipsis at each cut end): two lines of a result list. */
export const SNIPPET_LENGTH = 160;
/** How much of the text before the first match a cut snippet keeps, to show the match in its sentence. */
const LEAD = 40;
const ELLIPSIS = '…';

interface Token {
  readonly start: number;
  readonly end: number;
  readonly folded: string;
}

interface Hit {
  readonly phrase: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The snippet of the text that matches most of the search's phrases (the first such text in the
 * order given: summary, outcome, actions, findings), or null when none does. The search index holds
 * only folded text, so the match is found again here in the text as recorded: each word of it folded
 * as the index folded it, so "o nhiem" marks "ô nhiễm" and "Huong" marks "Hưởng", while the snippet
 * keeps every diacritic.
 */
export function snippetOf(search: SearchQuery, texts: readonly SearchedText[]): Snippet | null {
  let best: { text: SearchedText; hits: Hit[]; phrases: number } | null = null;
  for (const text of texts) {
    const hits = hitsIn(search, tokensOf(text.text));
    const phrases = new Set(hits.map((hit) => hit.phrase)).size;
    if (phrases > 0 && (best === null || phrases > best.phrases)) best = { text, hits, phrases };
  }
  return best === null ? null : cut(best.text, best.hits);
}

/** Runs of letters, digits and their combining marks, each with its folded form. */
function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const folded = foldedText(match[0]);
    if (folded !== '') tokens.push({ start: match.index, end: match.index + match[0].length, folded });
  }
  return tokens;
}

function hitsIn(search: SearchQuery, tokens: readonly Token[]): Hit[] {
  const hits: Hit[] = [];
  search.phrases.forEach((phrase, index) => {
    const n = phrase.words.length;
    for (let first = 0; first + n <= tokens.length; first++) {
      const matches = phrase.words.every((word, offset) => {
        const token = tokens[first + offset]!.folded;
        return token === word || (phrase.prefix && offset === n - 1 && token.startsWith(word));
      });
      if (matches) hits.push({ phrase: index, start: tokens[first]!.start, end: tokens[first + n - 1]!.end });
    }
  });
  return hits.sort((a, b) => a.start - b.start);
}

/** The window of at most SNIPPET_LENGTH characters holding the most phrases, cut at word boundaries. */
function cut(source: SearchedText, hits: readonly Hit[]): Snippet {
  const text = source.text;
  let from = 0;
  let to = text.length;
  if (text.length > SNIPPET_LENGTH) {
    let bestCount = -1;
    for (const anchor of hits) {
      const start = Math.max(0, Math.min(anchor.start - LEAD, text.length - SNIPPET_LENGTH));
      const count = new Set(hits.filter((hit) => hit.start >= start && hit.end <= start + SNIPPET_LENGTH).map((hit) => hit.phrase)).size;
      if (count > bestCount) [bestCount, from] = [count, start];
    }
    to = from + SNIPPET_LENGTH;
    const tokens = tokensOf(text);
    // Whole words only: start at the first word that begins in the window, end after the last that ends in it.
    if (from > 0) from = tokens.find((token) => token.start >= from)?.start ?? from;
    if (to < text.length) to = [...tokens].reverse().find((token) => token.end <= to && token.start >= from)?.end ?? to;
  }
  const lead = from > 0 ? ELLIPSIS : '';
  const trail = to < text.length ? ELLIPSIS : '';
  const highlights: Highlight[] = [];
  for (const hit of hits) {
    if (hit.start < from || hit.end > to) continue;
    const start = hit.start - from + lead.length;
    const end = hit.end - from + lead.length;
    const previous = highlights[highlights.length - 1];
    // Overlapping or touching spans (a word that two phrases share) are marked once.
    if (previous !== undefined && start <= previous.end)
      highlights[highlights.length - 1] = { start: previous.start, end: Math.max(previous.end, end) };
    else highlights.push({ start, end });
  }
  return { field: source.field, text: `${lead}${text.slice(from, to)}${trail}`, highlights };
}
