import { ledgerValidationPipe } from '../http/validation.pipe.js';
import { ImportedIds } from './import-ids.js';
import { answerRow, checkRow } from './row-checks.js';

const validation = ledgerValidationPipe();

describe('checkRow', () => {
  it('gives a row the ids an earlier version of the import gave it, so its events are recognised', async () => {
    // Given a row without rowId (its identity is its content) and one with
    const fields = { command: 'AcknowledgeCase', caseId: 'HS-2015-0042', occurredAt: '2015-01-09T08:00:00+07:00' };

    // When they are checked
    const byContent = await checkRow(fields, new ImportedIds('old-system'), validation);
    const byRowId = await checkRow({ ...fields, rowId: ' R-7 ' }, new ImportedIds('old-system'), validation);

    // Then the case and the first event have the ids the ledger holds from imports before
    expect(byContent.targetId).toBe('ce107ebc-e366-585a-9bfc-c0f04d0519f8');
    expect(byContent.firstEventId).toBe('93334435-7ce3-5e26-a6f3-dd494c2d37b7');
    expect(byRowId.firstEventId).toBe('d6f54364-ad2b-569b-adfd-f8a9ab5cbf91');
  });

  it('answers a refusal with its code, its sentence and the ids derived before it', async () => {
    const ids = new ImportedIds('old-system', true);
    const answer = await answerRow(
      { command: 'AssignCase', caseId: 'HS-1', occurredAt: '2015-01-09T08:00:00+07:00', officialId: 'CB0001', extra: 1 },
      ids,
      validation,
    );
    expect(answer).toEqual({
      refused: { code: 'VALIDATION.FAILED', message: expect.stringContaining('property extra should not exist') },
      derived: [
        ['case\nHS-1', ids.id('case', 'HS-1')],
        ['official\nCB0001', ids.id('official', 'CB0001')],
      ],
    });
  });
});
