import type { JsonObject } from '../../ledger/event-store.port.js';
import type { CaseCategory } from '../case.events.js';
import type { CaseHistory } from './case-history.js';

/**
 * Where a replay carries the reporter (the CaseReceived step's data, and every state), and the
 * category that decides who may see it: denunciation if the case was one at any step shown, so a
 * later correction of the category never opens up what a denouncer reported.
 */
export function reporterInHistory(history: CaseHistory): { recorded: unknown; category: CaseCategory | null } {
  const received = history.steps.find((step) => step.type === 'CaseReceived');
  if (!received) return { recorded: null, category: null };
  const categories = history.steps
    .map((step) => step.stateAfter.category)
    .filter((category): category is CaseCategory => typeof category === 'string');
  return {
    recorded: received.data.reporter ?? null,
    category: categories.includes('denunciation') ? 'denunciation' : (categories[categories.length - 1] ?? null),
  };
}

/** The history with the reporter replaced wherever it appears by what the reader may see. */
export function withReporterShown(history: CaseHistory, shown: unknown): CaseHistory {
  const withShown = (view: Record<string, unknown>): Record<string, unknown> => ('reporter' in view ? { ...view, reporter: shown } : view);
  return {
    ...history,
    state: withShown(history.state),
    steps: history.steps.map((step) => ({
      ...step,
      data: step.type === 'CaseReceived' && 'reporter' in step.data ? ({ ...step.data, reporter: shown } as JsonObject) : step.data,
      stateAfter: withShown(step.stateAfter),
    })),
  };
}
