import { ApiProperty } from '@nestjs/swagger';
import { MEETING_KINDS } from '../../meetings/meeting.events.js';
import { UNIT_KINDS } from '../../organisation/unit.events.js';
import { RESPONSIBILITY_ROLES } from '../../officials/official.events.js';
import { VISIT_KINDS } from '../../visits/visit.events.js';

export class EventReferenceView {
  @ApiProperty() readonly eventId!: string;
  @ApiProperty() readonly type!: string;
  @ApiProperty() readonly occurredAt!: string;
}

/** What every aggregate view carries: the events behind it (its history) and those corrected. */
class WithHistoryView {
  @ApiProperty({ type: [EventReferenceView], description: 'Its history: every event, in order' })
  readonly events!: readonly EventReferenceView[];
  @ApiProperty({ type: [String] }) readonly correctedEventIds!: readonly string[];
  @ApiProperty() readonly lastOccurredAt!: string;
}

export class ParentPeriodView {
  @ApiProperty({ type: String, nullable: true }) readonly parentId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'First day (YYYY-MM-DD); null: since registration' })
  readonly from!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The next stretch’s first day (exclusive); null: still' })
  readonly to!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The UnitMoved event that began it; null for the registered parent' })
  readonly eventId!: string | null;
}

export class RemoteAreaChangeView {
  @ApiProperty({ description: 'true: designated a remote or difficult area; false: the designation lifted' }) readonly remote!: boolean;
  @ApiProperty({ description: 'First day it holds (YYYY-MM-DD)', example: '2013-01-01' }) readonly from!: string;
  @ApiProperty({ example: 'Quyết định 2405/QĐ-TTg' }) readonly legalBasis!: string;
  @ApiProperty({ description: 'The UnitRemoteAreaSet event' }) readonly eventId!: string;
}

export class UnitListItemView extends WithHistoryView {
  @ApiProperty() readonly unitId!: string;
  @ApiProperty({ enum: ['active', 'merged', 'abolished'] }) readonly status!: string;
  @ApiProperty({ example: 'Xã Gia Tân' }) readonly name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) readonly kind!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The parent now' }) readonly parentId!: string | null;
  @ApiProperty({ type: [ParentPeriodView], description: 'Its parents over time, oldest first (moves take effect on a day)' })
  readonly parents!: readonly ParentPeriodView[];
  @ApiProperty({
    type: [RemoteAreaChangeView],
    description: 'Its designations as a remote area and their liftings, oldest first; cases keep the status of their receipt day',
  })
  readonly remoteArea!: readonly RemoteAreaChangeView[];
  @ApiProperty() readonly registeredAt!: string;
  @ApiProperty({ type: [String], description: 'Names before each renaming, oldest first' }) readonly formerNames!: readonly string[];
  @ApiProperty({ type: [String], description: 'Units merged into this one' }) readonly absorbedUnitIds!: readonly string[];
  @ApiProperty({ type: String, nullable: true }) readonly mergedIntoUnitId!: string | null;
}

export class AssignmentView {
  @ApiProperty() readonly assignmentId!: string;
  @ApiProperty() readonly unitId!: string;
  @ApiProperty({ enum: RESPONSIBILITY_ROLES }) readonly role!: string;
  @ApiProperty({ example: '2026-01-01' }) readonly from!: string;
  @ApiProperty({ type: String, nullable: true }) readonly to!: string | null;
  @ApiProperty({ type: Object, nullable: true, description: '{ to, reason } once ended' }) readonly ended!: object | null;
}

export class OfficialListItemView extends WithHistoryView {
  @ApiProperty() readonly officialId!: string;
  @ApiProperty({ enum: ['active', 'left'] }) readonly status!: string;
  @ApiProperty({ example: 'Phạm Quang Hưởng' }) readonly fullName!: string;
  @ApiProperty() readonly position!: string;
  @ApiProperty({ description: 'Home unit' }) readonly unitId!: string;
  @ApiProperty({ type: [AssignmentView] }) readonly assignments!: readonly AssignmentView[];
}

export class VisitListItemView extends WithHistoryView {
  @ApiProperty() readonly visitId!: string;
  @ApiProperty({ enum: ['scheduled', 'cancelled', 'conducted'] }) readonly status!: string;
  @ApiProperty({ enum: VISIT_KINDS }) readonly kind!: string;
  @ApiProperty() readonly purpose!: string;
  @ApiProperty({ type: String, nullable: true }) readonly place!: string | null;
  @ApiProperty() readonly unitId!: string;
  @ApiProperty({ type: [String] }) readonly participants!: readonly string[];
  @ApiProperty() readonly plannedFor!: string;
  @ApiProperty({ type: Object, nullable: true, description: '{ startedAt, endedAt, presentParticipants, others, at }' })
  readonly conduct!: object | null;
  @ApiProperty({ type: [Object], description: '{ findingId, text, severity, caseId, recordedAt }' }) readonly findings!: readonly object[];
}

export class MeetingListItemView extends WithHistoryView {
  @ApiProperty() readonly meetingId!: string;
  @ApiProperty({ enum: ['held'] }) readonly status!: string;
  @ApiProperty() readonly unitId!: string;
  @ApiProperty({ enum: MEETING_KINDS }) readonly kind!: string;
  @ApiProperty() readonly heldAt!: string;
  @ApiProperty({ type: [String] }) readonly attendees!: readonly string[];
  @ApiProperty({ type: String, nullable: true }) readonly agendaSummary!: string | null;
}

class PageLinks {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page' }) readonly nextAfter!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The next page, this query kept' }) readonly next!: string | null;
}

export class UnitListPageView extends PageLinks {
  @ApiProperty({ type: [UnitListItemView] }) readonly items!: readonly unknown[];
}
export class OfficialListPageView extends PageLinks {
  @ApiProperty({ type: [OfficialListItemView] }) readonly items!: readonly unknown[];
}
export class VisitListPageView extends PageLinks {
  @ApiProperty({ type: [VisitListItemView] }) readonly items!: readonly unknown[];
}
export class MeetingListPageView extends PageLinks {
  @ApiProperty({ type: [MeetingListItemView] }) readonly items!: readonly unknown[];
}
