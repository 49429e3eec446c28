import { INDICATORS, type OfficialEvaluation } from './evaluation.js';

/**
 * RFC 4180: a header row, CRLF line ends, a field quoted when it holds a quote, comma or line break.
 * One row per official; each indicator is two columns, its count and `<indicator>Evidence`, the event
 * ids it was computed from joined with single spaces (event ids hold no spaces), so the file stays one
 * table that a spreadsheet opens and every figure can still be drilled into.
 */
export function evaluationsCsv(evaluations: readonly OfficialEvaluation[]): string {
  const header = ['officialId', 'fullName', ...INDICATORS.flatMap((indicator) => [indicator, `${indicator}Evidence`])];
  const rows = evaluations.map((evaluation) => [
    evaluation.officialId,
    evaluation.fullName ?? '',
    ...INDICATORS.flatMap((indicator) => [
      String(evaluation.indicators[indicator].count),
      evaluation.indicators[indicator].evidence.join(' '),
    ]),
  ]);
  return [header, ...rows].map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('');
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
