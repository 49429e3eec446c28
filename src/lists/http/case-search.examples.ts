const POLLUTION = {
  caseId: '701f8df7-7e19-41a5-850a-114920b7f212',
  status: 'open',
  category: 'reflection',
  channel: 'citizen-reception',
  classification: null,
  complexity: null,
  summary: 'Ô nhiễm môi trường ở thôn Đông',
  receivedUnitId: 'gia-tan',
  currentUnitId: 'gia-tan',
  assignee: { officialId: 'o-gia-tan', unitId: null },
  receivedAt: '2026-03-02T09:00:00+07:00',
  acknowledgedAt: null,
  assignedAt: '2026-03-02T10:00:00+07:00',
  dueAt: '2026-03-20T17:00:00+07:00',
  extensions: 0,
  actionCount: 1,
  reportedUpwardAt: null,
  escalatedAt: null,
  resolvedAt: null,
  outcome: null,
  closedAt: null,
  suspendedAt: null,
  lastActivityAt: '2026-03-03T11:00:00+07:00',
  sourceVisitId: null,
};

/** The case list's answers as the OpenAPI document shows them: a plain page, and a search with its snippets. */
export const SEARCH_EXAMPLES = {
  list: {
    summary: 'GET /api/v1/cases?status=open',
    value: { items: [POLLUTION], nextAfter: null, next: null, asOf: '2026-03-04T08:00:00+07:00' },
  },
  search: {
    summary: 'GET /api/v1/cases?q=o%20nhiem&sort=relevance (the words in the summary rank before the same words in an action)',
    value: {
      items: [
        {
          ...POLLUTION,
          snippet: {
            field: 'summary',
            text: 'Ô nhiễm môi trường ở thôn Đông',
            highlights: [
              { start: 0, end: 1 },
              { start: 2, end: 7 },
              { start: 19, end: 20 },
            ],
          },
        },
        {
          ...POLLUTION,
          caseId: '3c1f0a52-8e2d-4b6f-9a7c-5d4e3f2a1b0c',
          summary: 'Cá chết hàng loạt ở ao làng',
          snippet: {
            field: 'action',
            text: 'Lấy mẫu nước đo mức ô nhiễm',
            highlights: [
              { start: 20, end: 21 },
              { start: 22, end: 27 },
            ],
          },
        },
      ],
      nextAfter: null,
      next: null,
      asOf: '2026-03-04T08:00:00+07:00',
    },
  },
};
