import { ids, type CsvColumn } from '../http/csv.js';

/** One figure of a responsibility report: where it sits in the JSON answer, its count, the events it rests on. */
export interface ReportFigureRow {
  readonly figure: string;
  readonly count: number;
  readonly evidence: readonly string[];
}

export const REPORT_FIGURE_COLUMNS: readonly CsvColumn<ReportFigureRow>[] = [
  ['figure', (row) => row.figure],
  ['count', (row) => row.count],
  ['evidence', (row) => ids(row.evidence)],
];

/** The keys that name an element of a list in the report, so a row's path stays readable and stable. */
const ELEMENT_KEYS = ['assignmentId', 'caseId', 'month', 'unitId'] as const;

/**
 * Every figure ({ count, evidence }) of the report, at any depth, in the order of the JSON answer, named
 * by its path there (attendance.<assignmentId>.months.<month>.committeeMeetings): the report as one table.
 */
export function reportFigures(review: object): ReportFigureRow[] {
  const rows: ReportFigureRow[] = [];
  const visit = (node: unknown, path: readonly string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, elementName(item, index)]));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.count === 'number' && Array.isArray(record.evidence))
      rows.push({ figure: path.join('.'), count: record.count, evidence: record.evidence as string[] });
    for (const [key, child] of Object.entries(record)) if (key !== 'evidence') visit(child, [...path, key]);
  };
  visit(review, []);
  return rows;
}

function elementName(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null)
    for (const key of ELEMENT_KEYS) {
      const value = (item as Record<string, unknown>)[key];
      if (typeof value === 'string') return value;
    }
  return String(index);
}
