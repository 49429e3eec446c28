import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { CommandHandler } from '../../ledger/command-handler.js';
import { readAggregate } from '../../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { answer, commandEnvelope } from '../../http/command-request.js';
import { CommandErrorResponses, IdempotencyKeyHeader, IfMatchHeader } from '../../http/api-docs.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { policyDecider, type PolicyCommand } from '../policy.decider.js';
import { policyStream, type ExtensionAllowance } from '../policy.events.js';
import {
  RecordPolicyRuleRequestDto,
  RetirePolicyRuleRequestDto,
  type ExtensionAllowanceDto,
} from './dto/record-policy-rule.request.dto.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { Requires } from '../../auth/requires.decorator.js';

@ApiTags('policies')
@Controller('api/v1/policies')
@CommandErrorResponses()
export class PoliciesController {
  constructor(
    private readonly commands: CommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: policyDecider, streamOf: policyStream, name: 'Rule', view: (state) => ({ ...state }) },
    this.commands,
    this.store,
    this.clock,
  );

  @Requires('policies.manage')
  @Post()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Recorded; Location names the rule, ETag its revision.' })
  @ApiConflictResponse({ description: 'A rule with this id exists (POLICY.ALREADY_RECORDED): rules are never edited.' })
  async record(@Body() body: RecordPolicyRuleRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const envelope = commandEnvelope(request, this.clock.now(), body.occurredAt);
    const ruleId = body.ruleId ?? newAggregateId(envelope, 'policy', randomUUID);
    const { extensions } = body;
    const command: PolicyCommand = {
      type: 'RecordResponsePolicyRule',
      ruleId,
      category: body.category,
      step: body.step,
      limit: body.limit,
      unit: body.unit,
      clockStartsAt: body.clockStartsAt,
      pauses: body.pauses.map(({ pausedBy, resumedBy, onResume }) => ({ pausedBy, resumedBy, onResume })),
      extensions: extensions
        ? {
            ...allowance(extensions),
            complex: extensions.complex ? allowance(extensions.complex) : null,
            especiallyComplex: extensions.especiallyComplex ? allowance(extensions.especiallyComplex) : null,
          }
        : null,
      effectiveFrom: body.effectiveFrom,
      effectiveTo: body.effectiveTo ?? null,
      legalReference: body.legalReference,
      needsCheck: body.needsCheck,
    };
    const result = await this.commands.handle(policyDecider, policyStream(ruleId), command, envelope);
    answer(response, result, `/api/v1/policies/${ruleId}`);
    return { ruleId, ...result.state };
  }

  @Requires('directory.read')
  @ApiAnswer(READ_EXAMPLES.policy, { description: 'The recorded rule, with its ETag' })
  @Get(':ruleId')
  @ApiOkResponse({ description: 'The rule and its retirement, if any, with the ETag.' })
  @ApiNotFoundResponse({ description: 'No such rule (code NOT_FOUND).' })
  get(@Param('ruleId') ruleId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(ruleId, response);
  }

  @Requires('policies.manage')
  @Post(':ruleId/retirements')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'POLICY.ALREADY_RETIRED, POLICY.RETIRED_BEFORE_EFFECTIVE, POLICY.ALREADY_ENDS.' })
  async retire(
    @Param('ruleId') ruleId: string,
    @Body() body: RetirePolicyRuleRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await readAggregate(this.store, policyDecider, policyStream(ruleId), `Rule ${ruleId}`);
    const command: PolicyCommand = { type: 'RetireResponsePolicyRule', effectiveTo: body.effectiveTo, reason: body.reason };
    const result = await this.commands.handle(
      policyDecider,
      policyStream(ruleId),
      command,
      commandEnvelope(request, this.clock.now(), body.occurredAt),
    );
    answer(response, result);
    return result.state;
  }
}

/** Plain data for the event: the DTO instances carry class identity the event must not depend on. */
function allowance({ max, lengthDays }: ExtensionAllowanceDto): ExtensionAllowance {
  return { max, lengthDays };
}
