import { Body, Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CommandHandler, type CommandEnvelope } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { CommandErrorResponses } from '../../http/api-docs.js';
import { CommandRoute, resourceSchema } from '../../http/command-route.decorator.js';
import { Envelope } from '../../http/envelope.decorator.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { Requires } from '../../auth/requires.decorator.js';
import { monthlyDutyDecider, type MonthlyDutyCommand } from '../monthly-duty.decider.js';
import { monthlyDutyStream } from '../monthly-duty.events.js';
import { RuleBookQuery } from '../rule-book.query.js';
import { RecordMonthlyDutyRequestDto, RetireMonthlyDutyRequestDto } from './dto/record-monthly-duty.request.dto.js';

const DUTY_ANSWER = resourceSchema('The monthly duty');

/** The monthly duties of members in charge, recorded as policies beside the response rules, under the same permission. */
@ApiTags('policies')
@Controller('api/v1/policies/duties')
@CommandErrorResponses()
export class MonthlyDutiesController {
  constructor(
    private readonly commands: CommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly ruleBook: RuleBookQuery,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    {
      decider: monthlyDutyDecider,
      streamOf: monthlyDutyStream,
      name: 'Monthly duty',
      notFoundCode: 'DUTY.NOT_FOUND',
      view: (state) => ({ ...state }),
    },
    this.commands,
    this.store,
  );

  @CommandRoute(undefined, 'policies.manage', {
    creates: true,
    answers: 'Recorded; Location names the duty, ETag its revision. On the days it covers it takes over from the shipped duty.',
    schema: DUTY_ANSWER,
    conflicts:
      'A duty with this id exists (DUTY.ALREADY_RECORDED), or another recorded duty is in force on some of its days (DUTY.OVERLAP).',
  })
  async record(@Body() body: RecordMonthlyDutyRequestDto, @Envelope() envelope: CommandEnvelope) {
    const dutyId = body.dutyId ?? newAggregateId(envelope, 'duty', randomUUID);
    const command: MonthlyDutyCommand = {
      type: 'RecordMonthlyDuty',
      dutyId,
      attend: body.attend.map(({ kind, where }) => ({ kind, where })),
      effectiveFrom: body.effectiveFrom,
      effectiveTo: body.effectiveTo ?? null,
      reference: body.reference,
      needsCheck: body.needsCheck,
      // As the read model has applied them: two duties recorded at the same instant could both pass;
      // the rule book then judges their shared days by the one that starts first.
      otherDuties: this.ruleBook.current().recordedDutyPeriods(),
    };
    return this.endpoint.create(dutyId, command, envelope, `/api/v1/policies/duties/${dutyId}`, { dutyId });
  }

  @Requires('directory.read')
  @Get(':dutyId')
  @ApiOkResponse({ description: 'The duty and its retirement, if any, with the ETag.', schema: DUTY_ANSWER })
  @ApiNotFoundResponse({ description: 'No such duty (code DUTY.NOT_FOUND).' })
  get(@Param('dutyId') dutyId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(dutyId, response);
  }

  @CommandRoute(':dutyId/retirements', 'policies.manage', {
    answers: 'The duty, retired: the shipped duty applies again from effectiveTo.',
    schema: DUTY_ANSWER,
    conflicts: 'DUTY.ALREADY_RETIRED, DUTY.RETIRED_BEFORE_EFFECTIVE, DUTY.ALREADY_ENDS.',
  })
  retire(@Param('dutyId') dutyId: string, @Body() body: RetireMonthlyDutyRequestDto, @Envelope() envelope: CommandEnvelope) {
    const command: MonthlyDutyCommand = { type: 'RetireMonthlyDuty', effectiveTo: body.effectiveTo, reason: body.reason };
    return this.endpoint.act(dutyId, command, envelope);
  }
}
