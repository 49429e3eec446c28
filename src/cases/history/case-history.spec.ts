import type { JsonObject, RecordedEvent } from '../../ledger/event-store.port.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { historySelection, replayCase } from './case-history.js';

let position = 100;
/** A literal recorded event of one case stream: occurredAt and recordedAt chosen by the test. */
function recorded(
  type: string,
  data: JsonObject,
  occurredAt: string,
  recordedAt: string,
  eventId = `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
): RecordedEvent {
  const revision = position - 100;
  position++;
  return {
    eventId,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'user:clerk-1', correlationId: 'c', causationId: null, occurredAt },
    streamId: 'case-c1',
    streamRevision: revision,
    globalPosition: position * 10,
    recordedAt,
    previousHash: null,
    hash: 'h'.repeat(64),
  };
}

describe('replayCase', () => {
  const received = recorded(
    'CaseReceived',
    {
      caseId: 'c1',
      unitId: 'gia-tan',
      category: 'complaint',
      channel: 'letter',
      summary: 'Canal',
      reporter: {},
      sourceVisitId: null,
      referredFromUnitId: null,
    },
    '2026-03-02T08:00:00+07:00',
    '2026-03-02T01:00:00.000Z',
  );
  // Acknowledged on 3 March, but entered into the ledger only on 10 March.
  const acknowledged = recorded('CaseAcknowledged', { note: null }, '2026-03-03T09:00:00+07:00', '2026-03-10T02:00:00.000Z');
  const corrected = recorded(
    'EventCorrected',
    { correctedEventId: received.eventId, reason: 'typo', fields: { summary: 'Canal blocked' } },
    '2026-03-11T09:00:00+07:00',
    '2026-03-11T02:00:00.000Z',
  );
  const stream = [received, acknowledged, corrected];

  it('by recorded time: what the ledger knew then, not what was entered late', () => {
    const replay = replayCase('c1', stream, historySelection('2026-03-05T00:00:00+07:00', undefined));
    expect(replay.steps.map((step) => step.type)).toEqual(['CaseReceived']);
    expect(replay.state).toMatchObject({ acknowledgedAt: null });
  });

  it('by occurred time: what had happened by then, as known now', () => {
    const replay = replayCase('c1', stream, historySelection('2026-03-05T00:00:00+07:00', 'occurred'));
    expect(replay.state).toMatchObject({ acknowledgedAt: '2026-03-03T09:00:00+07:00', summary: 'Canal' });
  });

  it('says which axis it used, what the other would show, and why it shows nothing when only the other would', () => {
    // Received on 2 March (08:00 +07:00), recorded at 01:00Z the same day: at 07:30Z by recorded time
    // only the receipt; by occurred time, the acknowledgement of the 3rd is not there either.
    expect(replayCase('c1', stream, historySelection('2026-03-02T05:00:00+07:00', undefined))).toMatchObject({
      by: 'recorded',
      otherAxis: { by: 'occurred', steps: 0 },
      note: null,
    });
    // The acknowledgement occurred on the 3rd but was entered only on the 10th: a history typed in later.
    const typedInLater = [acknowledged];
    const byRecorded = replayCase('c1', typedInLater, historySelection('2026-03-05T00:00:00+07:00', undefined));
    expect(byRecorded).toMatchObject({ by: 'recorded', steps: [], otherAxis: { by: 'occurred', steps: 1 } });
    expect(byRecorded.note).toMatch(
      /^Nothing of this case was recorded in the ledger by 2026-03-05T00:00:00\+07:00, but 1 of its facts had occurred/,
    );
    const byOccurred = replayCase('c1', typedInLater, historySelection('2026-03-05T00:00:00+07:00', 'occurred'));
    expect(byOccurred).toMatchObject({ by: 'occurred', otherAxis: { by: 'recorded', steps: 0 }, note: null });
    expect(byOccurred.steps).toHaveLength(1);
    expect(replayCase('c1', stream, { by: 'everything' })).toMatchObject({ by: 'everything', otherAxis: null, note: null });
  });

  it('applies a correction from its step on, keeping the data as recorded', () => {
    const replay = replayCase('c1', stream, { by: 'everything' });
    expect(replay.steps[0].data).toMatchObject({ summary: 'Canal' });
    expect(replay.steps[0].stateAfter).toMatchObject({ summary: 'Canal' });
    expect(replay.steps[2].stateAfter).toMatchObject({ summary: 'Canal blocked', acknowledgedAt: '2026-03-03T09:00:00+07:00' });
  });

  it.each([['x'], ['1.5'], ['2026-03-05'], ['2026-13-01T00:00:00Z']])('refuses asOf %s', (asOf) => {
    expect(() => historySelection(asOf, undefined)).toThrow(DomainError);
  });

  it('reads a whole number as a global position', () => {
    expect(historySelection('1020', undefined)).toEqual({ by: 'position', asOf: 1020 });
    expect(replayCase('c1', stream, historySelection(String(received.globalPosition), undefined)).steps).toHaveLength(1);
  });
});
