/** The tables of the lists read model (lists.projection.ts), by their logical names. */
export const LISTS_TABLES = [
  'facts',
  'cases',
  'case_views',
  'case_text',
  'case_findings',
  'units',
  'unit_parents',
  'officials',
  'assignments',
  'visits',
  'visit_people',
  'meetings',
  'meeting_people',
] as const;

export type ListsTable = (typeof LISTS_TABLES)[number];
