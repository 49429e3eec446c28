/** A page of GET /api/v1/alerts as it is answered: it documents the shape in the OpenAPI document. */
export const ALERTS_PAGE_EXAMPLE = {
  asOf: '2026-03-10T09:00:00+07:00',
  withinDays: 3,
  items: [
    {
      alertId: '701f8df7-7e19-41a5-850a-114920b7f212:acknowledge:approaching:1773334799999',
      kind: 'approaching',
      caseId: '701f8df7-7e19-41a5-850a-114920b7f212',
      category: 'complaint',
      step: 'acknowledge',
      clockStartedAt: '2026-03-02T08:00:00+07:00',
      dueAt: '2026-03-12T23:59:59.999+07:00',
      workingDaysLeft: 2,
      hoursLeft: 62.99,
      unitId: 'gia-tan',
      officialId: 'o-gia-tan',
      ruleId: 'complaint-accept-2012',
      legalReference: 'Law on Complaints 02/2011/QH13, arts. 27 and 36',
      evidence: {
        clockStartEventId: '8d07c531-fb8f-4ed9-96ba-e7d535db17c2',
        completedByEventId: null,
        extensionEventIds: [],
        dueSetByEventIds: [],
        correctionEventIds: [],
        ruleEventIds: [],
        classificationEventIds: [],
      },
      evidenceEventIds: ['8d07c531-fb8f-4ed9-96ba-e7d535db17c2'],
      links: {
        case: '/api/v1/cases/701f8df7-7e19-41a5-850a-114920b7f212',
        timeline: '/api/v1/timelines/cases/701f8df7-7e19-41a5-850a-114920b7f212',
        evidence: ['/api/v1/events/8d07c531-fb8f-4ed9-96ba-e7d535db17c2'],
      },
    },
  ],
  nextAfter: 'WyJkdWUiLDE3NzMzMzQ3OTk5OTksIjcwMWY4ZGY3IGFja25vd2xlZGdlIl0',
  next: '/api/v1/alerts?kind=approaching&after=WyJkdWUiLDE3NzMzMzQ3OTk5OTksIjcwMWY4ZGY3IGFja25vd2xlZGdlIl0',
  eventLinks: {
    '8d07c531-fb8f-4ed9-96ba-e7d535db17c2': '/api/v1/events/8d07c531-fb8f-4ed9-96ba-e7d535db17c2',
  },
};
