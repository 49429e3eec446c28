import { Body, Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { randomUUID } from 'node:crypto';
import { CommandHandler, type CommandEnvelope } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { CommandErrorResponses } from '../../http/api-docs.js';
import { CommandRoute, resourceSchema } from '../../http/command-route.decorator.js';
import { Envelope } from '../../http/envelope.decorator.js';
import { CorrectionRequestDto } from '../../http/correction.request.dto.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { UnitDirectory } from '../../organisation/unit-directory.js';
import { OfficialDirectory } from '../../officials/official-directory.js';
import { isOfficialId } from '../../officials/official-id.js';
import { meetingDecider } from '../meeting.decider.js';
import { MAX_ATTENDEES, meetingStream } from '../meeting.events.js';
import { RecordMeetingRequestDto } from './dto/record-meeting.request.dto.js';
import { meetingView } from './meeting.view.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { Requires, bodyUnit, meetingParam } from '../../auth/requires.decorator.js';

const MEETING_ANSWER = resourceSchema('The meeting');

@ApiTags('meetings')
@Controller('api/v1/meetings')
@CommandErrorResponses()
export class MeetingsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: UnitDirectory,
    private readonly officials: OfficialDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: meetingDecider, streamOf: meetingStream, name: 'Meeting', notFoundCode: 'MEETING.NOT_FOUND', view: meetingView },
    this.commands,
    this.store,
  );

  @CommandRoute(undefined, 'meetings.record', {
    resource: bodyUnit,
    creates: true,
    answers: 'Recorded; Location names the meeting, ETag its revision.',
    schema: MEETING_ANSWER,
    conflicts: 'A meeting with this id is already recorded (MEETING.ALREADY_RECORDED).',
    unprocessable: 'MEETING.UNIT_NOT_ACTIVE, MEETING.UNKNOWN_ATTENDEE, MEETING.ATTENDEE_LEFT.',
  })
  async record(@Body() body: RecordMeetingRequestDto, @Envelope('heldAt') envelope: CommandEnvelope) {
    const meetingId = body.meetingId ?? newAggregateId(envelope, 'meeting', randomUUID);
    const [unit, attendees] = await Promise.all([this.units.reference(body.unitId), this.officials.references(body.attendees)]);
    const command = {
      type: 'RecordMeeting' as const,
      meetingId,
      unit,
      kind: body.kind,
      heldAt: body.heldAt,
      attendees,
      agendaSummary: body.agendaSummary ?? null,
    };
    return this.endpoint.create(meetingId, command, envelope, `/api/v1/meetings/${meetingId}`, { meetingId });
  }

  @Requires('records.read', meetingParam)
  @ApiAnswer(READ_EXAMPLES.meeting, { description: 'The meeting, with its ETag' })
  @Get(':meetingId')
  @ApiOkResponse({ description: 'The meeting as recorded, corrections applied, with its ETag.', schema: MEETING_ANSWER })
  @ApiNotFoundResponse({ description: 'No such meeting (code NOT_FOUND).' })
  get(@Param('meetingId') meetingId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(meetingId, response);
  }

  @CommandRoute(':meetingId/corrections', 'meetings.record', {
    resource: meetingParam,
    answers: 'The meeting, the correction applied.',
    schema: MEETING_ANSWER,
    unprocessable: 'A corrected attendee is not a registered official, or had left (MEETING.UNKNOWN_ATTENDEE, MEETING.ATTENDEE_LEFT).',
  })
  async correct(@Param('meetingId') meetingId: string, @Body() body: CorrectionRequestDto, @Envelope() envelope: CommandEnvelope) {
    const attendees = await this.officials.references(attendeeIdsIn(body.fields.attendees));
    const command = { type: 'CorrectMeetingEvent' as const, eventId: body.eventId, reason: body.reason, fields: body.fields, attendees };
    return this.endpoint.act(meetingId, command, envelope);
  }
}

/** Only well-formed lists are looked up; the decider refuses anything else as an invalid value. */
function attendeeIdsIn(value: unknown): string[] {
  return Array.isArray(value) && value.length <= MAX_ATTENDEES && value.every(isOfficialId) ? [...new Set(value)] : [];
}
