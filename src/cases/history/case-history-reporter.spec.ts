import type { CaseHistory, CaseHistoryStep } from './case-history.js';
import { reporterInHistory, withReporterShown } from './case-history-reporter.js';

const sealed = { subjectId: 'reporter-c1', alg: 'A256GCM', iv: 'aXY=', ciphertext: 'Yw==', tag: 'dA==' };
const step = (type: string, category: string, data: Record<string, unknown> = {}): CaseHistoryStep =>
  ({
    eventId: type,
    type,
    occurredAt: '',
    recordedAt: '',
    actor: 'a',
    officialId: null,
    streamRevision: 0,
    globalPosition: 1,
    hash: 'h',
    data,
    stateAfter: { caseId: 'c1', category, reporter: sealed },
  }) as CaseHistoryStep;
const history = (steps: CaseHistoryStep[]): CaseHistory => ({
  caseId: 'c1',
  asOf: null,
  by: 'everything',
  otherAxis: null,
  note: null,
  state: steps[steps.length - 1]?.stateAfter ?? { status: 'unreceived' },
  steps,
});

describe('the reporter in a case history', () => {
  it('is judged as a denunciation if the case was one at any step shown', () => {
    const corrected = history([step('CaseReceived', 'denunciation', { reporter: sealed }), step('EventCorrected', 'complaint')]);
    expect(reporterInHistory(corrected)).toEqual({ recorded: sealed, category: 'denunciation' });
    expect(reporterInHistory(history([step('CaseReceived', 'petition', { reporter: sealed })]))).toEqual({
      recorded: sealed,
      category: 'petition',
    });
  });

  it('has no reporter before the receipt', () => {
    expect(reporterInHistory(history([]))).toEqual({ recorded: null, category: null });
  });

  it('is replaced in the receipt, in every state after a step, and in the state', () => {
    const shown = { redacted: true, reason: 'role', subjectId: 'reporter-c1' };
    const replaced = withReporterShown(
      history([
        step('CaseReceived', 'complaint', { reporter: sealed, summary: 's' }),
        step('CaseAcknowledged', 'complaint', { note: null }),
      ]),
      shown,
    );
    expect(JSON.stringify(replaced)).not.toContain('ciphertext');
    expect(replaced.steps[0].data).toEqual({ reporter: shown, summary: 's' });
    expect(replaced.steps[1].data).toEqual({ note: null });
    expect(replaced.state.reporter).toEqual(shown);
  });
});
