import { ids, type CsvColumn } from '../http/csv.js';
import { INDICATORS, type OfficialEvaluation } from './evaluation.js';

/**
 * One row per official; each indicator is two columns, its count and `<indicator>Evidence`, the event
 * ids it was computed from, so the file stays one table that a spreadsheet opens and every figure can
 * still be drilled into (GET /api/v1/events/{eventId}).
 */
export const EVALUATION_COLUMNS: readonly CsvColumn<OfficialEvaluation>[] = [
  ['officialId', (evaluation) => evaluation.officialId],
  ['fullName', (evaluation) => evaluation.fullName ?? ''],
  ...INDICATORS.flatMap((indicator): CsvColumn<OfficialEvaluation>[] => [
    [indicator, (evaluation) => evaluation.indicators[indicator].count],
    [`${indicator}Evidence`, (evaluation) => ids(evaluation.indicators[indicator].evidence)],
  ]),
];
