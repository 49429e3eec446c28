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

const RULE_ANSWER = resourceSchema('The rule');

@ApiTags('policies')
@Controller('api/v1/policies')
@CommandErrorResponses()
export class PoliciesController {
  constructor(
    private readonly commands: CommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: policyDecider, streamOf: policyStream, name: 'Rule', notFoundCode: 'POLICY.NOT_FOUND', view: (state) => ({ ...state }) },
    this.commands,
    this.store,
  );

  @CommandRoute(undefined, 'policies.manage', {
    creates: true,
    answers: 'Recorded; Location names the rule, ETag its revision.',
    schema: RULE_ANSWER,
    conflicts: 'A rule with this id exists (POLICY.ALREADY_RECORDED): rules are never edited.',
  })
  async record(@Body() body: RecordPolicyRuleRequestDto, @Envelope() envelope: CommandEnvelope) {
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
      remoteArea: body.remoteArea ? { limit: body.remoteArea.limit, complexLimit: body.remoteArea.complexLimit ?? null } : null,
      effectiveFrom: body.effectiveFrom,
      effectiveTo: body.effectiveTo ?? null,
      legalReference: body.legalReference,
      needsCheck: body.needsCheck,
    };
    return this.endpoint.create(ruleId, command, envelope, `/api/v1/policies/${ruleId}`, { ruleId });
  }

  @Requires('directory.read')
  @ApiAnswer(READ_EXAMPLES.policy, { description: 'The recorded rule, with its ETag' })
  @Get(':ruleId')
  @ApiOkResponse({ description: 'The rule and its retirement, if any, with the ETag.', schema: RULE_ANSWER })
  @ApiNotFoundResponse({ description: 'No such rule (code NOT_FOUND).' })
  get(@Param('ruleId') ruleId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(ruleId, response);
  }

  @CommandRoute(':ruleId/retirements', 'policies.manage', {
    answers: 'The rule, retired.',
    schema: RULE_ANSWER,
    conflicts: 'POLICY.ALREADY_RETIRED, POLICY.RETIRED_BEFORE_EFFECTIVE, POLICY.ALREADY_ENDS.',
  })
  retire(@Param('ruleId') ruleId: string, @Body() body: RetirePolicyRuleRequestDto, @Envelope() envelope: CommandEnvelope) {
    const command: PolicyCommand = { type: 'RetireResponsePolicyRule', effectiveTo: body.effectiveTo, reason: body.reason };
    return this.endpoint.act(ruleId, command, envelope);
  }
}

/** Plain data for the event: the DTO instances carry class identity the event must not depend on. */
function allowance({ max, lengthDays }: ExtensionAllowanceDto): ExtensionAllowance {
  return { max, lengthDays };
}
