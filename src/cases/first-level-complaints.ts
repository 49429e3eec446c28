import { Inject, Injectable } from '@nestjs/common';
import { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../ledger/event-store.port.js';
import { UnitDirectory } from '../organisation/unit-directory.js';
import { RuleBookQuery } from '../policies/rule-book.query.js';
import { caseTimeline, type TimelineFact } from '../timelines/case-timeline.js';
import { caseHistoryOf } from './case-facts.js';
import { caseStream } from './case.events.js';
import type { FirstLevelComplaint } from './first-level-complaint.js';

/**
 * Reads the first-level complaint a second-level one names, from its own stream (not a read model, so
 * a resolution recorded a moment ago counts), as of the second's receipt: whether it was resolved by
 * then, and its resolution deadline counted as its timeline counts it (the rule book, the working-day
 * calendar, the receiving unit's remote-area designations).
 */
@Injectable()
export class FirstLevelComplaints {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitDirectory,
    private readonly rules: RuleBookQuery,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async asOf(caseId: string, receivedAt: string): Promise<FirstLevelComplaint> {
    const facts = (await this.store.readStream(caseStream(caseId))).map(timelineFactOf);
    const receivedMs = Date.parse(receivedAt);
    const history = caseHistoryOf(facts.filter((fact) => Date.parse(fact.occurredAt) <= receivedMs));
    if (history === null) return { caseId, received: false };
    const first = history.case;
    const unit = await this.units.state(first.receivedUnitId);
    const remoteArea = unit.status === 'unregistered' ? [] : unit.remoteArea;
    const timeline = caseTimeline({
      caseId,
      facts,
      rules: this.rules.current(),
      remoteAreaOf: (unitId) => (unitId === first.receivedUnitId ? remoteArea : []),
      calendar: this.calendar,
      asOf: receivedAt,
    });
    const resolve = timeline?.deadlines.filter((deadline) => deadline.step === 'resolve').at(-1);
    return {
      caseId,
      received: true,
      category: first.category,
      resolvedAt: first.status === 'open' ? null : first.resolvedAt,
      resolveDueAt: resolve?.dueAt ?? null,
    };
  }
}

function timelineFactOf(event: RecordedEvent): TimelineFact {
  return {
    type: event.type,
    data: event.data,
    eventId: event.eventId,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    globalPosition: event.globalPosition,
  } as TimelineFact;
}
