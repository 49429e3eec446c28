import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { CommandHandler } from '../../ledger/command-handler.js';
import { readAggregate } from '../../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { answer, commandEnvelope } from '../../http/command-request.js';
import { CommandErrorResponses, IdempotencyKeyHeader, IfMatchHeader } from '../../http/api-docs.js';
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

@ApiTags('meetings')
@Controller('api/v1/meetings')
@CommandErrorResponses()
export class MeetingsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: UnitDirectory,
    private readonly officials: OfficialDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: meetingDecider, streamOf: meetingStream, name: 'Meeting', view: meetingView },
    this.commands,
    this.store,
    this.clock,
  );

  @Requires('meetings.record', bodyUnit)
  @Post()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Recorded; Location names the meeting, ETag its revision.' })
  @ApiConflictResponse({ description: 'A meeting with this id is already recorded (MEETING.ALREADY_RECORDED).' })
  @ApiUnprocessableEntityResponse({ description: 'MEETING.UNIT_NOT_ACTIVE, MEETING.UNKNOWN_ATTENDEE, MEETING.ATTENDEE_LEFT.' })
  async record(@Body() body: RecordMeetingRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const envelope = commandEnvelope(request, this.clock.now(), body.heldAt);
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
    const result = await this.commands.handle(meetingDecider, meetingStream(meetingId), command, envelope);
    answer(response, result, `/api/v1/meetings/${meetingId}`);
    return { meetingId, ...meetingView(result.state) };
  }

  @Requires('records.read', meetingParam)
  @ApiAnswer(READ_EXAMPLES.meeting, { description: 'The meeting, with its ETag' })
  @Get(':meetingId')
  @ApiOkResponse({ description: 'The meeting as recorded, corrections applied, with its ETag.' })
  @ApiNotFoundResponse({ description: 'No such meeting (code NOT_FOUND).' })
  get(@Param('meetingId') meetingId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(meetingId, response);
  }

  @Requires('meetings.record', meetingParam)
  @Post(':meetingId/corrections')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiUnprocessableEntityResponse({
    description: 'A corrected attendee is not a registered official, or had left (MEETING.UNKNOWN_ATTENDEE, MEETING.ATTENDEE_LEFT).',
  })
  async correct(
    @Param('meetingId') meetingId: string,
    @Body() body: CorrectionRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await readAggregate(this.store, meetingDecider, meetingStream(meetingId), `Meeting ${meetingId}`);
    const attendees = await this.officials.references(attendeeIdsIn(body.fields.attendees));
    const command = { type: 'CorrectMeetingEvent' as const, eventId: body.eventId, reason: body.reason, fields: body.fields, attendees };
    const result = await this.commands.handle(
      meetingDecider,
      meetingStream(meetingId),
      command,
      commandEnvelope(request, this.clock.now(), body.occurredAt),
    );
    answer(response, result);
    return meetingView(result.state);
  }
}

/** Only well-formed lists are looked up; the decider refuses anything else as an invalid value. */
function attendeeIdsIn(value: unknown): string[] {
  return Array.isArray(value) && value.length <= MAX_ATTENDEES && value.every(isOfficialId) ? [...new Set(value)] : [];
}
