import type { SearchedText } from './search-snippet.js';

/**
 * The texts of a case a search reads, as recorded (with their diacritics): its summary, the outcome of
 * each resolution, each action and each finding of a visit about it. The index holds them folded, one
 * column each; the cases table keeps them as they are, for the snippet of a result.
 */
export interface CaseTexts {
  readonly summary: string;
  readonly outcomes: string[];
  readonly actions: string[];
  readonly findings: string[];
}

/** The weight of a match in each column of the index, in its order: the summary says what the case is about. */
export const RELEVANCE_WEIGHTS = { summary: 4, outcomes: 2, actions: 1, findings: 1 } as const;

/** The texts in the order a snippet prefers them on a tie: summary, outcomes, actions, findings. */
export function searchedTexts(texts: CaseTexts): SearchedText[] {
  return [
    { field: 'summary', text: texts.summary },
    ...texts.outcomes.map((text) => ({ field: 'outcome' as const, text })),
    ...texts.actions.map((text) => ({ field: 'action' as const, text })),
    ...texts.findings.map((text) => ({ field: 'finding' as const, text })),
  ];
}
